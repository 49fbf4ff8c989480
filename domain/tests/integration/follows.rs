//! Following open and locked accounts.

use rookery_domain::page::PageRequest;
use rookery_domain::service::{accounts, follows, profiles};
use rookery_domain::testing::{TestDb, media_services};

use super::support::{app, user};

#[tokio::test]
async fn follow_unfollow_and_requests() {
    for test in TestDb::all().await {
        let db = &test.db;
        let a = user(db, "anna").await;
        let b = user(db, "ben").await;
        let (_, rel) = follows::follow(&app(db), &b, a.account_id).await.unwrap();
        assert!(rel.following && !rel.requested);
        let (_, again) = follows::follow(&app(db), &b, a.account_id).await.unwrap();
        assert_eq!(rel, again);
        let followers = follows::list(db, a.account_id, true, &PageRequest::first(10))
            .await
            .unwrap();
        assert_eq!(followers.items.len(), 1);
        assert_eq!(followers.items[0].1, b.account_id);
        assert!(follows::follow(&app(db), &a, a.account_id).await.is_err());

        let (_, rel) = follows::unfollow(&app(db), &b, a.account_id).await.unwrap();
        assert!(!rel.following);

        let update = profiles::ProfileUpdate {
            locked: Some(true),
            ..Default::default()
        };
        profiles::update_profile(&app(db), &media_services(), &a, update)
            .await
            .unwrap();
        let (_, rel) = follows::follow(&app(db), &b, a.account_id).await.unwrap();
        assert!(rel.requested && !rel.following, "{}", test.backend);
        let requests = follows::requests(db, &a, &PageRequest::first(10))
            .await
            .unwrap();
        assert_eq!(requests.items.len(), 1);
        follows::accept(&app(db), &a, b.account_id).await.unwrap();
        let rel = accounts::relationships(db, b.account_id, &[a.account_id])
            .await
            .unwrap();
        assert!(rel[&a.account_id].following && !rel[&a.account_id].requested);
        assert_eq!(
            follows::accept(&app(db), &a, b.account_id)
                .await
                .unwrap_err()
                .code(),
            "NOT_FOUND"
        );

        let c = user(db, "cleo").await;
        follows::follow(&app(db), &c, a.account_id).await.unwrap();
        follows::reject(&app(db), &a, c.account_id).await.unwrap();
        let rel = accounts::relationships(db, c.account_id, &[a.account_id])
            .await
            .unwrap();
        assert_eq!(rel[&a.account_id], Default::default());
        let counts = accounts::counts(db, &[a.account_id]).await.unwrap();
        assert_eq!(counts[&a.account_id].followers, 1);
    }
}

#[tokio::test]
async fn concurrent_writers_wait_their_turn() {
    // Answering a request reads it, then writes, in one transaction. On SQLite write
    // transactions take the lock when they begin, so many at once queue up instead of
    // failing when another commits between their read and their write.
    for test in TestDb::all().await {
        let db = &test.db;
        let target = user(db, "popular").await;
        let update = profiles::ProfileUpdate {
            locked: Some(true),
            ..Default::default()
        };
        profiles::update_profile(&app(db), &media_services(), &target, update)
            .await
            .unwrap();
        let mut fans = Vec::new();
        for n in 0..12 {
            let fan = user(db, &format!("fan{n}")).await;
            follows::follow(&app(db), &fan, target.account_id)
                .await
                .unwrap();
            fans.push(fan.account_id);
        }
        let tasks: Vec<_> = fans
            .iter()
            .map(|fan| {
                let db = db.clone();
                let fan = *fan;
                tokio::spawn(async move { follows::accept(&app(&db), &target, fan).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let relationships = accounts::relationships(db, target.account_id, &fans)
            .await
            .unwrap();
        assert!(
            fans.iter().all(|fan| relationships[fan].followed_by),
            "{}",
            test.backend
        );
    }
}
