//! Pins of remote accounts: however many their servers announce, the latest
//! `MAX_REMOTE_PINS` are kept.

use rookery_domain::db::WriteGroup;
use rookery_domain::service::pins::{self, MAX_REMOTE_PINS};
use rookery_domain::service::remote;
use rookery_domain::service::statuses::received;
use rookery_domain::service::tags::TagIds;
use rookery_domain::store;
use rookery_domain::testing::TestDb;

use super::received::note;
use super::support::{app, remote_actor};

#[tokio::test]
async fn a_remote_account_keeps_its_latest_pins() {
    for test in TestDb::all().await {
        let db = &test.db;
        let sender = remote::upsert_account(db, remote_actor("together.example", "sender"))
            .await
            .unwrap();
        let (app, tags, group) = (app(db), TagIds::default(), WriteGroup::default());
        let mut statuses = Vec::new();
        for n in 0..MAX_REMOTE_PINS + 5 {
            let stored = received::store_status(&app, &tags, &group, note(sender.id, n));
            statuses.push(stored.await.unwrap());
        }

        // Announced one by one, the earliest pinned make way for the latest.
        for status in &statuses {
            assert!(pins::pin_received(db, sender.id, status).await.unwrap());
        }
        let latest_first: Vec<_> = statuses.iter().rev().map(|s| s.id).collect();
        assert_eq!(
            store::pins::of(db, sender.id).await.unwrap(),
            latest_first[..MAX_REMOTE_PINS],
            "{}",
            test.backend
        );

        // Read from a collection, its first items are kept.
        let kept = pins::replace_received(db, sender.id, &statuses)
            .await
            .unwrap();
        assert_eq!(kept, MAX_REMOTE_PINS, "{}", test.backend);
        let first: Vec<_> = statuses
            .iter()
            .take(MAX_REMOTE_PINS)
            .map(|s| s.id)
            .collect();
        assert_eq!(
            store::pins::of(db, sender.id).await.unwrap(),
            first,
            "{}",
            test.backend
        );
    }
}
