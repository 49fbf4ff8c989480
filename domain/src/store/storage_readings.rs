//! The media store's size: the last measure of each UTC day.

use chrono::{DateTime, Utc};
use rookery_entity::storage_readings::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// One measure: `(day, bytes, measured at)`.
pub type Reading = (String, u64, DateTime<Utc>);

/// Keeps `bytes` as `at`'s day's measure, in place of an earlier one that day.
pub async fn put(db: &impl ConnectionTrait, bytes: u64, at: DateTime<Utc>) -> Result<(), DbErr> {
    let row = ActiveModel {
        day: Set(at.format("%Y-%m-%d").to_string()),
        bytes: Set(i64::try_from(bytes).unwrap_or(i64::MAX)),
        measured_at: Set(at),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Day)
                .update_columns([Column::Bytes, Column::MeasuredAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The measures of the days from `first` (`YYYY-MM-DD`) on, oldest first.
pub async fn since(db: &impl ConnectionTrait, first: &str) -> Result<Vec<Reading>, DbErr> {
    let rows = Entity::find()
        .filter(Column::Day.gte(first))
        .order_by_asc(Column::Day)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(reading).collect())
}

/// The latest measure.
pub async fn latest(db: &impl ConnectionTrait) -> Result<Option<Reading>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::Day)
        .one(db)
        .await?
        .map(reading))
}

fn reading(row: rookery_entity::storage_readings::Model) -> Reading {
    (
        row.day,
        u64::try_from(row.bytes).unwrap_or(0),
        row.measured_at,
    )
}
