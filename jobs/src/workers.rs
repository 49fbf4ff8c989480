//! Worker processes' side of the queues: one supervised apalis worker per queue, stopped
//! gracefully, plus the maintenance schedule.

use std::sync::Arc;
use std::time::Duration;

use apalis::prelude::{BackendExt, WorkerBuilder, WorkerBuilderExt, WorkerError};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::context::JobContext;
use crate::job_queue::{Storages, with_storage};
use crate::queue::Queue;
use crate::{handlers, maintenance, poll};

/// Running workers; [`Workers::stop`] lets in-flight tasks finish.
#[derive(Debug)]
pub struct Workers {
    stop: watch::Sender<bool>,
    handles: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts the workers of every queue.
    pub fn start(ctx: Arc<JobContext>) -> Self {
        Self::start_queues(ctx, &Queue::ALL)
    }

    /// Starts the workers of `queues` only.
    pub fn start_queues(ctx: Arc<JobContext>, queues: &[Queue]) -> Self {
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
            ($storage:expr, $queue:expr, $handler:path) => {{
                let storage = $storage.clone();
                let queue: Queue = $queue;
                let ctx = ctx.clone();
                let watcher = watcher.clone();
                let unique = unique.clone();
                tokio::spawn(async move {
                    for run in 0u64.. {
                        let wakeups =
                            with_storage!(ctx.queue.pushed, queue, |wakers| wakers.listen());
                        let worker = WorkerBuilder::new(format!("{queue}-{unique}-{run}"))
                            .backend(
                                storage
                                    .clone()
                                    .poll_with_strategy(poll::pushed_or_every(wakeups, interval)),
                            )
                            .data(ctx.clone())
                            .concurrency(queue.concurrency())
                            .build($handler);
                        let outcome = worker.run_until(signal(watcher.clone())).await;
                        if *watcher.borrow() {
                            return;
                        }
                        tracing::error!(%queue, ?outcome, "worker stopped; starting it again");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                })
            }};
        }
        macro_rules! spawn_workers {
            ($kinds:expr) => {{
                let kinds = $kinds;
                for &queue in queues {
                    handles.push(match queue {
                        Queue::Publish => supervised!(kinds.publish, queue, handlers::publish),
                        Queue::Deliver => supervised!(kinds.deliver, queue, handlers::deliver),
                        Queue::Ingress => supervised!(kinds.ingress, queue, handlers::ingress),
                        Queue::Media => supervised!(kinds.media, queue, handlers::media),
                        Queue::Moderation => {
                            supervised!(kinds.moderation, queue, handlers::moderate)
                        }
                        Queue::Mail => supervised!(kinds.mail, queue, handlers::mail),
                        Queue::Maintenance => {
                            supervised!(kinds.maintenance, queue, handlers::maintain)
                        }
                        Queue::Webhooks => supervised!(kinds.webhooks, queue, handlers::webhook),
                    });
                }
            }};
        }
        match &*ctx.queue.storages {
            Storages::Sqlite(kinds) => spawn_workers!(kinds),
            Storages::Postgres(kinds) => spawn_workers!(kinds),
            Storages::Redis(kinds) => spawn_workers!(kinds),
        }
        if queues.contains(&Queue::Maintenance) {
            handles.push(tokio::spawn(maintenance::schedule(ctx.clone(), watcher)));
        }
        tracing::info!(
            backend = ctx.queue.backend_name(),
            queues = %queues.iter().map(|q| q.name()).collect::<Vec<_>>().join(","),
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
