//! `jobQueues`: the background queues, for administrators.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::ports::QueueStats;
use rookery_domain::service::jobs;
use rookery_domain::types::FailedDelivery;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

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

/// A delivery to another server's inbox that gave up after its retries.
#[derive(SimpleObject)]
#[graphql(name = "FailedDelivery")]
pub struct FailedDeliveryValue {
    pub id: ID,
    /// The inbox it was for.
    pub inbox: String,
    pub attempts: u32,
    /// The last attempt's error.
    pub last_error: String,
    pub failed_at: DateTime<Utc>,
}

impl From<FailedDelivery> for FailedDeliveryValue {
    fn from(failed: FailedDelivery) -> Self {
        Self {
            id: ids::encode(ids::FAILED_DELIVERY, failed.id),
            inbox: failed.inbox,
            attempts: failed.attempts,
            last_error: failed.last_error,
            failed_at: failed.failed_at,
        }
    }
}

#[Object]
impl JobQuery {
    /// Deliveries that gave up, newest first; `retryFailedJobs(queue: "deliver")` queues
    /// them all again. Needs MANAGE_JOBS.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn failed_deliveries(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, FailedDeliveryValue>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, None, None)?;
        let page = jobs::failed_deliveries(&ctx.state().app, viewer, &page)
            .await
            .api()?;
        Ok(connection(page, FailedDeliveryValue::from))
    }

    /// The background queues and their counts. Administrators only.
    async fn job_queues(&self, ctx: &Context<'_>) -> Result<Vec<JobQueue>> {
        let viewer = ctx.require_viewer()?;
        let stats = jobs::queues(&ctx.state().app, viewer).await.api()?;
        Ok(stats.into_iter().map(Into::into).collect())
    }
}
