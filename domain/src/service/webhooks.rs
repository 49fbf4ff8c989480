//! Outgoing webhooks: who may make which, what each is told of, and the bookkeeping of
//! their deliveries. What to send is recorded in the transaction of the change it tells
//! of, queued after the commit, and swept up by maintenance when the queue lost it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::ids::{AccountId, ActivityId, Kind, WebhookDeliveryId, WebhookId, global};
use crate::ports::TaskQueue;
use crate::secrets::new_secret;
use crate::store;
use crate::store::webhooks::{DeliveryOutcome, NewDelivery};
use crate::types::{
    Account, ActivityKind, OutboxActivity, PendingWebhookDelivery, Permission, Report, Status,
    Viewer, Visibility, Webhook, WebhookEvent,
};
use crate::{DomainError, DomainResult};

/// Webhooks one account may make.
pub const MAX_WEBHOOKS: u64 = 20;
/// Attempts at one delivery, the first included: about eight hours of trying.
pub const MAX_ATTEMPTS: u32 = 10;
const MAX_URL_CHARS: usize = 2048;

/// A webhook to make.
#[derive(Debug, Clone)]
pub struct NewWebhook {
    pub url: String,
    pub events: Vec<WebhookEvent>,
    /// Told of every local status, new accounts and reports; admins only.
    pub instance_wide: bool,
}

/// The webhook made, and its secret, shown this once.
#[derive(Debug, Clone)]
pub struct CreatedWebhook {
    pub webhook: Webhook,
    pub secret: String,
}

/// Makes a webhook for the viewer. Instance-wide ones need an admin (and a token with the
/// `admin` scope); account and report events are for instance-wide ones only.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id))]
pub async fn create(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    new: NewWebhook,
) -> DomainResult<CreatedWebhook> {
    if new.instance_wide {
        viewer.require(Permission::ManageWebhooks)?;
    }
    let url = validate_url(&new.url)?;
    let mut events = new.events;
    events.sort_by_key(|event| event.as_str());
    events.dedup();
    if events.is_empty() {
        return Err(DomainError::validation("events", "at least one event"));
    }
    if !new.instance_wide
        && let Some(event) = events.iter().find(|event| event.instance_only())
    {
        return Err(DomainError::validation(
            "events",
            format!("{} is for instance-wide webhooks only", event.as_str()),
        ));
    }
    if store::webhooks::count_for_account(db, viewer.account_id).await? >= MAX_WEBHOOKS {
        return Err(DomainError::validation(
            "url",
            format!("at most {MAX_WEBHOOKS} webhooks; delete one first"),
        ));
    }
    let webhook = Webhook {
        id: WebhookId::new(),
        account_id: viewer.account_id,
        instance_wide: new.instance_wide,
        url,
        events,
        enabled: true,
        created_at: Utc::now(),
    };
    let secret = new_secret("whsec_");
    store::webhooks::insert(db, &webhook, &secret).await?;
    Ok(CreatedWebhook { webhook, secret })
}

fn validate_url(raw: &str) -> DomainResult<String> {
    let raw = raw.trim();
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(DomainError::validation(
            "url",
            format!("at most {MAX_URL_CHARS} characters"),
        ));
    }
    let url = url::Url::parse(raw).map_err(|e| DomainError::validation("url", e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(DomainError::validation("url", "an http or https URL"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(DomainError::validation("url", "no credentials in the URL"));
    }
    Ok(url.to_string())
}

/// The viewer's webhooks and, for admins, every instance-wide one; oldest first.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<Webhook>> {
    Ok(store::webhooks::visible_to(
        db,
        viewer.account_id,
        viewer.may(Permission::ManageWebhooks),
    )
    .await?)
}

/// One of the viewer's webhooks (or, for admins, an instance-wide one); another's is
/// NOT_FOUND.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: WebhookId,
) -> DomainResult<Webhook> {
    store::webhooks::by_id(db, id)
        .await?
        .filter(|hook| {
            hook.account_id == viewer.account_id
                || (hook.instance_wide && viewer.may(Permission::ManageWebhooks))
        })
        .ok_or(DomainError::NotFound(Kind::Webhook))
}

/// Deletes one of the viewer's webhooks (or, for admins, an instance-wide one) with what
/// it had still to send. Another's is NOT_FOUND.
pub async fn delete(db: &impl ConnectionTrait, viewer: &Viewer, id: WebhookId) -> DomainResult<()> {
    get(db, viewer, id).await?;
    store::webhooks::delete(db, id).await?;
    Ok(())
}

/// The webhooks that hear of `event` about the doings of `owner`, a local account.
async fn listening(
    db: &impl ConnectionTrait,
    event: WebhookEvent,
    owner: Option<AccountId>,
) -> DomainResult<Vec<Webhook>> {
    let hooks = store::webhooks::listening(db, owner).await?;
    Ok(hooks
        .into_iter()
        .filter(|hook| hook.events.contains(&event))
        .filter(|hook| hook.instance_wide || Some(hook.account_id) == owner)
        .collect())
}

/// Records one delivery of `object` per webhook; returns their ids.
async fn record(
    db: &impl ConnectionTrait,
    hooks: &[Webhook],
    event: WebhookEvent,
    activity: Option<ActivityId>,
    object: Value,
) -> DomainResult<Vec<WebhookDeliveryId>> {
    if hooks.is_empty() {
        return Ok(Vec::new());
    }
    let at = Utc::now();
    let body = json!({
        "event": event.api_name(),
        "createdAt": timestamp(at),
        "object": object,
    })
    .to_string();
    let new: Vec<NewDelivery> = hooks
        .iter()
        .map(|hook| NewDelivery {
            id: WebhookDeliveryId::new(),
            webhook: hook.id,
            activity,
            event,
            body: body.clone(),
            at,
        })
        .collect();
    store::webhooks::insert_deliveries(db, &new).await?;
    Ok(new.into_iter().map(|d| d.id).collect())
}

/// Records the status event an outbox activity stands for (a local status created, edited
/// or deleted), inside the activity's transaction. Publishing the activity queues them.
pub(crate) async fn record_for_activity(
    db: &impl ConnectionTrait,
    activity: &OutboxActivity,
) -> DomainResult<()> {
    let event = match activity.kind {
        ActivityKind::CreateNote => WebhookEvent::StatusCreated,
        ActivityKind::UpdateNote => WebhookEvent::StatusUpdated,
        ActivityKind::DeleteNote => WebhookEvent::StatusDeleted,
        _ => return Ok(()),
    };
    let Some(status_id) = activity.status else {
        return Ok(());
    };
    // Outbox activities are local accounts' doings.
    let hooks = listening(db, event, Some(activity.actor)).await?;
    if hooks.is_empty() {
        return Ok(());
    }
    let Some(author) = store::accounts::by_id(db, activity.actor).await? else {
        return Ok(());
    };
    let Some(status) = store::statuses::by_id(db, status_id).await? else {
        return Ok(());
    };
    // An instance-wide webhook hears of what anyone may read: followers-only and direct
    // statuses go to their author's own webhooks alone.
    let open = matches!(status.visibility, Visibility::Public | Visibility::Unlisted);
    let hooks: Vec<Webhook> = hooks
        .into_iter()
        .filter(|hook| open || !hook.instance_wide)
        .collect();
    record(
        db,
        &hooks,
        event,
        Some(activity.id),
        status_object(&status, &author),
    )
    .await?;
    Ok(())
}

/// Records `account.created` for a new local account, inside its transaction.
pub(crate) async fn record_account_created(
    db: &impl ConnectionTrait,
    account: &Account,
) -> DomainResult<Vec<WebhookDeliveryId>> {
    let hooks = listening(db, WebhookEvent::AccountCreated, None).await?;
    if hooks.is_empty() {
        return Ok(Vec::new());
    }
    // As stored: times as precise as the database keeps them, as the API reads them.
    let stored = store::accounts::by_id(db, account.id).await?;
    let account = stored.as_ref().unwrap_or(account);
    record(
        db,
        &hooks,
        WebhookEvent::AccountCreated,
        None,
        account_object(account),
    )
    .await
}

/// Records `report.created`, inside the report's transaction.
pub(crate) async fn record_report_created(
    db: &impl ConnectionTrait,
    report: &Report,
) -> DomainResult<Vec<WebhookDeliveryId>> {
    let hooks = listening(db, WebhookEvent::ReportCreated, None).await?;
    if hooks.is_empty() {
        return Ok(Vec::new());
    }
    let stored = store::reports::by_id(db, report.id).await?;
    let report = stored.as_ref().unwrap_or(report);
    let accounts = store::accounts::by_ids(db, &[report.reporter, report.target]).await?;
    let find = |id| accounts.iter().find(|a| a.id == id).map(account_object);
    let object = json!({
        "id": global("Report", report.id.0),
        "account": find(report.target),
        "reporter": find(report.reporter),
        "statuses": report
            .statuses
            .iter()
            .map(|id| json!({ "id": global("Status", id.0) }))
            .collect::<Vec<_>>(),
        "comment": report.comment,
        "category": report.category.as_str().to_ascii_uppercase(),
        "remote": report.ap_id.is_some(),
        "createdAt": timestamp(report.created_at),
    });
    record(db, &hooks, WebhookEvent::ReportCreated, None, object).await
}

/// A time as the API gives it (RFC 3339, as the GraphQL `DateTime` scalar).
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// An account as the API's `Account` gives it: these fields of it, named alike.
fn account_object(account: &Account) -> Value {
    json!({
        "id": global("Account", account.id.0),
        "username": account.username,
        "domain": account.domain,
        "acct": account.acct(),
        "local": account.is_local(),
        "displayName": account.display_name,
        "locked": account.locked,
        "bot": account.bot,
        "uri": account.actor_id,
        "url": account.url,
        "createdAt": timestamp(account.created_at),
    })
}

/// A status as the API's `Status` gives it to its author: these fields of it, named
/// alike; a deleted one has no text left, as its tombstone.
fn status_object(status: &Status, author: &Account) -> Value {
    let text = |text: &str| {
        if status.is_deleted() {
            String::new()
        } else {
            text.to_owned()
        }
    };
    json!({
        "id": global("Status", status.id.0),
        "uri": status.ap_id,
        "url": status.url,
        "author": account_object(author),
        "content": text(&status.content_html),
        "source": text(&status.source),
        "contentWarning": text(&status.content_warning),
        "sensitive": status.sensitive,
        "visibility": status.visibility.as_str().to_ascii_uppercase(),
        "language": status.language,
        "local": status.local,
        "inReplyTo": status.in_reply_to_id.map(|id| json!({ "id": global("Status", id.0) })),
        "createdAt": timestamp(status.created_at),
        "editedAt": status.edited_at.map(timestamp),
        "deleted": status.is_deleted(),
        "deletedAt": status.deleted_at.map(timestamp),
    })
}

/// Queues committed deliveries. A queue failure is logged, not returned: the change is
/// committed and [`requeue_overdue`] queues them later.
pub async fn queue(queue: &dyn TaskQueue, deliveries: Vec<WebhookDeliveryId>) {
    if deliveries.is_empty() {
        return;
    }
    if let Err(error) = queue.webhooks(deliveries).await {
        tracing::warn!(%error, "webhook deliveries recorded but not queued; they will be retried");
    }
}

/// Queues the deliveries a published outbox activity brought.
pub async fn queue_for_activity(
    db: &impl ConnectionTrait,
    task_queue: &dyn TaskQueue,
    activity: ActivityId,
) -> DomainResult<usize> {
    let ids = store::webhooks::unsent_for_activity(db, activity).await?;
    let count = ids.len();
    if count > 0 {
        task_queue
            .webhooks(ids)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}

/// Queues again unsent deliveries whose attempt was due more than `older_than` ago: the
/// queue lost them (it was down at the commit, or a worker died); returns how many.
pub async fn requeue_overdue(
    db: &impl ConnectionTrait,
    task_queue: &dyn TaskQueue,
    older_than: std::time::Duration,
) -> DomainResult<usize> {
    let before = Utc::now() - Duration::from_std(older_than).unwrap_or(Duration::MAX);
    let ids = store::webhooks::overdue(db, before, 1000).await?;
    let count = ids.len();
    if count > 0 {
        task_queue
            .webhooks(ids)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}

/// A delivery to send now; None when it was sent, given up, is not due yet, or its
/// webhook is gone or turned off.
pub async fn pending(
    db: &impl ConnectionTrait,
    id: WebhookDeliveryId,
) -> DomainResult<Option<PendingWebhookDelivery>> {
    // Queues keep run times to the second: a task may run a moment before its attempt's
    // recorded time.
    let due_by = Utc::now() + Duration::seconds(2);
    let pending = store::webhooks::pending(db, id, due_by).await?;
    Ok(pending.map(|mut delivery| {
        if let Some(event) = WebhookEvent::parse(&delivery.event) {
            delivery.event = event.api_name().to_owned();
        }
        delivery
    }))
}

/// Records that a delivery was answered with success.
pub async fn delivered(
    db: &impl ConnectionTrait,
    delivery: &PendingWebhookDelivery,
) -> DomainResult<()> {
    let outcome = DeliveryOutcome::Delivered(Utc::now());
    Ok(store::webhooks::set_outcome(db, delivery.id, delivery.attempts + 1, outcome).await?)
}

/// What is to become of a delivery that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failed {
    /// Try again after this long.
    RetryAfter(std::time::Duration),
    /// Never again.
    GaveUp,
}

/// Records a failed attempt: tried again later when `retryable` and attempts remain (no
/// sooner than the receiver's `retry_after`, up to an hour), else given up.
pub async fn failed(
    db: &impl ConnectionTrait,
    delivery: &PendingWebhookDelivery,
    reason: &str,
    retryable: bool,
    retry_after: Option<std::time::Duration>,
) -> DomainResult<Failed> {
    let attempts = delivery.attempts + 1;
    let now = Utc::now();
    let (outcome, failed) = if retryable && attempts < MAX_ATTEMPTS {
        let mut wait = retry_delay(attempts);
        if let Some(theirs) = retry_after {
            wait = wait.max(theirs.min(std::time::Duration::from_secs(3600)));
        }
        let next = now + Duration::from_std(wait).unwrap_or(Duration::hours(1));
        (
            DeliveryOutcome::RetryAt(next, reason.to_owned()),
            Failed::RetryAfter(wait),
        )
    } else {
        (
            DeliveryOutcome::GaveUp(now, reason.to_owned()),
            Failed::GaveUp,
        )
    };
    store::webhooks::set_outcome(db, delivery.id, attempts, outcome).await?;
    Ok(failed)
}

/// How long to wait after failed attempt number `attempt` (1 for the first): 2 s plus
/// 1.9·attempt⁴ s, so about 4 s, half a minute, 2.5 minutes … about eight hours in all.
pub fn retry_delay(attempt: u32) -> std::time::Duration {
    std::time::Duration::from_secs_f64(2.0 + 1.9 * f64::from(attempt).powi(4))
}

/// Forgets deliveries sent or given up before `before`; returns how many.
pub async fn prune_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> DomainResult<u64> {
    Ok(store::webhooks::delete_finished_before(db, before).await?)
}

/// Records the event of a status no activity stands for (private and local notes never
/// federate), inside its transaction: its author's own webhooks hear of it, never an
/// instance-wide one.
pub(crate) async fn record_for_note(
    db: &impl ConnectionTrait,
    event: WebhookEvent,
    status: &Status,
) -> DomainResult<Vec<WebhookDeliveryId>> {
    let hooks: Vec<Webhook> = listening(db, event, Some(status.account_id))
        .await?
        .into_iter()
        .filter(|hook| !hook.instance_wide)
        .collect();
    if hooks.is_empty() {
        return Ok(Vec::new());
    }
    let Some(author) = store::accounts::by_id(db, status.account_id).await? else {
        return Ok(Vec::new());
    };
    record(db, &hooks, event, None, status_object(status, &author)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_are_soon_at_first_and_span_hours() {
        assert!(retry_delay(1) < std::time::Duration::from_secs(5));
        let total: std::time::Duration = (1..MAX_ATTEMPTS).map(retry_delay).sum();
        let hours = total.as_secs_f64() / 3600.0;
        assert!((6.0..=10.0).contains(&hours), "{hours} hours");
    }

    #[test]
    fn urls_are_http_without_credentials() {
        assert!(validate_url("https://hooks.example/in").is_ok());
        assert!(validate_url("http://127.0.0.1:9000/x").is_ok());
        for bad in ["ftp://a.example/", "not a url", "https://u:p@a.example/"] {
            assert!(validate_url(bad).is_err(), "{bad}");
        }
    }
}
