//! What the domain needs from other crates, as traits they implement: the job queue, the
//! mailer, the media store and the bus of live events.

use std::future::Future;
use std::pin::Pin;

use crate::ids::{
    AccountId, ActivityId, AnnouncementId, CustomEmojiId, MailId, MediaId, NotificationId,
    ReportId, StatusId, WebhookDeliveryId,
};
use crate::types::{FailedDelivery, Mail};

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

    /// Queues telling moderators of committed reports (and forwarding them).
    fn moderate(&self, reports: Vec<ReportId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues fetching the statuses these remote replies answer, unknown here.
    fn fetch_parents(&self, replies: Vec<StatusId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues checking that the pages these local accounts' profile fields link to link
    /// back to them (rel=me verification), on the `ingress` queue.
    fn verify_links(&self, accounts: Vec<AccountId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues reading what these servers run from their NodeInfo, on the `ingress` queue.
    fn read_software(&self, domains: Vec<String>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues committed mail to be sent.
    fn mail(&self, mails: Vec<MailId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues processing uploads, or fetching remote attachments, on the `media` queue.
    fn process_media(&self, media: Vec<MediaId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues copying other servers' custom emoji here, on the `media` queue.
    fn copy_emojis(&self, emojis: Vec<CustomEmojiId>) -> PortFuture<'_, Result<(), QueueError>>;

    /// Queues committed webhook deliveries on the `webhooks` queue.
    fn webhooks(
        &self,
        deliveries: Vec<WebhookDeliveryId>,
    ) -> PortFuture<'_, Result<(), QueueError>>;

    /// Each queue's counts, as the backend keeps them.
    fn stats(&self) -> PortFuture<'_, Result<Vec<QueueStats>, QueueError>>;
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum MailError {
    /// Worth trying again later: the server did not answer, or answered 4xx.
    #[error("mail not sent, for now: {0}")]
    Transient(String),
    /// Will not pass: a bad address, or 5xx.
    #[error("mail refused: {0}")]
    Permanent(String),
}

/// Sends mail: over SMTP, or into a directory when no SMTP server is configured.
pub trait Mailer: Send + Sync + std::fmt::Debug {
    fn send<'a>(&'a self, mail: &'a Mail) -> PortFuture<'a, Result<(), MailError>>;
}

#[derive(Debug, Clone, thiserror::Error)]
#[error("media store: {0}")]
pub struct StoreError(pub String);

/// Where media bytes are kept, by key: a local directory or an S3-compatible bucket.
pub trait MediaStore: Send + Sync + std::fmt::Debug {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> PortFuture<'a, Result<(), StoreError>>;

    /// The bytes kept under `key`, or None when there are none.
    fn get<'a>(&'a self, key: &'a str) -> PortFuture<'a, Result<Option<Vec<u8>>, StoreError>>;

    /// Removes `key`; nothing when it is not there.
    fn delete<'a>(&'a self, key: &'a str) -> PortFuture<'a, Result<(), StoreError>>;

    /// How many bytes the store holds in all.
    fn usage(&self) -> PortFuture<'_, Result<u64, StoreError>>;
}

/// Looks up the mail servers of email domains, for email domain blocks.
pub trait MailServers: Send + Sync {
    /// The hosts `domain`'s MX records name, lowercased and without the final dot; none
    /// when it has none or the look-up failed (which is logged).
    fn of<'a>(&'a self, domain: &'a str) -> PortFuture<'a, Vec<String>>;
}

/// Something live subscriptions may want to hear of, told after it is committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LiveEvent {
    StatusCreated(StatusId),
    StatusEdited(StatusId),
    StatusDeleted(StatusId),
    Notified(NotificationId),
    /// An announcement was created, changed or deleted.
    AnnouncementChanged(AnnouncementId),
}

impl LiveEvent {
    /// A short text form, for buses between processes: a letter, a colon and the id.
    pub fn encode(&self) -> String {
        let (letter, id) = match self {
            Self::StatusCreated(id) => ('c', id.0),
            Self::StatusEdited(id) => ('e', id.0),
            Self::StatusDeleted(id) => ('d', id.0),
            Self::Notified(id) => ('n', id.0),
            Self::AnnouncementChanged(id) => ('a', id.0),
        };
        format!("{letter}:{id}")
    }

    /// Reads [`LiveEvent::encode`]'s form; None for anything else.
    pub fn decode(text: &str) -> Option<Self> {
        let (letter, id) = text.split_once(':')?;
        let id = uuid::Uuid::parse_str(id).ok()?;
        Some(match letter {
            "c" => Self::StatusCreated(StatusId(id)),
            "e" => Self::StatusEdited(StatusId(id)),
            "d" => Self::StatusDeleted(StatusId(id)),
            "n" => Self::Notified(NotificationId(id)),
            "a" => Self::AnnouncementChanged(AnnouncementId(id)),
            _ => return None,
        })
    }

    pub fn notified(ids: Vec<NotificationId>) -> impl Iterator<Item = Self> {
        ids.into_iter().map(Self::Notified)
    }
}

/// Carries live events to every process serving subscriptions: a broadcast inside one
/// process, or Redis pub/sub between many. Best effort: an event lost here only means a
/// client refetches, never lost data.
pub trait EventBus: Send + Sync + std::fmt::Debug {
    /// Tells every process, this one included.
    fn publish(&self, events: Vec<LiveEvent>) -> PortFuture<'_, ()>;

    /// The events published from now on, by any process.
    fn subscribe(&self) -> tokio::sync::broadcast::Receiver<LiveEvent>;
}
