//! The delivery policy end to end: workers POST to loopback inboxes that fail, refuse for
//! good, ask for time, hang, or keep failing, and the queue holds what comes next.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::ActivityId;
use rookery_domain::service::App;
use rookery_domain::service::auth::{self, Registration};
use rookery_domain::service::delivery_hosts::{self, HostHealth};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::statuses::{self, NewStatus};
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::Visibility;
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_jobs::backoff::MAX_ATTEMPTS;
use rookery_jobs::tasks::DeliverTask;
use rookery_jobs::{JobContext, JobQueue, Queue, QueueConfig, Workers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::instance;

/// How a fake inbox answers a POST.
#[derive(Debug, Clone, Copy)]
enum Answer {
    Status(u16),
    /// 429 with `Retry-After` in seconds.
    TooMany(u64),
    /// Reads the request and never answers.
    Hang,
}

/// A fake inbox on a port of its own (so a host of its own), counting the POSTs that
/// reached it as they arrive, before it answers.
struct Inbox {
    url: String,
    host: String,
    arrivals: Arc<AtomicUsize>,
}

impl Inbox {
    async fn start(answer: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let host = listener.local_addr().unwrap().to_string();
        let arrivals = Arc::new(AtomicUsize::new(0));
        let counted = arrivals.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let counted = counted.clone();
                tokio::spawn(async move {
                    if !read_request(&mut socket).await {
                        return;
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    let reply = match answer {
                        Answer::Status(code) => format!(
                            "HTTP/1.1 {code} Whatever\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                        ),
                        Answer::TooMany(seconds) => format!(
                            "HTTP/1.1 429 Too Many Requests\r\nretry-after: {seconds}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                        ),
                        Answer::Hang => {
                            tokio::time::sleep(Duration::from_secs(3600)).await;
                            return;
                        }
                    };
                    let _ = socket.write_all(reply.as_bytes()).await;
                });
            }
        });
        Self {
            url: format!("http://{host}/inbox"),
            host,
            arrivals,
        }
    }

    fn arrivals(&self) -> usize {
        self.arrivals.load(Ordering::SeqCst)
    }
}

/// Reads one request's head and body; false when the connection ends first.
async fn read_request(socket: &mut tokio::net::TcpStream) -> bool {
    let mut read = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = read.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => read.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&read[..head_end]).to_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while read.len() < head_end + length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => read.extend_from_slice(&buffer[..n]),
        }
    }
    true
}

/// A delivery task as the queue holds it.
#[derive(Debug)]
struct Queued {
    inbox: String,
    attempt: u32,
    status: String,
    /// When it is due, in seconds since the epoch.
    run_at: i64,
}

/// Every delivery task in the queue's table, whatever its state.
async fn queued(db: &DatabaseConnection) -> Vec<Queued> {
    rookery_domain::testing::rows(
        db,
        "SELECT convert_from(job, 'UTF8') AS job, status, \
         CAST(extract(epoch FROM run_at) AS BIGINT) AS run_at \
         FROM apalis.jobs WHERE job_type LIKE '%deliver'",
        "SELECT CAST(job AS TEXT) AS job, status, run_at FROM Jobs \
         WHERE job_type LIKE '%deliver'",
    )
    .await
    .into_iter()
    .map(|row| {
        let job: String = row.try_get("", "job").unwrap();
        let task: DeliverTask = serde_json::from_str(&job).unwrap();
        Queued {
            inbox: task.inbox,
            attempt: task.attempt,
            status: row.try_get("", "status").unwrap(),
            run_at: row.try_get("", "run_at").unwrap(),
        }
    })
    .collect()
}

fn now_secs() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

/// Waits until `done` holds of the queue's delivery tasks.
async fn until(db: &DatabaseConnection, what: &str, done: impl Fn(&[Queued]) -> bool) {
    let start = Instant::now();
    loop {
        let tasks = queued(db).await;
        if done(&tasks) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{what} did not happen: {tasks:#?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How many tasks of attempt `attempt` to `inbox` are in `state`.
fn count(tasks: &[Queued], inbox: &Inbox, attempt: u32, state: &str) -> usize {
    tasks
        .iter()
        .filter(|t| t.inbox == inbox.url && t.attempt == attempt && t.status == state)
        .count()
}

/// The task of attempt `attempt` to `inbox`, which must be the only one.
fn the<'a>(tasks: &'a [Queued], inbox: &Inbox, attempt: u32) -> &'a Queued {
    let found: Vec<_> = tasks
        .iter()
        .filter(|t| t.inbox == inbox.url && t.attempt == attempt)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "attempt {attempt} to {}: {tasks:#?}",
        inbox.url
    );
    found[0]
}

/// A local status whose `Create` is built and published, ready to deliver anywhere.
async fn published_create(db: &DatabaseConnection, outbox: &Outbox) -> ActivityId {
    let registered = auth::register(
        db,
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
    let viewer = auth::authenticate(db, &registered.token.unwrap())
        .await
        .unwrap();
    let new = NewStatus {
        text: "to whoever answers".into(),
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
    statuses::create(&App::new(db.clone(), outbox.clone()), &viewer, new)
        .await
        .unwrap();
    let activity = store::outbox_activities::recent_of(db, viewer.account_id, 1)
        .await
        .unwrap()[0];
    let start = Instant::now();
    while outbox::get(db, activity)
        .await
        .unwrap()
        .unwrap()
        .published_at
        .is_none()
    {
        assert!(start.elapsed() < Duration::from_secs(15), "not published");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    activity
}

async fn failures_are_retried_dropped_or_given_up(test: TestDb) {
    let db = test.db.clone();
    let queue = JobQueue::open(
        &db,
        QueueConfig {
            poll_interval: Duration::from_millis(50),
            ..QueueConfig::default()
        },
    )
    .await
    .unwrap();
    // Loopback inboxes; one that hangs is given up on after a second.
    let fetcher = Fetcher::new(
        FetchPolicy {
            allow_private: true,
            timeout: Duration::from_secs(1),
            ..FetchPolicy::default()
        },
        "rookery-test",
    )
    .unwrap();
    let workers = Workers::start_queues(
        Arc::new(JobContext::new(
            queue.clone(),
            rookery_jobs::mail::mailer(
                None,
                "Rookery <noreply@rookery.test>",
                std::env::temp_dir(),
            )
            .unwrap(),
            rookery_domain::testing::media_services(),
            super::federation(&db, &queue, fetcher),
        )),
        &[Queue::Publish, Queue::Deliver],
    );
    let outbox = Outbox::new(
        instance(),
        Arc::new(queue.clone()),
        Arc::new(LocalBus::default()),
    );
    let activity = published_create(&db, &outbox).await;

    let failing = Inbox::start(Answer::Status(500)).await;
    let gone = Inbox::start(Answer::Status(410)).await;
    let busy = Inbox::start(Answer::TooMany(600)).await;
    let hanging = Inbox::start(Answer::Hang).await;
    let last = Inbox::start(Answer::Status(503)).await;
    // A host that failed on six earlier days: today's failure is its seventh.
    let dying = Inbox::start(Answer::Status(500)).await;
    let today = chrono::Utc::now();
    for days_ago in 1..=6 {
        delivery_hosts::failed(&db, &dying.host, today - chrono::Duration::days(days_ago))
            .await
            .unwrap();
    }

    let before = now_secs();
    let first = [&failing, &gone, &busy, &hanging, &dying];
    queue
        .deliver(activity, first.iter().map(|i| i.url.clone()).collect())
        .await
        .unwrap();
    queue
        .deliver_later(
            DeliverTask {
                activity: activity.0,
                inbox: last.url.clone(),
                attempt: MAX_ATTEMPTS,
            },
            Duration::ZERO,
        )
        .await
        .unwrap();
    until(&db, "every first attempt", |tasks| {
        first.iter().all(|i| count(tasks, i, 1, "Done") == 1)
            && count(tasks, &last, MAX_ATTEMPTS, "Done") == 1
    })
    .await;
    let after = now_secs();
    for inbox in first.iter().chain([&&last]) {
        assert_eq!(inbox.arrivals(), 1, "{}", inbox.url);
    }
    let tasks = queued(&db).await;

    // A 5xx, and an inbox that never answers, are tried again after the backoff's first
    // delay (15 s and 1.9 s, and up to a tenth more).
    for inbox in [&failing, &hanging] {
        let next = the(&tasks, inbox, 2);
        assert_eq!(next.status, "Pending", "{}", inbox.url);
        assert!(
            (before + 16..=after + 19).contains(&next.run_at),
            "{}: due {} s after",
            inbox.url,
            next.run_at - before
        );
    }
    // A 429 is tried again when it asked, later than the backoff would.
    let next = the(&tasks, &busy, 2);
    assert_eq!(next.status, "Pending");
    assert!(
        (before + 599..=after + 601).contains(&next.run_at),
        "due {} s after",
        next.run_at - before
    );
    // A permanent refusal is dropped: no other attempt, and no failure on record.
    assert!(tasks.iter().all(|t| t.inbox != gone.url || t.attempt == 1));
    // The last attempt is not followed by another: the failure is kept for the admins.
    assert!(
        tasks
            .iter()
            .all(|t| t.inbox != last.url || t.attempt == MAX_ATTEMPTS)
    );
    let failed = store::failed_deliveries::recent(&db, 10).await.unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].inbox, last.url);
    assert_eq!(failed[0].activity, activity);
    assert_eq!(failed[0].attempts, MAX_ATTEMPTS);
    assert!(failed[0].last_error.contains("503"), "{failed:?}");

    // Failing on a seventh day made the host unavailable; a delivery to it now is skipped:
    // done, without a request and without another attempt.
    let health = delivery_hosts::all(&db).await.unwrap();
    assert_eq!(health.get(&dying.host), Some(&HostHealth::Unavailable));
    assert_eq!(health.get(&failing.host), Some(&HostHealth::Failing));
    queue
        .deliver(activity, vec![dying.url.clone()])
        .await
        .unwrap();
    until(&db, "the delivery to the unavailable host", |tasks| {
        count(tasks, &dying, 1, "Done") == 2
    })
    .await;
    assert_eq!(dying.arrivals(), 1);
    let tasks = queued(&db).await;
    assert_eq!(
        tasks
            .iter()
            .filter(|t| t.inbox == dying.url && t.attempt == 2)
            .count(),
        1,
        "{tasks:#?}"
    );
    workers.stop().await;
}

#[tokio::test]
async fn failed_deliveries_are_retried_dropped_or_given_up_on_sqlite() {
    failures_are_retried_dropped_or_given_up(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn failed_deliveries_are_retried_dropped_or_given_up_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    failures_are_retried_dropped_or_given_up(postgres).await;
}
