//! Hosts deliveries keep failing to.

use rookery_entity::delivery_hosts::{ActiveModel, Column, Entity, Model};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, sea_query::OnConflict};

pub async fn find(db: &impl ConnectionTrait, host: &str) -> Result<Option<Model>, DbErr> {
    Entity::find_by_id(host.to_owned()).one(db).await
}

pub async fn save(db: &impl ConnectionTrait, row: Model) -> Result<(), DbErr> {
    let active = ActiveModel {
        host: Set(row.host),
        failure_days: Set(row.failure_days),
        last_failure_on: Set(row.last_failure_on),
        unavailable: Set(row.unavailable),
    };
    Entity::insert(active)
        .on_conflict(
            OnConflict::column(Column::Host)
                .update_columns([
                    Column::FailureDays,
                    Column::LastFailureOn,
                    Column::Unavailable,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, host: &str) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(host.to_owned())
        .exec(db)
        .await?
        .rows_affected
        > 0)
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Model>, DbErr> {
    Entity::find().all(db).await
}
