//! Mail: written in the transaction of what it tells, queued after, sent by the mail job.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::MailId;
use crate::ports::{MailError, Mailer, TaskQueue};
use crate::store;
use crate::types::Mail;
use crate::{DomainError, DomainResult};

/// Attempts at sending one message before it is left unsent (its last error kept).
pub const MAX_ATTEMPTS: u32 = 10;

/// A new message, not yet stored.
pub(crate) fn compose(to: &str, subject: &str, body: String) -> Mail {
    Mail {
        id: MailId::new(),
        to: to.to_owned(),
        subject: subject.to_owned(),
        body,
        created_at: Utc::now(),
        sent_at: None,
        attempts: 0,
    }
}

/// Queues committed mail to be sent; when the queue fails, the maintenance sweep
/// (`requeue_unsent`) sends it later.
pub(crate) async fn queue(queue: &dyn TaskQueue, mails: &[Mail]) {
    if mails.is_empty() {
        return;
    }
    let ids = mails.iter().map(|m| m.id).collect();
    if let Err(error) = queue.mail(ids).await {
        tracing::warn!(%error, "mail written but not queued; the maintenance sweep will");
    }
}

/// What came of sending one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Sent now, or before: nothing more to do.
    Done,
    /// Not sent; worth trying again after this many earlier attempts.
    Retry { attempts: u32, reason: String },
    /// Not sent and never will be.
    GaveUp(String),
}

/// Sends message `id` unless it is gone or sent already.
pub async fn send(
    db: &impl ConnectionTrait,
    mailer: &dyn Mailer,
    id: MailId,
) -> DomainResult<Sent> {
    let Some(mail) = store::mails::by_id(db, id).await? else {
        return Ok(Sent::Done);
    };
    if mail.sent_at.is_some() {
        return Ok(Sent::Done);
    }
    match mailer.send(&mail).await {
        Ok(()) => {
            store::mails::set_sent(db, id, Utc::now()).await?;
            Ok(Sent::Done)
        }
        Err(error) => {
            let reason = error.to_string();
            let attempts = mail.attempts + 1;
            let retry = matches!(error, MailError::Transient(_)) && attempts < MAX_ATTEMPTS;
            // Given up counts as every attempt made: the maintenance sweep leaves it be.
            let recorded = if retry { attempts } else { MAX_ATTEMPTS };
            store::mails::set_failed(db, id, recorded, &reason).await?;
            Ok(if retry {
                Sent::Retry { attempts, reason }
            } else {
                Sent::GaveUp(reason)
            })
        }
    }
}

/// Queues again unsent mail created more than `older_than` ago that the queue may have
/// lost (it was down when the mail was written); returns how many.
pub async fn requeue_unsent(
    db: &impl ConnectionTrait,
    queue: &dyn TaskQueue,
    older_than: std::time::Duration,
) -> DomainResult<usize> {
    let before = Utc::now() - Duration::from_std(older_than).unwrap_or(Duration::MAX);
    let ids = store::mails::unsent(db, before, MAX_ATTEMPTS, 1000).await?;
    let count = ids.len();
    if count > 0 {
        queue
            .mail(ids)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}
