//! The unit of work of a use case that changes something others hear of: one write
//! transaction, and what its commit releases.

use std::sync::{Mutex, PoisonError};

use sea_orm::DatabaseConnection;

use super::Outbox;
use crate::DomainResult;
use crate::db::{self, WriteTransaction};
use crate::ids::{ActivityId, WebhookDeliveryId};
use crate::ports::LiveEvent;
use crate::service::webhooks;
use crate::types::OutboxActivity;

/// One write transaction, and what happens once it commits: the activities recorded in it
/// are queued for delivery (with the webhook deliveries they bring), webhook deliveries
/// recorded in it queued, and the live events told. Dropped without [`Write::commit`], it rolls back and releases nothing. Recording
/// and telling go only through here, so no use case can commit and forget to release.
pub struct Write<'a> {
    txn: WriteTransaction,
    outbox: &'a Outbox,
    after_commit: Mutex<AfterCommit>,
}

/// What a write releases once committed.
#[derive(Default)]
struct AfterCommit {
    activities: Vec<ActivityId>,
    events: Vec<LiveEvent>,
    webhooks: Vec<WebhookDeliveryId>,
}

impl<'a> Write<'a> {
    /// Opens the write (see [`db::begin_write`] for how SQLite takes its turn); use cases
    /// open theirs with [`App::write`](crate::service::App::write).
    pub(crate) async fn begin(db: &DatabaseConnection, outbox: &'a Outbox) -> DomainResult<Self> {
        Ok(Self {
            txn: db::begin_write(db).await?,
            outbox,
            after_commit: Mutex::default(),
        })
    }

    /// The outbox this write records into.
    pub fn outbox(&self) -> &'a Outbox {
        self.outbox
    }

    /// Records `activity` in this write, with the webhook deliveries it brings; it is
    /// queued for delivery once the write commits.
    pub async fn record(&self, activity: &OutboxActivity) -> DomainResult<ActivityId> {
        let id = self.outbox.record(&self.txn, activity).await?;
        self.lock().activities.push(id);
        Ok(id)
    }

    /// Tells live subscriptions of `events` once the write commits.
    pub fn tell(&self, events: impl IntoIterator<Item = LiveEvent>) {
        self.lock().events.extend(events);
    }

    /// Queues webhook deliveries recorded in this write once it commits.
    pub fn queue_webhooks(&self, deliveries: Vec<WebhookDeliveryId>) {
        self.lock().webhooks.extend(deliveries);
    }

    /// Commits, then releases what the write gathered. A queue that is down does not undo
    /// the commit: unpublished activities are queued again by maintenance.
    pub async fn commit(self) -> DomainResult<()> {
        let after = self
            .after_commit
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        self.txn.commit().await?;
        self.outbox.publish(after.activities).await;
        webhooks::queue(self.outbox.queue().as_ref(), after.webhooks).await;
        self.outbox.tell(after.events).await;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, AfterCommit> {
        self.after_commit
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

db::connection_through!(Write<'_>, txn);
