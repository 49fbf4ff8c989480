//! Worker processes' side of the queues: one supervised apalis worker per queue, stopped
//! gracefully, plus the maintenance schedule.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BackendExt, WorkerBuilder, WorkerBuilderExt, WorkerError};
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ports::{EventBus, Mailer};
use rookery_domain::service::media::MediaServices;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::types::Instance;
use rookery_federation::context::{Federation, FederationContext};
use rookery_federation::fetch::Fetcher;
use rookery_federation::signature_schemes::SignatureSchemes;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::hosts::{HostPolicy, Hosts};
use crate::prepared::PreparedCache;
use crate::queue::{Queue, Storages};
use crate::snapshot::HostSnapshot;
use crate::{handlers, maintenance, poll};

/// Everything handlers need.
#[derive(Debug)]
pub struct JobContext {
    pub db: DatabaseConnection,
    pub instance: Instance,
    pub fetcher: Fetcher,
    pub queue: Queue,
    /// Records what the instance itself sends (forwarded reports) and queues it.
    pub outbox: Outbox,
    pub mailer: Arc<dyn Mailer>,
    pub hosts: Hosts,
    /// Activities being delivered, built and keyed once for all their inboxes.
    pub prepared: PreparedCache,
    /// Domain blocks and failing hosts, read every few seconds.
    pub host_snapshot: HostSnapshot,
    /// What resolving remote objects needs, with what inboxes remember between requests
    /// (signers, the block list, tag ids).
    pub federation: Federation,
    /// The signature scheme each inbox host took.
    pub signature_schemes: SignatureSchemes,
    /// Where media is kept, and its limits.
    pub media: MediaServices,
    /// How long copies of remote media are kept.
    pub remote_media_cache: Duration,
}

impl JobContext {
    pub fn new(
        db: DatabaseConnection,
        instance: Instance,
        fetcher: Fetcher,
        queue: Queue,
        mailer: Arc<dyn Mailer>,
        media: MediaServices,
        events: Arc<dyn EventBus>,
    ) -> Self {
        let outbox = Outbox::new(instance.clone(), Arc::new(queue.clone()), events);
        let federation = FederationContext::new(
            db.clone(),
            instance.clone(),
            fetcher.clone(),
            outbox.clone(),
        )
        .config();
        Self {
            outbox,
            db,
            instance,
            fetcher,
            queue,
            mailer,
            hosts: Hosts::new(HostPolicy::default()),
            prepared: PreparedCache::default(),
            host_snapshot: HostSnapshot::default(),
            federation,
            signature_schemes: SignatureSchemes::default(),
            media,
            remote_media_cache: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

impl JobContext {
    /// The queue, as the domain's port.
    pub fn queue_port(&self) -> &dyn rookery_domain::ports::TaskQueue {
        &self.queue
    }
}

/// Running workers; [`Workers::stop`] lets in-flight tasks finish.
#[derive(Debug)]
pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

/// The queues workers take tasks from.
pub const QUEUES: [&str; 8] = [
    "deliver",
    "publish",
    "ingress",
    "media",
    "moderation",
    "mail",
    "maintenance",
    "webhooks",
];

/// Deliveries in flight at once per process.
const DELIVERY_CONCURRENCY: usize = 64;

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
            ($kinds:expr, $name:ident, $concurrency:expr, $handler:path) => {{
                let storage = $kinds.$name.clone();
                let ctx = ctx.clone();
                let watcher = watcher.clone();
                let unique = unique.clone();
                tokio::spawn(async move {
                    for run in 0u64.. {
                        let worker =
                            WorkerBuilder::new(format!("{}-{unique}-{run}", stringify!($name)))
                                .backend(storage.clone().poll_with_strategy(poll::pushed_or_every(
                                    ctx.queue.pushed.$name.listen(),
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
                            queue = stringify!($name),
                            ?outcome,
                            "worker stopped; starting it again"
                        );
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                })
            }};
        }
        macro_rules! spawn_workers {
            ($kinds:expr) => {{
                let kinds = $kinds;
                if runs("deliver") {
                    let concurrency = DELIVERY_CONCURRENCY;
                    handles.push(supervised!(kinds, deliver, concurrency, handlers::deliver));
                }
                if runs("publish") {
                    handles.push(supervised!(kinds, publish, 8, handlers::publish));
                }
                if runs("ingress") {
                    handles.push(supervised!(kinds, ingress, 8, handlers::ingress));
                }
                if runs("media") {
                    // Processing a picture takes a core: one at a time per core.
                    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                    handles.push(supervised!(kinds, media, cores, handlers::media));
                }
                if runs("moderation") {
                    handles.push(supervised!(kinds, moderation, 2, handlers::moderate));
                }
                if runs("mail") {
                    handles.push(supervised!(kinds, mail, 4, handlers::mail));
                }
                if runs("maintenance") {
                    handles.push(supervised!(kinds, maintenance, 1, handlers::maintain));
                }
                if runs("webhooks") {
                    handles.push(supervised!(kinds, webhooks, 8, handlers::webhook));
                }
            }};
        }
        match &*ctx.queue.storages {
            Storages::Sqlite(kinds) => spawn_workers!(kinds),
            Storages::Postgres(kinds) => spawn_workers!(kinds),
            Storages::Redis(kinds) => spawn_workers!(kinds),
        }
        if runs("maintenance") {
            handles.push(tokio::spawn(maintenance::schedule(ctx.clone(), watcher)));
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
