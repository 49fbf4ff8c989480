//! Worker processes' side of the queues: one apalis worker per task kind, stopped
//! gracefully, plus a sweep that queues outbox activities the queue never took.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BackendExt, WorkerBuilder, WorkerBuilderExt, WorkerError};
use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::types::Instance;
use rookery_federation::fetch::Fetcher;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::hosts::{HostPolicy, Hosts};
use crate::prepared::PreparedCache;
use crate::queue::{Queue, Storages};
use crate::snapshot::HostSnapshot;
use crate::{handlers, poll};

/// Everything handlers need.
#[derive(Debug)]
pub struct JobContext {
    pub db: DatabaseConnection,
    pub instance: Instance,
    pub fetcher: Fetcher,
    pub queue: Queue,
    pub hosts: Hosts,
    /// Activities being delivered, built and keyed once for all their inboxes.
    pub prepared: PreparedCache,
    /// Domain blocks and failing hosts, read every few seconds.
    pub host_snapshot: HostSnapshot,
}

impl JobContext {
    pub fn new(db: DatabaseConnection, instance: Instance, fetcher: Fetcher, queue: Queue) -> Self {
        Self {
            db,
            instance,
            fetcher,
            queue,
            hosts: Hosts::new(HostPolicy::default()),
            prepared: PreparedCache::default(),
            host_snapshot: HostSnapshot::default(),
        }
    }
}

/// Running workers; [`Workers::stop`] lets in-flight tasks finish.
#[derive(Debug)]
pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

/// The queues workers take tasks from.
pub const QUEUES: [&str; 2] = ["publish", "deliver"];

/// Deliveries in flight at once per process.
const DELIVERY_CONCURRENCY: usize = 64;
/// How often the sweep looks for activities recorded but never queued.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

impl Workers {
    /// Starts the workers of every queue.
    pub fn start(ctx: Arc<JobContext>) -> Self {
        Self::start_queues(ctx, &QUEUES)
    }

    /// Starts the workers of the named queues only (see [`QUEUES`]).
    pub fn start_queues(ctx: Arc<JobContext>, queues: &[&str]) -> Self {
        let runs = |name: &str| queues.contains(&name);
        let (stop, watcher) = watch::channel(false);
        let unique = format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple());
        let interval = ctx.queue.config.poll_interval;
        let signal = |mut watcher: watch::Receiver<bool>| async move {
            let _ = watcher.wait_for(|stopped| *stopped).await;
            Ok::<(), WorkerError>(())
        };
        let mut handles = Vec::new();
        // A worker whose backend fails (a heartbeat that meets a locked database, say)
        // stops; it is started again, under a new name, until the process stops.
        macro_rules! supervised {
            ($name:literal, $storage:expr, $pushed:ident, $concurrency:expr, $handler:path) => {{
                let storage = $storage.clone();
                let ctx = ctx.clone();
                let watcher = watcher.clone();
                let unique = unique.clone();
                tokio::spawn(async move {
                    for run in 0u64.. {
                        let worker = WorkerBuilder::new(format!("{}-{unique}-{run}", $name))
                            .backend(storage.clone().poll_with_strategy(poll::pushed_or_every(
                                ctx.queue.$pushed.listen(),
                                interval,
                            )))
                            .data(ctx.clone())
                            .concurrency($concurrency)
                            .build($handler);
                        let outcome = worker.run_until(signal(watcher.clone())).await;
                        if *watcher.borrow() {
                            return;
                        }
                        tracing::error!(
                            queue = $name,
                            ?outcome,
                            "worker stopped; starting it again"
                        );
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                })
            }};
        }
        macro_rules! spawn_workers {
            ($publish:expr, $deliver:expr) => {{
                if runs("publish") {
                    handles.push(supervised!(
                        "publish",
                        $publish,
                        publish_pushed,
                        8,
                        handlers::publish
                    ));
                }
                if runs("deliver") {
                    handles.push(supervised!(
                        "deliver",
                        $deliver,
                        deliver_pushed,
                        DELIVERY_CONCURRENCY,
                        handlers::deliver
                    ));
                }
            }};
        }
        match &ctx.queue.storages {
            Storages::Sqlite { publish, deliver } => spawn_workers!(publish, deliver),
            Storages::Postgres { publish, deliver } => spawn_workers!(publish, deliver),
            Storages::Redis { publish, deliver } => spawn_workers!(publish, deliver),
        }
        if runs("publish") {
            handles.push(tokio::spawn(sweep(ctx.clone(), watcher)));
        }
        tracing::info!(
            backend = ctx.queue.backend_name(),
            ?queues,
            "workers started"
        );
        Self { stop, handles }
    }

    /// Stops taking tasks and waits for the ones in flight.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for handle in self.handles {
            let _ = handle.await;
        }
        tracing::info!("workers stopped");
    }
}

/// Queues again, every minute, outbox activities recorded a minute ago or more that the
/// queue never took.
async fn sweep(ctx: Arc<JobContext>, mut stop: watch::Receiver<bool>) {
    let outbox = Outbox::new(ctx.instance.clone(), Arc::new(ctx.queue.clone()));
    loop {
        tokio::select! {
            _ = tokio::time::sleep(SWEEP_EVERY) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        match outbox::republish_stale(&ctx.db, &outbox, SWEEP_EVERY).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "queued activities that were never published"),
            Err(error) => tracing::warn!(%error, "sweeping the outbox"),
        }
    }
}
