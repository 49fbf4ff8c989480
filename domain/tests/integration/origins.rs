//! A remote document speaks only for its own server: the domain and the store refuse
//! whatever would write a local account, an account of another server, or a key another
//! account holds.

use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::testing::TestDb;
use rookery_domain::types::Account;
use rookery_domain::{DomainError, db, store};

use super::support::{remote_actor, user};

fn refused_as_foreign<T: std::fmt::Debug>(result: Result<T, DomainError>) {
    assert!(
        matches!(result, Err(DomainError::ForeignOrigin(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_actor_document_describes_its_own_server_only() {
    for test in TestDb::all().await {
        let db = &test.db;
        let alice = user(db, "alice").await;
        let local = store::accounts::by_id(db, alice.account_id)
            .await
            .unwrap()
            .unwrap();

        // A local account's id, said to be on another server or on this one.
        refused_as_foreign(
            remote::upsert_account(
                db,
                RemoteActor {
                    actor_id: local.actor_id.clone(),
                    key_id: format!("{}#main-key", local.actor_id),
                    domain: "rookery.test".into(),
                    ..remote_actor("evil.example", "x")
                },
            )
            .await,
        );
        refused_as_foreign(
            remote::upsert_account(
                db,
                RemoteActor {
                    actor_id: local.actor_id.clone(),
                    ..remote_actor("evil.example", "x")
                },
            )
            .await,
        );
        // A key on another server.
        refused_as_foreign(
            remote::upsert_account(
                db,
                RemoteActor {
                    key_id: "https://b.example/users/y#main-key".into(),
                    ..remote_actor("a.example", "x")
                },
            )
            .await,
        );
        let after = store::accounts::by_id(db, alice.account_id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after, local, "{}", test.backend);
        assert!(
            remote::account_by_actor_id(db, "https://a.example/users/x")
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn the_store_writes_remote_rows_of_the_same_server_only() {
    for test in TestDb::all().await {
        let db = &test.db;
        let alice = user(db, "alice").await;
        let local = store::accounts::by_id(db, alice.account_id)
            .await
            .unwrap()
            .unwrap();
        let bob = remote::upsert_account(db, remote_actor("a.example", "bob"))
            .await
            .unwrap();

        // Whatever a caller asks: a local row is not written.
        let takeover = Account {
            domain: Some("evil.example".into()),
            inbox_url: "https://evil.example/inbox".into(),
            ..local.clone()
        };
        assert!(store::accounts::update_remote(db, &takeover).await.is_err());
        let as_local = Account {
            domain: None,
            ..local.clone()
        };
        assert!(store::accounts::update_remote(db, &as_local).await.is_err());
        // Nor a remote row from another server's description.
        let moved = Account {
            domain: Some("evil.example".into()),
            inbox_url: "https://evil.example/inbox".into(),
            ..bob.clone()
        };
        assert!(store::accounts::update_remote(db, &moved).await.is_err());

        let local_after = store::accounts::by_id(db, local.id).await.unwrap().unwrap();
        assert_eq!(local_after, local);
        let bob_after = store::accounts::by_id(db, bob.id).await.unwrap().unwrap();
        assert_eq!(bob_after.inbox_url, bob.inbox_url, "{}", test.backend);
        assert_eq!(bob_after.domain.as_deref(), Some("a.example"));
    }
}

#[tokio::test]
async fn a_key_belongs_to_one_account() {
    for test in TestDb::all().await {
        let db = &test.db;
        let bob = remote::upsert_account(db, remote_actor("a.example", "bob"))
            .await
            .unwrap();
        let claim = remote::upsert_account(
            db,
            RemoteActor {
                key_id: bob.key_id.clone().unwrap(),
                ..remote_actor("a.example", "mallory")
            },
        )
        .await;
        assert!(claim.is_err(), "{}: {claim:?}", test.backend);
        let signer = remote::account_by_key_id(db, bob.key_id.as_deref().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(signer.id, bob.id);
        assert!(
            remote::account_by_actor_id(db, "https://a.example/users/mallory")
                .await
                .unwrap()
                .is_none()
        );
    }
}

/// Databases that hold a key id twice from before keep it for the account refreshed last.
#[tokio::test]
async fn a_shared_key_stays_with_the_account_refreshed_last() {
    for test in [TestDb::sqlite_empty().await]
        .into_iter()
        .chain(TestDb::postgres_empty().await)
    {
        let db = &test.db;
        db::migrate(db).await.unwrap();
        db::rollback(db, Some(1)).await.unwrap();
        let older = remote::upsert_account(db, remote_actor("a.example", "older"))
            .await
            .unwrap();
        let newer = remote::upsert_account(db, remote_actor("a.example", "newer"))
            .await
            .unwrap();
        test.execute(
            "UPDATE accounts SET key_id = 'https://a.example/shared#key' \
             WHERE username IN ('older', 'newer')",
        )
        .await;
        let a_day_earlier = if test.backend == "sqlite" {
            "'2000-01-01 00:00:00+00:00'"
        } else {
            "updated_at - INTERVAL '1 day'"
        };
        test.execute(&format!(
            "UPDATE accounts SET updated_at = {a_day_earlier} WHERE username = 'older'"
        ))
        .await;
        db::migrate(db).await.unwrap();
        let holder = remote::account_by_key_id(db, "https://a.example/shared#key")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(holder.id, newer.id, "{}", test.backend);
        let older = store::accounts::by_id(db, older.id).await.unwrap().unwrap();
        assert_eq!(older.key_id, None, "{}", test.backend);
    }
}
