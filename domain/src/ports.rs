//! What the domain needs from other crates, as traits they implement: the job queue.

use std::future::Future;
use std::pin::Pin;

use crate::ids::ActivityId;

/// A boxed future, so the traits stay object safe.
pub type PortFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

#[derive(Debug, Clone, thiserror::Error)]
#[error("job queue: {0}")]
pub struct QueueError(pub String);

/// Durable background work.
pub trait TaskQueue: Send + Sync + std::fmt::Debug {
    /// Queues outbox activities, already committed, to be built and delivered.
    fn publish(&self, activities: Vec<ActivityId>) -> PortFuture<'_, Result<(), QueueError>>;
}
