//! The addresses users signed in from.

use chrono::{DateTime, Utc};
use rookery_entity::sign_ins::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::ids::UserId;

pub async fn insert(
    db: &impl ConnectionTrait,
    user: UserId,
    ip: &str,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        ip: Set(ip.to_owned()),
        created_at: Set(at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// The addresses `user` signed in from, each with its latest time, the latest first.
pub async fn latest_of(
    db: &impl ConnectionTrait,
    user: UserId,
    limit: u64,
) -> Result<Vec<(String, DateTime<Utc>)>, DbErr> {
    Entity::find()
        .select_only()
        .column(Column::Ip)
        .column_as(Column::CreatedAt.max(), "latest")
        .filter(Column::UserId.eq(user.0))
        .group_by(Column::Ip)
        .order_by(Column::CreatedAt.max(), Order::Desc)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// Forgets sign-ins before `before`; returns how many.
pub async fn delete_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(Entity::delete_many()
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
