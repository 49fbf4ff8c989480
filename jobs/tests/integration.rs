//! Workers against a real queue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "integration/delivery.rs"]
mod delivery;

use std::sync::Arc;
use std::time::{Duration, Instant};

use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::App;
use rookery_domain::service::auth::{self, Registration};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::store;
use rookery_domain::testing::{TestDb, instance};
use rookery_domain::types::Visibility;
use rookery_federation::context::{Federation, FederationContext};
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_jobs::{JobContext, JobQueue, Queue, QueueConfig, Workers};

/// The federation context of workers on `queue`, fetching with `fetcher`.
fn federation(db: &DatabaseConnection, queue: &JobQueue, fetcher: Fetcher) -> Federation {
    let outbox = Outbox::new(
        instance(),
        Arc::new(queue.clone()),
        Arc::new(LocalBus::default()),
    );
    FederationContext::new(App::new(db.clone(), outbox), fetcher).config()
}

#[tokio::test]
async fn a_worker_whose_backend_fails_comes_back() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let queue = JobQueue::open(
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
        queue.clone(),
        rookery_jobs::mail::mailer(
            None,
            "Rookery <noreply@rookery.test>",
            std::env::temp_dir().join(format!("rookery-mail-{}", uuid::Uuid::now_v7())),
        )
        .unwrap(),
        rookery_domain::testing::media_services(),
        federation(&db, &queue, fetcher),
    )));
    let outbox = Outbox::new(instance(), Arc::new(queue), Arc::new(LocalBus::default()));
    let app = App::new(db.clone(), outbox.clone());
    let registered = auth::register(
        &db,
        outbox.queue().as_ref(),
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
        media: Vec::new(),
        poll: None,
        quote_of: None,
        policy: Default::default(),
    };
    statuses::create(&app, &viewer, new).await.unwrap();
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

/// A report's mail for the one moderator, as the moderation job writes it.
async fn report_mail(db: &rookery_domain::db::DatabaseConnection) -> rookery_domain::ids::MailId {
    use rookery_domain::service::reports::{self, NewReport};
    use rookery_domain::testing::RecordingQueue;
    use rookery_domain::types::{ReportCategory, RoleKey};

    let queue = Arc::new(RecordingQueue::default());
    let outbox = Outbox::new(instance(), queue.clone(), Arc::new(LocalBus::default()));
    let app = App::new(db.clone(), outbox.clone());
    auth::create_user(
        db,
        &instance(),
        auth::NewUser {
            username: "moira".into(),
            email: "moira@example.org".into(),
            password: "correct horse".into(),
            role: RoleKey::Moderator,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await
    .unwrap();
    let mut viewers = Vec::new();
    for name in ["alice", "bob"] {
        let registered = auth::register(
            db,
            &rookery_domain::testing::RecordingQueue::default(),
            &instance(),
            Registration {
                username: name.into(),
                email: format!("{name}@example.org"),
                password: "correct horse".into(),
                reason: None,
            },
        )
        .await
        .unwrap();
        viewers.push(
            auth::authenticate(db, &registered.token.unwrap())
                .await
                .unwrap(),
        );
    }
    let report = reports::file(
        &app,
        &viewers[0],
        NewReport {
            target: viewers[1].account_id,
            statuses: Vec::new(),
            comment: "rude".into(),
            category: ReportCategory::Violation,
            rules: Vec::new(),
            forward: false,
        },
    )
    .await
    .unwrap();
    reports::moderate(&app, report.id).await.unwrap();
    let mailed = queue.mailed();
    assert_eq!(mailed.len(), 1);
    mailed[0]
}

#[tokio::test]
async fn mail_waits_for_an_smtp_server_that_is_down_and_is_written_once() {
    use rookery_domain::service::mail::{self, Sent};

    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let id = report_mail(&db).await;
    // Nothing listens on this port: the attempt counts, and the mail waits for another.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp = rookery_jobs::mail::mailer(
        Some(&format!("smtp://127.0.0.1:{closed}")),
        "Rookery <noreply@rookery.test>",
        std::env::temp_dir(),
    )
    .unwrap();
    match mail::send(&db, smtp.as_ref(), id).await.unwrap() {
        Sent::Retry { attempts, .. } => assert_eq!(attempts, 1),
        other => panic!("expected a retry, got {other:?}"),
    }

    let dir = std::env::temp_dir().join(format!("rookery-mail-{}", uuid::Uuid::now_v7()));
    let files =
        rookery_jobs::mail::mailer(None, "Rookery <noreply@rookery.test>", dir.clone()).unwrap();
    assert_eq!(
        mail::send(&db, files.as_ref(), id).await.unwrap(),
        Sent::Done
    );
    let written: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(written.len(), 1);
    let text = std::fs::read_to_string(written[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("To: moira@example.org"), "{text}");
    assert!(text.contains("rude"), "{text}");
    // Sent is sent: a second run writes nothing more.
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        mail::send(&db, files.as_ref(), id).await.unwrap(),
        Sent::Done
    );
    assert!(!dir.exists());
    // A bad configuration is refused up front.
    assert!(rookery_jobs::mail::mailer(None, "not an address", dir.clone()).is_err());
    assert!(rookery_jobs::mail::mailer(Some("ftp://x"), "Rookery <a@b.example>", dir).is_err());
}

#[tokio::test]
async fn finished_tasks_are_pruned_from_redis() {
    use rookery_domain::ids::MediaId;
    use rookery_domain::ports::TaskQueue;
    use rookery_domain::testing::skip_unless_required;

    let url = std::env::var("ROOKERY_TEST_REDIS_URL").unwrap_or("redis://127.0.0.1:6379".into());
    let Ok(client) = redis::Client::open(url.as_str()) else {
        panic!("not a Redis URL: {url}");
    };
    let Ok(mut conn) = client.get_multiplexed_async_connection().await else {
        skip_unless_required(&format!("Redis is not reachable at {url}"));
        return;
    };
    let namespace = format!("rookery-test-{}", uuid::Uuid::now_v7().simple());
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let queue = JobQueue::open(
        &db,
        QueueConfig {
            redis_url: Some(url.clone()),
            namespace: namespace.clone(),
            poll_interval: Duration::from_millis(50),
            ..QueueConfig::default()
        },
    )
    .await
    .unwrap();
    let fetcher = Fetcher::new(FetchPolicy::default(), "test").unwrap();
    let context = JobContext::new(
        queue.clone(),
        rookery_jobs::mail::mailer(None, "Rookery <noreply@rookery.test>", std::env::temp_dir())
            .unwrap(),
        rookery_domain::testing::media_services(),
        federation(&db, &queue, fetcher),
    );
    let workers = Workers::start_queues(Arc::new(context), &[Queue::Media]);

    // Media tasks about nothing: each is done at once.
    let done_set = format!("{namespace}:media:done");
    queue
        .process_media((0..5).map(|_| MediaId::new()).collect())
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let done: u64 = redis::cmd("SCARD")
            .arg(&done_set)
            .query_async(&mut conn)
            .await
            .unwrap();
        if done == 5 {
            break;
        }
        assert!(Instant::now() < deadline, "{done} of 5 tasks done");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    workers.stop().await;

    // Kept for an hour; pruned when older than that.
    assert_eq!(
        queue
            .prune_finished_on_redis(Duration::from_secs(3600))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        queue.prune_finished_on_redis(Duration::ZERO).await.unwrap(),
        5
    );
    let left: Vec<String> = redis::cmd("KEYS")
        .arg(format!("{namespace}:*"))
        .query_async(&mut conn)
        .await
        .unwrap();
    let left_of_media: Vec<&String> = left.iter().filter(|k| k.contains(":media")).collect();
    assert!(
        !left_of_media
            .iter()
            .any(|key| key.ends_with(":done") || key.contains("meta:")),
        "{left_of_media:?}"
    );
    let done: u64 = redis::cmd("SCARD")
        .arg(&done_set)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(done, 0);
    let _: () = redis::cmd("DEL")
        .arg(&left)
        .query_async(&mut conn)
        .await
        .unwrap_or(());
}
