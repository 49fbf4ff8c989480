//! The cron side of the `maintenance` queue: every process running it ticks each minute,
//! and the one that claims a due task (a row per task in the database) queues it.

use std::sync::Arc;
use std::time::Duration;

use rookery_domain::service::maintenance;
use tokio::sync::watch;

use crate::context::JobContext;
use crate::tasks::MaintenanceTask;

/// How often processes look for due tasks.
const TICK: Duration = Duration::from_secs(60);

/// Each task and how often it runs.
pub const SCHEDULE: [(MaintenanceTask, Duration); 6] = [
    (MaintenanceTask::RequeueLost, Duration::from_secs(60)),
    (
        MaintenanceTask::PruneFinishedTasks,
        Duration::from_secs(3600),
    ),
    (
        MaintenanceTask::RefreshStaleActors,
        Duration::from_secs(3600),
    ),
    (MaintenanceTask::PruneOld, Duration::from_secs(24 * 3600)),
    (MaintenanceTask::PruneMedia, Duration::from_secs(3600)),
    (MaintenanceTask::EndPolls, Duration::from_secs(60)),
];

/// The name a task's schedule row has.
pub fn name(task: MaintenanceTask) -> &'static str {
    match task {
        MaintenanceTask::RequeueLost => "requeue_lost",
        MaintenanceTask::RefreshStaleActors => "refresh_stale_actors",
        MaintenanceTask::PruneOld => "prune_old",
        MaintenanceTask::PruneFinishedTasks => "prune_finished_tasks",
        MaintenanceTask::PruneMedia => "prune_media",
        MaintenanceTask::EndPolls => "end_polls",
    }
}

/// Ticks until stopped, queuing the tasks this process claims; the first tick is at
/// start, so that a new server has its figures (the media store's size) at once.
pub async fn schedule(ctx: Arc<JobContext>, mut stop: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval(TICK);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        let mut due = Vec::new();
        for (task, every) in SCHEDULE {
            match maintenance::claim(&ctx.app.db, name(task), every).await {
                Ok(true) => due.push(task),
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, task = name(task), "claiming maintenance"),
            }
        }
        if !due.is_empty()
            && let Err(error) = ctx.queue.maintain(due).await
        {
            tracing::warn!(%error, "queuing maintenance");
        }
    }
}
