//! Instance settings set at run time, by key.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::instance_settings::{ActiveModel, Column, Entity};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, sea_query::OnConflict};

pub async fn all(db: &impl ConnectionTrait) -> Result<HashMap<String, serde_json::Value>, DbErr> {
    let rows = Entity::find().all(db).await?;
    Ok(rows.into_iter().map(|row| (row.key, row.value)).collect())
}

pub async fn set(
    db: &impl ConnectionTrait,
    key: &str,
    value: serde_json::Value,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value),
        updated_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Key)
                .update_columns([Column::Value, Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
