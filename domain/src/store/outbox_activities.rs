//! The outbox: activities of local accounts, recorded with the change they announce.

use chrono::{DateTime, Utc};
use rookery_entity::outbox_activities::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::ids::{AccountId, ActivityId, ReportId, StatusId};
use crate::types::{ActivityKind, OutboxActivity};

fn to_domain(model: Model) -> Option<OutboxActivity> {
    Some(OutboxActivity {
        id: ActivityId(model.id),
        ap_id: model.ap_id,
        actor: AccountId(model.account_id),
        kind: ActivityKind::parse(&model.kind)?,
        status: model.status_id.map(StatusId),
        target_account: model.target_account_id.map(AccountId),
        object_ap_id: model.object_ap_id,
        report: model.report_id.map(ReportId),
        body: model.body,
        created_at: model.created_at,
        published_at: model.published_at,
    })
}

pub async fn insert(db: &impl ConnectionTrait, activity: &OutboxActivity) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(activity.id.0),
        ap_id: Set(activity.ap_id.clone()),
        account_id: Set(activity.actor.0),
        kind: Set(activity.kind.as_str().to_owned()),
        status_id: Set(activity.status.map(|id| id.0)),
        target_account_id: Set(activity.target_account.map(|id| id.0)),
        object_ap_id: Set(activity.object_ap_id.clone()),
        report_id: Set(activity.report.map(|id| id.0)),
        body: Set(activity.body.clone()),
        created_at: Set(activity.created_at),
        published_at: Set(activity.published_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: ActivityId,
) -> Result<Option<OutboxActivity>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.and_then(to_domain))
}

pub async fn set_body(
    db: &impl ConnectionTrait,
    id: ActivityId,
    body: String,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Body, Some(body).into())
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_published(
    db: &impl ConnectionTrait,
    id: ActivityId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::PublishedAt, Some(at).into())
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Activities recorded before `before` and not published yet, oldest first.
pub async fn unpublished(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<ActivityId>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::PublishedAt.is_null())
        .filter(Column::CreatedAt.lt(before))
        .order_by_asc(Column::CreatedAt)
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await
        .map(|ids| ids.into_iter().map(ActivityId).collect())
}

/// The latest activities of `account`, newest first.
pub async fn recent_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    limit: u64,
) -> Result<Vec<ActivityId>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::AccountId.eq(account.0))
        .order_by_desc(Column::Id)
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await
        .map(|ids| ids.into_iter().map(ActivityId).collect())
}
