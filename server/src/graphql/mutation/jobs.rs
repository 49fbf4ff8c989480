//! `retryFailedJobs`, for administrators.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::jobs;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;

#[derive(Default)]
pub struct JobMutation;

#[derive(InputObject)]
pub struct RetryFailedJobsInput {
    /// The queue whose failed tasks to queue again (`deliver`).
    pub queue: String,
}

#[derive(SimpleObject)]
pub struct RetryFailedJobsPayload {
    /// How many tasks were queued again.
    pub retried: u64,
}

#[Object]
impl JobMutation {
    /// Queues a queue's failed tasks again, as first attempts. Administrators only.
    async fn retry_failed_jobs(
        &self,
        ctx: &Context<'_>,
        input: RetryFailedJobsInput,
    ) -> Result<RetryFailedJobsPayload> {
        let viewer = ctx.require_viewer()?;
        let retried = jobs::retry_failed(&ctx.state().app, viewer, &input.queue)
            .await
            .api()?;
        Ok(RetryFailedJobsPayload { retried })
    }
}
