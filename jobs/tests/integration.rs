//! Workers against a real SQLite queue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use rookery_domain::service::auth::{self, Registration};
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::{Instance, RegistrationMode, Visibility};
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_jobs::{JobContext, Queue, QueueConfig, Workers};

fn instance() -> Instance {
    Instance {
        domain: "rookery.test".into(),
        base_url: url::Url::parse("https://rookery.test/").unwrap(),
        name: "Test".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 500,
    }
}

#[tokio::test]
async fn a_worker_whose_backend_fails_comes_back() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let queue = Queue::open(
        &db,
        QueueConfig {
            heartbeat: Duration::from_secs(1),
            poll_interval: Duration::from_millis(50),
            ..QueueConfig::default()
        },
    )
    .await
    .unwrap();
    let fetcher = Fetcher::new(FetchPolicy::default(), "test").unwrap();
    let workers = Workers::start(Arc::new(JobContext::new(
        db.clone(),
        instance(),
        fetcher,
        queue.clone(),
    )));
    let outbox = Outbox::new(instance(), Arc::new(queue));
    let registered = auth::register(
        &db,
        &instance(),
        Registration {
            username: "alice".into(),
            email: "alice@example.org".into(),
            password: "correct horse".into(),
            reason: None,
        },
    )
    .await
    .unwrap();
    let viewer = auth::authenticate(&db, &registered.token.unwrap())
        .await
        .unwrap();

    // The workers' own table goes away: their heartbeats fail and they die.
    test.execute("ALTER TABLE Workers RENAME TO WorkersAway")
        .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let new = NewStatus {
        text: "still delivered".into(),
        content_warning: None,
        sensitive: false,
        visibility: Visibility::Public,
        in_reply_to: None,
        language: None,
    };
    statuses::create(&db, &outbox, &instance(), &viewer, new)
        .await
        .unwrap();
    let activity = store::outbox_activities::recent_of(&db, viewer.account_id, 1)
        .await
        .unwrap()[0];
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        outbox::get(&db, activity)
            .await
            .unwrap()
            .unwrap()
            .published_at
            .is_none(),
        "nothing runs while the queue is broken"
    );

    // Back: the restarted workers publish what waited.
    test.execute("ALTER TABLE WorkersAway RENAME TO Workers")
        .await;
    let start = Instant::now();
    while outbox::get(&db, activity)
        .await
        .unwrap()
        .unwrap()
        .published_at
        .is_none()
    {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the workers did not come back"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    workers.stop().await;
}
