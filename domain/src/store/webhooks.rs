//! Webhooks and their deliveries.

use chrono::{DateTime, Utc};
use rookery_entity::{webhook_deliveries as deliveries, webhooks};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::ids::{AccountId, ActivityId, WebhookDeliveryId, WebhookId};
use crate::secrets::Purpose;
use crate::types::{PendingWebhookDelivery, Webhook, WebhookEvent};

fn to_domain(row: webhooks::Model) -> Webhook {
    Webhook {
        id: WebhookId(row.id),
        account_id: AccountId(row.account_id),
        instance_wide: row.instance_wide,
        url: row.url,
        events: row
            .events
            .split_whitespace()
            .filter_map(WebhookEvent::parse)
            .collect(),
        enabled: row.enabled,
        created_at: row.created_at,
    }
}

fn event_names(events: &[WebhookEvent]) -> String {
    events
        .iter()
        .map(|event| event.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

pub async fn insert(db: &impl ConnectionTrait, hook: &Webhook, secret: &str) -> Result<(), DbErr> {
    let row = webhooks::ActiveModel {
        id: Set(hook.id.0),
        account_id: Set(hook.account_id.0),
        instance_wide: Set(hook.instance_wide),
        url: Set(hook.url.clone()),
        events: Set(event_names(&hook.events)),
        secret: Set(super::seal(Purpose::WebhookSecret, secret)?),
        enabled: Set(hook.enabled),
        created_at: Set(hook.created_at),
    };
    webhooks::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The stored secrets of webhooks that do not begin with `prefix` (those not sealed with
/// the current key), by webhook.
pub async fn secrets_not_sealed_with(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> Result<Vec<(WebhookId, String)>, DbErr> {
    let rows = webhooks::Entity::find()
        .filter(webhooks::Column::Secret.not_like(format!("{prefix}%")))
        .select_only()
        .column(webhooks::Column::Id)
        .column(webhooks::Column::Secret)
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, secret)| (WebhookId(id), secret))
        .collect())
}

/// Replaces a webhook's stored secret with `sealed`, as it is.
pub async fn set_sealed_secret(
    db: &impl ConnectionTrait,
    id: WebhookId,
    sealed: String,
) -> Result<(), DbErr> {
    webhooks::Entity::update_many()
        .col_expr(webhooks::Column::Secret, Expr::value(sealed))
        .filter(webhooks::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: WebhookId) -> Result<Option<Webhook>, DbErr> {
    Ok(webhooks::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_domain))
}

/// An account's own webhooks and, with `instance_wide`, every instance-wide one; oldest first.
pub async fn visible_to(
    db: &impl ConnectionTrait,
    account: AccountId,
    instance_wide: bool,
) -> Result<Vec<Webhook>, DbErr> {
    let mut condition = Condition::any().add(webhooks::Column::AccountId.eq(account.0));
    if instance_wide {
        condition = condition.add(webhooks::Column::InstanceWide.eq(true));
    }
    Ok(webhooks::Entity::find()
        .filter(condition)
        .order_by_asc(webhooks::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn count_for_account(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<u64, DbErr> {
    webhooks::Entity::find()
        .filter(webhooks::Column::AccountId.eq(account.0))
        .count(db)
        .await
}

pub async fn delete(db: &impl ConnectionTrait, id: WebhookId) -> Result<(), DbErr> {
    webhooks::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

/// Enabled webhooks that may hear of `event`: instance-wide ones, and with `owner` that
/// account's own. Their events are checked by the caller.
pub async fn listening(
    db: &impl ConnectionTrait,
    owner: Option<AccountId>,
) -> Result<Vec<Webhook>, DbErr> {
    let mut whose = Condition::any().add(webhooks::Column::InstanceWide.eq(true));
    if let Some(owner) = owner {
        whose = whose.add(webhooks::Column::AccountId.eq(owner.0));
    }
    Ok(webhooks::Entity::find()
        .filter(webhooks::Column::Enabled.eq(true))
        .filter(whose)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// A delivery to record.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    pub id: WebhookDeliveryId,
    pub webhook: WebhookId,
    pub activity: Option<ActivityId>,
    pub event: WebhookEvent,
    pub body: String,
    pub at: DateTime<Utc>,
}

pub async fn insert_deliveries(
    db: &impl ConnectionTrait,
    new: &[NewDelivery],
) -> Result<(), DbErr> {
    if new.is_empty() {
        return Ok(());
    }
    let rows = new.iter().map(|d| deliveries::ActiveModel {
        id: Set(d.id.0),
        webhook_id: Set(d.webhook.0),
        activity_id: Set(d.activity.map(|a| a.0)),
        event: Set(d.event.as_str().to_owned()),
        body: Set(d.body.clone()),
        created_at: Set(d.at),
        attempts: Set(0),
        next_attempt_at: Set(d.at),
        delivered_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
    });
    deliveries::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn ids(rows: Vec<Uuid>) -> Vec<WebhookDeliveryId> {
    rows.into_iter().map(WebhookDeliveryId).collect()
}

/// The unsent deliveries an outbox activity brought.
pub async fn unsent_for_activity(
    db: &impl ConnectionTrait,
    activity: ActivityId,
) -> Result<Vec<WebhookDeliveryId>, DbErr> {
    Ok(ids(deliveries::Entity::find()
        .select_only()
        .column(deliveries::Column::Id)
        .filter(deliveries::Column::ActivityId.eq(activity.0))
        .filter(deliveries::Column::DeliveredAt.is_null())
        .filter(deliveries::Column::FailedAt.is_null())
        .into_tuple::<Uuid>()
        .all(db)
        .await?))
}

/// Unsent deliveries, not given up, whose next attempt was due before `before`.
pub async fn overdue(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<WebhookDeliveryId>, DbErr> {
    Ok(ids(deliveries::Entity::find()
        .select_only()
        .column(deliveries::Column::Id)
        .filter(deliveries::Column::DeliveredAt.is_null())
        .filter(deliveries::Column::FailedAt.is_null())
        .filter(deliveries::Column::NextAttemptAt.lt(before))
        .order_by_asc(deliveries::Column::NextAttemptAt)
        .limit(limit)
        .into_tuple::<Uuid>()
        .all(db)
        .await?))
}

/// A delivery still to send, with its webhook's address and secret; None when it was sent,
/// given up, not due by `due_by`, or its webhook is gone or turned off.
pub async fn pending(
    db: &impl ConnectionTrait,
    id: WebhookDeliveryId,
    due_by: DateTime<Utc>,
) -> Result<Option<PendingWebhookDelivery>, DbErr> {
    let Some(delivery) = deliveries::Entity::find_by_id(id.0).one(db).await? else {
        return Ok(None);
    };
    if delivery.delivered_at.is_some()
        || delivery.failed_at.is_some()
        || delivery.next_attempt_at > due_by
    {
        return Ok(None);
    }
    let Some(hook) = webhooks::Entity::find_by_id(delivery.webhook_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !hook.enabled {
        return Ok(None);
    }
    Ok(Some(PendingWebhookDelivery {
        id,
        url: hook.url,
        secret: super::open(Purpose::WebhookSecret, &hook.secret)?,
        event: delivery.event,
        body: delivery.body,
        attempts: u32::try_from(delivery.attempts).unwrap_or(0),
    }))
}

/// Records an attempt: sent (`delivered`), to try again at `next`, or given up.
pub async fn set_outcome(
    db: &impl ConnectionTrait,
    id: WebhookDeliveryId,
    attempts: u32,
    outcome: DeliveryOutcome,
) -> Result<(), DbErr> {
    let mut row = deliveries::ActiveModel {
        id: Set(id.0),
        attempts: Set(i32::try_from(attempts).unwrap_or(i32::MAX)),
        ..Default::default()
    };
    match outcome {
        DeliveryOutcome::Delivered(at) => {
            row.delivered_at = Set(Some(at));
            row.last_error = Set(None);
        }
        DeliveryOutcome::RetryAt(next, error) => {
            row.next_attempt_at = Set(next);
            row.last_error = Set(Some(error));
        }
        DeliveryOutcome::GaveUp(at, error) => {
            row.failed_at = Set(Some(at));
            row.last_error = Set(Some(error));
        }
    }
    row.update(db).await?;
    Ok(())
}

/// What an attempt came to.
#[derive(Debug, Clone)]
pub enum DeliveryOutcome {
    Delivered(DateTime<Utc>),
    RetryAt(DateTime<Utc>, String),
    GaveUp(DateTime<Utc>, String),
}

/// Forgets deliveries sent or given up before `before`; returns how many.
pub async fn delete_finished_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let finished = Condition::any()
        .add(deliveries::Column::DeliveredAt.lt(before))
        .add(deliveries::Column::FailedAt.lt(before));
    Ok(deliveries::Entity::delete_many()
        .filter(finished)
        .exec(db)
        .await?
        .rows_affected)
}
