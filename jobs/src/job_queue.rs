//! Where tasks wait: apalis on the SQLite database itself, on PostgreSQL, or on Redis when
//! one is configured, one storage per [`Queue`]. The same handlers run whichever holds the
//! tasks.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{Backend, Metrics, TaskBuilder, TaskSink};
use apalis_core::backend::Vacuum;
use apalis_postgres::PostgresStorage;
use apalis_redis::{ConnectionManager, RedisStorage};
use apalis_sqlite::SqliteStorage;
use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender};
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{
    AccountId, ActivityId, CustomEmojiId, MailId, MediaId, ReportId, StatusId, WebhookDeliveryId,
};
use rookery_domain::ports::{PortFuture, QueueError, QueueStats, TaskQueue};
use rookery_domain::types::FailedDelivery;

use crate::JobsError;
use crate::queue::{HANDLER_ATTEMPTS, Queue};
use crate::tasks::{
    DeliverTask, FetchParentTask, IngressTask, MailTask, MaintenanceTask, MediaTask, ModerateTask,
    PublishTask, ReadSoftwareTask, VerifyLinksTask, WebhookTask,
};

/// Where the queues live and how workers watch them.
#[derive(Debug, Clone)]
pub struct QueueConfig {
    /// Redis holds the queues when set; else the database does.
    pub redis_url: Option<String>,
    /// Prefix of queue names (Redis keys), so that instances can share a Redis.
    pub namespace: String,
    /// How often an idle worker looks for tasks queued by another process or scheduled
    /// for later.
    pub poll_interval: Duration,
    /// How often workers say they are alive; a worker silent for two of these has its
    /// tasks given to others.
    pub heartbeat: Duration,
}

impl Default for QueueConfig {
    fn default() -> Self {
        Self {
            redis_url: None,
            namespace: "rookery".into(),
            poll_interval: Duration::from_secs(1),
            heartbeat: Duration::from_secs(10),
        }
    }
}

/// Tasks a worker takes per fetch: enough to keep every delivery slot busy between polls.
const BATCH: usize = 64;

/// Tasks a worker of `queue` takes per fetch from SQLite: deliveries come in large
/// fan-outs, and every fetch is a write.
fn sqlite_batch(queue: Queue) -> usize {
    if queue == Queue::Deliver {
        4 * BATCH
    } else {
        BATCH
    }
}

/// Deliveries queued per transaction: on SQLite, which writes one transaction at a time,
/// workers fetch between chunks.
const DELIVERY_CHUNK: usize = 100;

/// A backend's storage type, for any task type.
pub(crate) trait Family {
    type Of<T>;
}

pub(crate) struct OnSqlite;
pub(crate) struct OnPostgres;
pub(crate) struct OnRedis;

impl Family for OnSqlite {
    type Of<T> = SqliteStorage<T>;
}

impl Family for OnPostgres {
    type Of<T> = PostgresStorage<T>;
}

impl Family for OnRedis {
    type Of<T> = RedisStorage<T, ConnectionManager>;
}

/// One value per queue: a storage per queue on one backend, or the wakers of each queue.
pub(crate) struct PerQueue<
    Publish,
    Deliver,
    Ingress,
    Media,
    Moderation,
    Mail,
    Maintenance,
    Webhooks,
> {
    pub publish: Publish,
    pub deliver: Deliver,
    pub ingress: Ingress,
    pub media: Media,
    pub moderation: Moderation,
    pub mail: Mail,
    pub maintenance: Maintenance,
    pub webhooks: Webhooks,
}

/// The storages of every queue on one backend.
pub(crate) type Kinds<F> = PerQueue<
    <F as Family>::Of<PublishTask>,
    <F as Family>::Of<DeliverTask>,
    <F as Family>::Of<IngressTask>,
    <F as Family>::Of<MediaTask>,
    <F as Family>::Of<ModerateTask>,
    <F as Family>::Of<MailTask>,
    <F as Family>::Of<MaintenanceTask>,
    <F as Family>::Of<WebhookTask>,
>;

/// Builds a [`PerQueue`], evaluating `$make` with `$name` bound to each [`Queue`].
macro_rules! per_queue {
    ($name:ident => $make:expr) => {
        PerQueue {
            publish: {
                let $name = Queue::Publish;
                $make
            },
            deliver: {
                let $name = Queue::Deliver;
                $make
            },
            ingress: {
                let $name = Queue::Ingress;
                $make
            },
            media: {
                let $name = Queue::Media;
                $make
            },
            moderation: {
                let $name = Queue::Moderation;
                $make
            },
            mail: {
                let $name = Queue::Mail;
                $make
            },
            maintenance: {
                let $name = Queue::Maintenance;
                $make
            },
            webhooks: {
                let $name = Queue::Webhooks;
                $make
            },
        }
    };
}

/// Evaluates `$body` with `$storage` bound to `$kinds`' value for `$queue`. One arm per
/// queue: a queue without a storage does not compile.
macro_rules! with_storage {
    ($kinds:expr, $queue:expr, |$storage:ident| $body:expr) => {
        match $queue {
            Queue::Publish => {
                let $storage = &$kinds.publish;
                $body
            }
            Queue::Deliver => {
                let $storage = &$kinds.deliver;
                $body
            }
            Queue::Ingress => {
                let $storage = &$kinds.ingress;
                $body
            }
            Queue::Media => {
                let $storage = &$kinds.media;
                $body
            }
            Queue::Moderation => {
                let $storage = &$kinds.moderation;
                $body
            }
            Queue::Mail => {
                let $storage = &$kinds.mail;
                $body
            }
            Queue::Maintenance => {
                let $storage = &$kinds.maintenance;
                $body
            }
            Queue::Webhooks => {
                let $storage = &$kinds.webhooks;
                $body
            }
        }
    };
}
pub(crate) use with_storage;

/// Every queue's storage, on one backend.
#[expect(
    clippy::large_enum_variant,
    reason = "one per process, built once and shared behind an Arc"
)]
pub(crate) enum Storages {
    Sqlite(Kinds<OnSqlite>),
    Postgres(Kinds<OnPostgres>),
    Redis(Kinds<OnRedis>),
}

/// Workers of this process to wake when a task is queued here.
#[derive(Default)]
pub(crate) struct Wakers(std::sync::Mutex<Vec<UnboundedSender<()>>>);

impl Wakers {
    pub(crate) fn listen(&self) -> UnboundedReceiver<()> {
        let (sender, receiver) = futures::channel::mpsc::unbounded();
        self.lock().push(sender);
        receiver
    }

    fn wake(&self) {
        self.lock()
            .retain(|sender| sender.unbounded_send(()).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<UnboundedSender<()>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The wakers of every queue.
pub(crate) type Pushed = PerQueue<Wakers, Wakers, Wakers, Wakers, Wakers, Wakers, Wakers, Wakers>;

/// The job queue: what the domain and the handlers push tasks into.
#[derive(Clone)]
pub struct JobQueue {
    pub(crate) storages: Arc<Storages>,
    pub(crate) config: Arc<QueueConfig>,
    pub(crate) pushed: Arc<Pushed>,
}

impl std::fmt::Debug for JobQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobQueue")
            .field("backend", &self.backend_name())
            .field("namespace", &self.config.namespace)
            .finish()
    }
}

/// Pushes `tasks` into queue `$kind`, on whichever backend holds it.
macro_rules! push_to {
    ($storages:expr, $kind:ident, $tasks:expr) => {
        match &*$storages {
            Storages::Sqlite(kinds) => push_all(kinds.$kind.clone(), $tasks).await,
            Storages::Postgres(kinds) => push_all(kinds.$kind.clone(), $tasks).await,
            Storages::Redis(kinds) => push_all(kinds.$kind.clone(), $tasks).await,
        }
    };
}

/// Forgets the members of a queue's done set whose task is gone (vacuumed).
const FORGET_VACUUMED: &str = r#"
local forgotten = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', KEYS[2] .. ':' .. id) == 0 then
    redis.call('SREM', KEYS[1], id)
    forgotten = forgotten + 1
  end
end
return forgotten
"#;

/// Vacuums one Redis queue of tasks finished over `age` ago, and its done set of them.
async fn prune_redis<T>(
    mut storage: RedisStorage<T, ConnectionManager>,
    age: Duration,
) -> Result<u64, QueueError>
where
    T: Unpin + Send + Sync + 'static,
    RedisStorage<T, ConnectionManager>: Vacuum,
    <RedisStorage<T, ConnectionManager> as Backend>::Error: std::fmt::Display,
{
    let failed = |e: &dyn std::fmt::Display| QueueError(e.to_string());
    let vacuumed = storage.vacuum_before(age).await.map_err(|e| failed(&e))?;
    let config = storage.get_config().clone();
    let _: u64 = redis::Script::new(FORGET_VACUUMED)
        .key(config.done_jobs_set())
        .key(config.job_meta_hash())
        .invoke_async(storage.get_connection())
        .await
        .map_err(|e| failed(&e))?;
    Ok(vacuumed as u64)
}

async fn push_all<S, T, K>(
    mut storage: S,
    tasks: Vec<apalis::prelude::Task<T>>,
) -> Result<(), QueueError>
where
    S: TaskSink<T, K>,
    S::Error: std::fmt::Display,
    T: Send,
{
    // One stream, so that backends write the whole batch at once.
    storage
        .push_all(futures::stream::iter(tasks))
        .await
        .map_err(|e| QueueError(e.to_string()))
}

impl JobQueue {
    /// Opens the queues: on Redis when configured, else in the database (creating the
    /// queue tables when missing).
    pub async fn open(db: &DatabaseConnection, config: QueueConfig) -> Result<Self, JobsError> {
        let name = |queue: Queue| format!("{}:{queue}", config.namespace);
        let storages = if let Some(url) = &config.redis_url {
            let conn = apalis_redis::connect(url.as_str())
                .await
                .map_err(|e| JobsError::Redis(e.to_string()))?;
            let with = |kind: Queue| {
                apalis_redis::Config::default()
                    .queue(name(kind))
                    .heartbeat_interval(config.heartbeat)
                    .batch_size(BATCH)
            };
            Storages::Redis(
                per_queue!(kind => RedisStorage::new(conn.clone()).with_config(with(kind))),
            )
        } else if let Ok(pool) = sqlite_pool(db) {
            apalis_sqlite::SqliteStorage::<()>::migrations()
                .run(&pool)
                .await
                .map_err(|e| JobsError::Sqlite(e.to_string()))?;
            // A fetched task is already marked as this worker's ("Queued", with its
            // name), and taken back when the worker stops beating; marking it "Running"
            // as well costs SQLite, which writes one transaction at a time, a write per
            // task for nothing.
            let with = |kind: Queue| {
                let mut c = apalis_sqlite::Config::default()
                    .queue(name(kind))
                    .batch_size(sqlite_batch(kind))
                    .lock_tasks(false);
                c.heartbeat_interval = config.heartbeat;
                c
            };
            Storages::Sqlite(per_queue!(kind => SqliteStorage::new(&pool).with_config(with(kind))))
        } else {
            let pool = db.get_postgres_connection_pool().clone();
            PostgresStorage::<()>::setup(&pool)
                .await
                .map_err(|e| JobsError::Sqlite(e.to_string()))?;
            let with = |kind: Queue| {
                let mut c = apalis_postgres::Config::default()
                    .queue(name(kind))
                    .batch_size(BATCH);
                c.heartbeat_interval = config.heartbeat;
                c
            };
            Storages::Postgres(
                per_queue!(kind => PostgresStorage::new(&pool).with_config(with(kind))),
            )
        };
        Ok(Self {
            storages: Arc::new(storages),
            config: Arc::new(config),
            pushed: Arc::new(per_queue!(_kind => Wakers::default())),
        })
    }

    /// Removes tasks finished (done, failed for good or killed) over `age` ago from Redis,
    /// which keeps them otherwise; how many. The database backends' tables are pruned by
    /// the domain's maintenance instead (nothing is done here for them).
    pub async fn prune_finished_on_redis(&self, age: Duration) -> Result<u64, QueueError> {
        let Storages::Redis(kinds) = &*self.storages else {
            return Ok(0);
        };
        let mut pruned = 0;
        for queue in Queue::ALL {
            pruned += with_storage!(kinds, queue, |storage| prune_redis(storage.clone(), age)
                .await?);
        }
        Ok(pruned)
    }

    pub fn backend_name(&self) -> &'static str {
        match *self.storages {
            Storages::Sqlite(_) => "sqlite",
            Storages::Postgres(_) => "postgres",
            Storages::Redis(_) => "redis",
        }
    }

    /// Queues one delivery of `activity` per inbox, a chunk at a time: workers start on the
    /// first inboxes of a large fan-out while the others are queued.
    pub async fn deliver(
        &self,
        activity: ActivityId,
        inboxes: Vec<String>,
    ) -> Result<(), QueueError> {
        for chunk in inboxes.chunks(DELIVERY_CHUNK) {
            let tasks = built(chunk.iter().map(|inbox| DeliverTask {
                activity: activity.0,
                inbox: inbox.clone(),
                attempt: 1,
            }));
            push_to!(self.storages, deliver, tasks)?;
            self.pushed.deliver.wake();
        }
        Ok(())
    }

    /// Queues the next attempt of a delivery, to run after `after`.
    pub async fn deliver_later(
        &self,
        task: DeliverTask,
        after: Duration,
    ) -> Result<(), QueueError> {
        push_to!(self.storages, deliver, later(task, after))
    }

    /// Queues another attempt at sending a mail, to run after `after`.
    pub async fn mail_later(&self, task: MailTask, after: Duration) -> Result<(), QueueError> {
        push_to!(self.storages, mail, later(task, after))
    }

    /// Queues another attempt at fetching a reply's parent, to run after `after`.
    pub async fn fetch_parent_later(
        &self,
        task: FetchParentTask,
        after: Duration,
    ) -> Result<(), QueueError> {
        push_to!(
            self.storages,
            ingress,
            later(IngressTask::FetchParent(task), after)
        )
    }

    /// Queues another attempt at copying a remote attachment, to run after `after`.
    pub async fn media_later(&self, task: MediaTask, after: Duration) -> Result<(), QueueError> {
        push_to!(self.storages, media, later(task, after))
    }

    /// Queues another attempt at a webhook delivery, to run after `after`.
    pub async fn webhook_later(
        &self,
        task: WebhookTask,
        after: Duration,
    ) -> Result<(), QueueError> {
        push_to!(self.storages, webhooks, later(task, after))
    }

    /// Queues fetching the parent of a reply fetched as a parent itself.
    pub async fn fetch_parent(&self, task: FetchParentTask) -> Result<(), QueueError> {
        push_to!(
            self.storages,
            ingress,
            built([IngressTask::FetchParent(task)])
        )?;
        self.pushed.ingress.wake();
        Ok(())
    }

    /// Queues maintenance tasks, to run now.
    pub async fn maintain(&self, tasks: Vec<MaintenanceTask>) -> Result<(), QueueError> {
        push_to!(self.storages, maintenance, built(tasks))?;
        self.pushed.maintenance.wake();
        Ok(())
    }
}

/// Tasks to run now, each with the handler attempts every task gets.
/// `task`, to run once `after` has passed.
fn later<T>(task: T, after: Duration) -> Vec<apalis::prelude::Task<T>> {
    vec![
        TaskBuilder::new(task)
            .run_after(after)
            .max_attempts(HANDLER_ATTEMPTS)
            .build(),
    ]
}

fn built<T>(tasks: impl IntoIterator<Item = T>) -> Vec<apalis::prelude::Task<T>> {
    tasks
        .into_iter()
        .map(|task| {
            TaskBuilder::new(task)
                .max_attempts(HANDLER_ATTEMPTS)
                .build()
        })
        .collect()
}

fn sqlite_pool(db: &DatabaseConnection) -> Result<apalis_sqlite::SqlitePool, ()> {
    if rookery_domain::db::is_postgres(db) {
        return Err(());
    }
    Ok(db.get_sqlite_connection_pool().clone())
}

/// Pending and running tasks of one storage, as its backend counts them.
async fn counts<S: Metrics>(storage: &S, queue: Queue) -> Result<QueueStats, QueueError>
where
    S::Error: std::fmt::Display,
{
    let stats = storage
        .fetch_by_queue()
        .await
        .map_err(|e| QueueError(e.to_string()))?;
    let value = |title: &str| {
        stats
            .iter()
            .find(|s| s.title == title)
            .and_then(|s| s.value.parse::<f64>().ok())
            .map_or(0, |v| v.max(0.0) as u64)
    };
    Ok(QueueStats {
        name: queue.name().to_owned(),
        pending: value("PENDING_JOBS"),
        running: value("RUNNING_JOBS"),
        failed: value("FAILED_JOBS"),
    })
}

impl TaskQueue for JobQueue {
    fn publish(&self, activities: Vec<ActivityId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(
                activities
                    .into_iter()
                    .map(|id| PublishTask { activity: id.0 }),
            );
            push_to!(self.storages, publish, tasks)?;
            self.pushed.publish.wake();
            Ok(())
        })
    }

    fn redeliver(&self, failed: Vec<FailedDelivery>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(failed.into_iter().map(|f| DeliverTask {
                activity: f.activity.0,
                inbox: f.inbox,
                attempt: 1,
            }));
            push_to!(self.storages, deliver, tasks)?;
            self.pushed.deliver.wake();
            Ok(())
        })
    }

    fn moderate(&self, reports: Vec<ReportId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(reports.into_iter().map(|id| ModerateTask { report: id.0 }));
            push_to!(self.storages, moderation, tasks)?;
            self.pushed.moderation.wake();
            Ok(())
        })
    }

    fn fetch_parents(&self, replies: Vec<StatusId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(replies.into_iter().map(|id| {
                IngressTask::FetchParent(FetchParentTask {
                    reply: id.0,
                    depth: 0,
                    attempt: 1,
                })
            }));
            push_to!(self.storages, ingress, tasks)?;
            self.pushed.ingress.wake();
            Ok(())
        })
    }

    fn verify_links(&self, accounts: Vec<AccountId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(
                accounts
                    .into_iter()
                    .map(|id| IngressTask::VerifyLinks(VerifyLinksTask { account: id.0 })),
            );
            push_to!(self.storages, ingress, tasks)?;
            self.pushed.ingress.wake();
            Ok(())
        })
    }

    fn read_software(&self, domains: Vec<String>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(
                domains
                    .into_iter()
                    .map(|domain| IngressTask::ReadSoftware(ReadSoftwareTask { domain })),
            );
            push_to!(self.storages, ingress, tasks)?;
            self.pushed.ingress.wake();
            Ok(())
        })
    }

    fn process_media(&self, media: Vec<MediaId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(media.into_iter().map(|id| MediaTask {
                media: id.0,
                attempt: 1,
                emoji: false,
            }));
            push_to!(self.storages, media, tasks)?;
            self.pushed.media.wake();
            Ok(())
        })
    }

    fn copy_emojis(&self, emojis: Vec<CustomEmojiId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(emojis.into_iter().map(|id| MediaTask {
                media: id.0,
                attempt: 1,
                emoji: true,
            }));
            push_to!(self.storages, media, tasks)?;
            self.pushed.media.wake();
            Ok(())
        })
    }

    fn mail(&self, mails: Vec<MailId>) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(mails.into_iter().map(|id| MailTask { mail: id.0 }));
            push_to!(self.storages, mail, tasks)?;
            self.pushed.mail.wake();
            Ok(())
        })
    }

    fn webhooks(
        &self,
        deliveries: Vec<WebhookDeliveryId>,
    ) -> PortFuture<'_, Result<(), QueueError>> {
        Box::pin(async move {
            let tasks = built(
                deliveries
                    .into_iter()
                    .map(|id| WebhookTask { delivery: id.0 }),
            );
            push_to!(self.storages, webhooks, tasks)?;
            self.pushed.webhooks.wake();
            Ok(())
        })
    }

    fn stats(&self) -> PortFuture<'_, Result<Vec<QueueStats>, QueueError>> {
        macro_rules! all_counts {
            ($kinds:expr) => {{
                let kinds = $kinds;
                let mut all = Vec::with_capacity(Queue::ALL.len());
                for queue in Queue::ALL {
                    all.push(with_storage!(kinds, queue, |storage| counts(
                        storage, queue
                    )
                    .await?));
                }
                all
            }};
        }
        Box::pin(async move {
            Ok(match &*self.storages {
                Storages::Sqlite(kinds) => all_counts!(kinds),
                Storages::Postgres(kinds) => all_counts!(kinds),
                Storages::Redis(kinds) => all_counts!(kinds),
            })
        })
    }
}
