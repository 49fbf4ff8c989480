//! `jobQueues`: the background queues, for administrators.

use async_graphql::{Context, Object, Result, SimpleObject};
use rookery_domain::ports::QueueStats;
use rookery_domain::service::jobs;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;

#[derive(Default)]
pub struct JobQuery;

/// One background queue.
#[derive(SimpleObject)]
pub struct JobQueue {
    pub name: String,
    /// Tasks waiting to run (scheduled retries included).
    pub pending: u64,
    pub running: u64,
    /// Tasks that gave up; `retryFailedJobs` queues the deliveries again.
    pub failed: u64,
}

impl From<QueueStats> for JobQueue {
    fn from(stats: QueueStats) -> Self {
        Self {
            name: stats.name,
            pending: stats.pending,
            running: stats.running,
            failed: stats.failed,
        }
    }
}

#[Object]
impl JobQuery {
    /// The background queues and their counts. Administrators only.
    async fn job_queues(&self, ctx: &Context<'_>) -> Result<Vec<JobQueue>> {
        let viewer = ctx.require_viewer()?;
        let stats = jobs::queues(&ctx.state().app, viewer).await.api()?;
        Ok(stats.into_iter().map(Into::into).collect())
    }
}
