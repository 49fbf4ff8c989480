//! The job queues as administrators see them: counts per queue, and failed deliveries
//! tried again.

use crate::page::{Page, PageRequest};
use crate::ports::QueueStats;
use crate::service::{App, outbox};
use crate::store;
use crate::types::{FailedDelivery, Permission, Viewer};
use crate::{DomainError, DomainResult};

/// The queue whose failed tasks are kept: deliveries.
pub const DELIVER: &str = "deliver";

fn require_admin(viewer: &Viewer) -> DomainResult<()> {
    viewer.require(Permission::ManageJobs)
}

fn queue_error(error: crate::ports::QueueError) -> DomainError {
    DomainError::Internal(error.to_string())
}

/// Every queue with its pending and running tasks; `failed` counts the tasks that gave up
/// (for deliveries: the ones that exhausted their retries).
pub async fn queues(app: &App, viewer: &Viewer) -> DomainResult<Vec<QueueStats>> {
    require_admin(viewer)?;
    let mut stats = app.outbox.queue().stats().await.map_err(queue_error)?;
    let failed = outbox::failed_delivery_count(&app.db).await?;
    for queue in &mut stats {
        if queue.name == DELIVER {
            queue.failed = failed;
        }
    }
    Ok(stats)
}

/// A page of the deliveries that gave up, the newest first.
pub async fn failed_deliveries(
    app: &App,
    viewer: &Viewer,
    request: &PageRequest,
) -> DomainResult<Page<FailedDelivery>> {
    require_admin(viewer)?;
    Ok(store::failed_deliveries::page(&app.db, request).await?)
}

/// Queues the failed tasks of `queue` again; returns how many.
pub async fn retry_failed(app: &App, viewer: &Viewer, queue: &str) -> DomainResult<u64> {
    require_admin(viewer)?;
    if queue != DELIVER {
        return Err(DomainError::validation(
            "queue",
            format!("only the {DELIVER} queue keeps failed tasks to retry"),
        ));
    }
    let mut retried = 0;
    loop {
        let failed = outbox::failed_deliveries(&app.db, 1000).await?;
        if failed.is_empty() {
            return Ok(retried);
        }
        let ids: Vec<_> = failed.iter().map(|f| f.id).collect();
        retried += ids.len() as u64;
        // Queued before forgotten: a crash in between retries some twice, loses none.
        app.outbox
            .queue()
            .redeliver(failed)
            .await
            .map_err(queue_error)?;
        outbox::forget_failed_deliveries(&app.db, &ids).await?;
    }
}
