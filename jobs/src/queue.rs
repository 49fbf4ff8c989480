//! The queues tasks wait in: each one's name, how many of its tasks a worker runs at once,
//! and how it retries. Workers, metrics and the `jobQueues` query all list [`Queue::ALL`].
//!
//! Adding a queue: a variant here (its name, concurrency and retry policy), a field of
//! `job_queue::PerQueue`, a task type and a handler; the compiler then names every match
//! that has to learn of it.

use std::fmt;
use std::str::FromStr;

use crate::backoff;

/// One queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Queue {
    /// Outbox activities to build and fan out.
    Publish,
    /// One activity to one inbox.
    Deliver,
    /// Fetches from other servers: reply parents, rel=me pages.
    Ingress,
    /// Uploads to process and remote attachments and emoji to copy.
    Media,
    /// Reports to tell moderators of and forward.
    Moderation,
    /// Mail to send.
    Mail,
    /// Periodic tasks.
    Maintenance,
    /// Signed webhook events.
    Webhooks,
}

/// How a queue's failed tasks are tried again. Whatever the policy, a task whose handler
/// itself fails (a database error, say) is run again at once by apalis, up to
/// [`HANDLER_ATTEMPTS`] times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The handler queues the next attempt after [`backoff::delay`], up to `attempts` in all.
    Backoff { attempts: u32 },
    /// The row the task names counts its attempts, and the domain says when to try again
    /// (mail, webhook deliveries).
    Counted,
    /// Nothing but the handler's own failures is tried again.
    HandlerOnly,
}

/// Runs of a task whose handler fails (a database error, say), on every queue.
pub const HANDLER_ATTEMPTS: usize = 3;

/// Deliveries in flight at once per process.
const DELIVERY_CONCURRENCY: usize = 64;

impl Queue {
    /// Every queue, in the order they are listed to administrators.
    pub const ALL: [Queue; 8] = [
        Queue::Deliver,
        Queue::Publish,
        Queue::Ingress,
        Queue::Media,
        Queue::Moderation,
        Queue::Mail,
        Queue::Maintenance,
        Queue::Webhooks,
    ];

    /// The name the queue has in the backend, in `--queues` and in metrics.
    pub fn name(self) -> &'static str {
        match self {
            Queue::Publish => "publish",
            Queue::Deliver => "deliver",
            Queue::Ingress => "ingress",
            Queue::Media => "media",
            Queue::Moderation => "moderation",
            Queue::Mail => "mail",
            Queue::Maintenance => "maintenance",
            Queue::Webhooks => "webhooks",
        }
    }

    /// Tasks of this queue a worker process runs at once.
    pub fn concurrency(self) -> usize {
        match self {
            Queue::Deliver => DELIVERY_CONCURRENCY,
            // Processing a picture takes a core: one at a time per core.
            Queue::Media => std::thread::available_parallelism().map_or(1, |n| n.get()),
            Queue::Publish | Queue::Ingress | Queue::Webhooks => 8,
            Queue::Mail => 4,
            Queue::Moderation => 2,
            Queue::Maintenance => 1,
        }
    }

    /// How the queue's failed tasks are tried again.
    pub fn retry(self) -> Retry {
        match self {
            Queue::Deliver => Retry::Backoff {
                attempts: backoff::MAX_ATTEMPTS,
            },
            Queue::Ingress | Queue::Media => Retry::Backoff {
                attempts: backoff::FETCH_ATTEMPTS,
            },
            Queue::Mail | Queue::Webhooks => Retry::Counted,
            Queue::Publish | Queue::Moderation | Queue::Maintenance => Retry::HandlerOnly,
        }
    }

    /// Whether a task of this queue that failed at attempt number `attempt` (from 1) is
    /// given up rather than queued again.
    pub fn gives_up_after(self, attempt: u32) -> bool {
        match self.retry() {
            Retry::Backoff { attempts } => attempt.max(1) >= attempts,
            Retry::Counted | Retry::HandlerOnly => true,
        }
    }
}

impl fmt::Display for Queue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A queue name that is not one of [`Queue::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no queue {0:?}; the queues are {names}", names = Queue::ALL.map(Queue::name).join(", "))]
pub struct UnknownQueue(pub String);

impl FromStr for Queue {
    type Err = UnknownQueue;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Queue::ALL
            .into_iter()
            .find(|queue| queue.name() == name)
            .ok_or_else(|| UnknownQueue(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_is_found_by_its_name_and_no_other_name_is() {
        for queue in Queue::ALL {
            assert_eq!(queue.name().parse::<Queue>(), Ok(queue));
        }
        let unknown = "delivery".parse::<Queue>().unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "no queue \"delivery\"; the queues are deliver, publish, ingress, media, moderation, mail, maintenance, webhooks"
        );
    }

    #[test]
    fn deliveries_and_fetches_give_up_when_their_attempts_are_spent() {
        assert!(!Queue::Deliver.gives_up_after(backoff::MAX_ATTEMPTS - 1));
        assert!(Queue::Deliver.gives_up_after(backoff::MAX_ATTEMPTS));
        assert!(!Queue::Ingress.gives_up_after(0));
        assert!(Queue::Media.gives_up_after(backoff::FETCH_ATTEMPTS));
        assert!(Queue::Publish.gives_up_after(1));
    }

    #[test]
    fn names_are_unique() {
        let mut names = Queue::ALL.map(Queue::name).to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Queue::ALL.len());
    }
}
