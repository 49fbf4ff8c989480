//! Webhook bookkeeping: deliveries recorded with the change for the webhooks that may hear
//! of it, found again when the queue lost them, and each attempt's outcome kept.

use std::time::Duration;

use rookery_domain::service::webhooks::{self, Failed, NewWebhook};
use rookery_domain::testing::{RecordingQueue, TestDb};
use rookery_domain::types::{Visibility, WebhookEvent};

use super::support::{post, user};

#[tokio::test]
async fn deliveries_are_recorded_with_the_change_and_kept_until_done() {
    for test in TestDb::all().await {
        let db = &test.db;
        let alice = user(db, "alice").await;
        let bob = user(db, "bob").await;
        webhooks::create(
            db,
            &alice,
            NewWebhook {
                url: "https://hooks.example/alice".into(),
                events: vec![WebhookEvent::StatusCreated],
                instance_wide: false,
            },
        )
        .await
        .unwrap();
        let queue = RecordingQueue::default();
        let now = Duration::ZERO;

        // Bob's status is none of alice's webhook's business.
        post(db, &bob, "bob speaks", Visibility::Public).await;
        assert_eq!(webhooks::requeue_overdue(db, &queue, now).await.unwrap(), 0);

        // Alice's is recorded, committed with it, and found again though never queued.
        let status = post(db, &alice, "alice speaks", Visibility::Followers).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(
            webhooks::requeue_overdue(db, &queue, now).await.unwrap(),
            1,
            "{}",
            test.backend
        );
        let id = queue.webhook_deliveries()[0];
        let pending = webhooks::pending(db, id).await.unwrap().unwrap();
        assert_eq!(pending.url, "https://hooks.example/alice");
        assert_eq!(pending.event, "STATUS_CREATED");
        assert!(pending.secret.starts_with("whsec_"));
        assert!(!format!("{pending:?}").contains(&pending.secret));
        let body: serde_json::Value = serde_json::from_str(&pending.body).unwrap();
        assert_eq!(body["event"], "STATUS_CREATED");
        assert_eq!(
            body["object"]["id"],
            rookery_domain::ids::global("Status", status.id.0)
        );
        assert_eq!(body["object"]["visibility"], "FOLLOWERS");

        // A failure worth retrying waits; until then it is not pending, nor lost.
        let failed = webhooks::failed(db, &pending, "answered 503", true, None)
            .await
            .unwrap();
        assert!(matches!(failed, Failed::RetryAfter(_)), "{failed:?}");
        let lost = webhooks::requeue_overdue(db, &queue, now).await.unwrap();
        assert_eq!(lost, 0);

        // Once sent, it is done.
        let mut retried = pending.clone();
        retried.attempts = 1;
        webhooks::delivered(db, &retried).await.unwrap();
        assert!(webhooks::pending(db, id).await.unwrap().is_none());

        // A refusal is final at once.
        post(db, &alice, "again", Visibility::Public).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        let queue = RecordingQueue::default();
        webhooks::requeue_overdue(db, &queue, now).await.unwrap();
        let id = queue.webhook_deliveries()[0];
        let pending = webhooks::pending(db, id).await.unwrap().unwrap();
        let failed = webhooks::failed(db, &pending, "answered 410", false, None)
            .await
            .unwrap();
        assert_eq!(failed, Failed::GaveUp);
        assert!(webhooks::pending(db, id).await.unwrap().is_none());
        assert_eq!(webhooks::requeue_overdue(db, &queue, now).await.unwrap(), 0);
    }
}
