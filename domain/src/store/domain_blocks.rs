//! Blocked domains.

use chrono::Utc;
use rookery_entity::domain_blocks::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

pub async fn insert(
    db: &impl ConnectionTrait,
    domain: &str,
    reason: Option<String>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        domain: Set(domain.to_owned()),
        reason: Set(reason),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Domain)
                .update_column(Column::Reason)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Returns whether there was a block.
pub async fn delete(db: &impl ConnectionTrait, domain: &str) -> Result<bool, DbErr> {
    let result = Entity::delete_by_id(domain.to_owned()).exec(db).await?;
    Ok(result.rows_affected > 0)
}

/// Which of `domains` are blocked.
pub async fn blocked_among(
    db: &impl ConnectionTrait,
    domains: Vec<String>,
) -> Result<Vec<String>, DbErr> {
    let rows = Entity::find()
        .filter(Column::Domain.is_in(domains))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| row.domain).collect())
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<(String, Option<String>)>, DbErr> {
    let rows = Entity::find().order_by_asc(Column::Domain).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.domain, row.reason))
        .collect())
}
