//! Background jobs: queue backends and one handler per task kind. Publishing an outbox
//! activity and delivering it to each inbox run here, with retries and per-host limits;
//! so do telling moderators of reports, sending mail, POSTing signed webhook events, and
//! periodic maintenance.
//!
//! The queues are the variants of [`Queue`]. [`JobQueue`] implements the domain's
//! `TaskQueue` port with apalis: on SQLite (the same database file) by default, on
//! PostgreSQL with it, on Redis when one is configured. It depends on the domain and
//! federation, never on the server.

pub mod backoff;
mod context;
mod handlers;
mod host_labels;
pub mod hosts;
pub mod job_queue;
pub mod live_bus;
pub mod mail;
mod maintenance;
mod poll;
mod prepared;
pub mod queue;
mod snapshot;
pub mod tasks;
pub mod webhooks;
pub mod workers;

pub use context::JobContext;
pub use job_queue::{JobQueue, QueueConfig};
pub use queue::{Queue, UnknownQueue};
pub use workers::Workers;

/// Why a job backend cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum JobsError {
    #[error("job queue database: {0}")]
    Sqlite(String),
    #[error("job queue redis: {0}")]
    Redis(String),
    #[error("mail: {0}")]
    Mail(String),
    #[error("no job queue for this database: {0}")]
    Unsupported(&'static str),
}
