//! What the domain needs from other crates, as traits they implement: the job queue.

use std::future::Future;
use std::pin::Pin;

use crate::ids::ActivityId;
use crate::types::FailedDelivery;

/// A boxed future, so the traits stay object safe.
pub type PortFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[derive(Debug, Clone, thiserror::Error)]
#[error("job queue: {0}")]
pub struct QueueError(pub String);

/// How many tasks of one queue wait, run, and failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueStats {
    pub name: String,
    pub pending: u64,
    pub running: u64,
    pub failed: u64,
}

/// Durable background work.
pub trait TaskQueue: Send + Sync + std::fmt::Debug {
    /// Queues outbox activities, already committed, to be built and delivered.
    fn publish(&self, activities: Vec<ActivityId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues deliveries that had failed for good, as first attempts.
    fn redeliver(&self, failed: Vec<FailedDelivery>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Each queue's counts, as the backend keeps them.
    fn stats(&self) -> PortFuture<'_, Result<Vec<QueueStats>, QueueError>>;
}
