//! Deliveries that exhausted their retries.

use chrono::Utc;
use rookery_entity::failed_deliveries::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::ids::ActivityId;
use crate::page::{Page, PageRequest};
use crate::types::FailedDelivery;

fn to_domain(model: Model) -> FailedDelivery {
    FailedDelivery {
        id: model.id,
        activity: ActivityId(model.activity_id),
        inbox: model.inbox,
        attempts: u32::try_from(model.attempts).unwrap_or(0),
        last_error: model.last_error,
        failed_at: model.failed_at,
    }
}

pub async fn insert(
    db: &impl ConnectionTrait,
    activity: ActivityId,
    inbox: &str,
    attempts: u32,
    last_error: &str,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        activity_id: Set(activity.0),
        inbox: Set(inbox.to_owned()),
        attempts: Set(i32::try_from(attempts).unwrap_or(i32::MAX)),
        last_error: Set(last_error.chars().take(2000).collect()),
        failed_at: Set(Utc::now()),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The most recent failures first.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<FailedDelivery>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::FailedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// A page of failures, the newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    request: &PageRequest,
) -> Result<Page<FailedDelivery>, DbErr> {
    super::page(db, Entity::find(), Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}

pub async fn delete(db: &impl ConnectionTrait, ids: &[uuid::Uuid]) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    Entity::find().count(db).await
}

/// Forgets failures older than `before`; returns how many.
pub async fn delete_before(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(Entity::delete_many()
        .filter(Column::FailedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
