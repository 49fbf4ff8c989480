//! Sign-up, log-in, tokens.

use rookery_domain::DomainError;
use rookery_domain::service::{auth, instance as settings};
use rookery_domain::testing::{RecordingQueue, TestDb};
use rookery_domain::types::RegistrationMode;

use super::support::{instance, user};

fn registration(username: &str, email: &str) -> auth::Registration {
    auth::Registration {
        username: username.into(),
        email: email.into(),
        password: "correct horse".into(),
        reason: None,
    }
}

#[tokio::test]
async fn sign_up_rules() {
    for test in TestDb::all().await {
        let db = &test.db;
        user(db, "alice").await;
        let taken = auth::register(
            db,
            &RecordingQueue::default(),
            &instance(),
            registration("ALICE", "other@example.org"),
        )
        .await;
        assert!(
            matches!(taken, Err(DomainError::UsernameTaken)),
            "{}",
            test.backend
        );
        let email = auth::register(
            db,
            &RecordingQueue::default(),
            &instance(),
            registration("bob", "Alice@Example.org"),
        )
        .await;
        assert!(matches!(email, Err(DomainError::EmailTaken)));
        for bad in ["", "al ice", "admin", &"x".repeat(31)] {
            let result = auth::register(
                db,
                &RecordingQueue::default(),
                &instance(),
                registration(bad, "x@example.org"),
            )
            .await;
            assert_eq!(result.unwrap_err().code(), "VALIDATION", "{bad:?}");
        }
        let mut closed = instance();
        closed.registration_mode = RegistrationMode::Closed;
        let result = auth::register(
            db,
            &RecordingQueue::default(),
            &closed,
            registration("carol", "c@example.org"),
        )
        .await;
        assert!(matches!(result, Err(DomainError::RegistrationsClosed)));
        // Nothing was half-created by the refusals.
        assert_eq!(settings::usage(db).await.unwrap().local_accounts, 1);
    }
}

#[tokio::test]
async fn approval_mode_holds_log_in_until_approved() {
    let test = TestDb::sqlite().await;
    let db = &test.db;
    settings::set_registration_mode(db, RegistrationMode::Approval)
        .await
        .unwrap();
    let effective = settings::load(db, &instance()).await.unwrap();
    assert_eq!(effective.registration_mode, RegistrationMode::Approval);
    let registered = auth::register(
        db,
        &RecordingQueue::default(),
        &effective,
        registration("dan", "d@example.org"),
    )
    .await
    .unwrap();
    assert!(registered.token.is_none());
    let login = auth::login(db, "dan", "correct horse").await;
    assert!(matches!(login, Err(DomainError::AccountPendingApproval)));
}

#[tokio::test]
async fn log_in_out_and_revoke() {
    for test in TestDb::all().await {
        let db = &test.db;
        user(db, "erin").await;
        for (login, password) in [("erin", "wrong password"), ("nobody", "correct horse")] {
            let result = auth::login(db, login, password).await;
            assert!(matches!(result, Err(DomainError::InvalidCredentials)));
        }
        let (_, by_name) = auth::login(db, "Erin", "correct horse").await.unwrap();
        let (user, by_email) = auth::login(db, "erin@example.org", "correct horse")
            .await
            .unwrap();
        let viewer = auth::authenticate(db, &by_name).await.unwrap();
        auth::logout(db, &viewer).await.unwrap();
        assert!(matches!(
            auth::authenticate(db, &by_name).await,
            Err(DomainError::InvalidToken)
        ));
        assert!(auth::authenticate(db, &by_email).await.is_ok());
        auth::reset_password(db, "erin", "new password!".into())
            .await
            .unwrap();
        assert!(matches!(
            auth::authenticate(db, &by_email).await,
            Err(DomainError::InvalidToken)
        ));
        assert!(auth::login(db, "erin", "correct horse").await.is_err());
        let (again, _) = auth::login(db, "erin", "new password!").await.unwrap();
        assert_eq!(again.id, user.id);
    }
}
