//! IP ranges sign-ups from which wait for approval or are refused.

use chrono::{DateTime, Utc};
use rookery_entity::ip_blocks::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::ids::IpBlockId;
use crate::types::{IpBlock, IpBlockSeverity};

fn to_domain(model: Model) -> Option<IpBlock> {
    Some(IpBlock {
        id: IpBlockId(model.id),
        range: model.range.parse().ok()?,
        severity: IpBlockSeverity::parse(&model.severity)?,
        comment: model.comment,
        expires_at: model.expires_at,
        created_at: model.created_at,
    })
}

/// Adds a block; false when the range was blocked already.
pub async fn insert(db: &impl ConnectionTrait, block: &IpBlock) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(block.id.0),
        range: Set(block.range.to_string()),
        severity: Set(block.severity.as_str().to_owned()),
        comment: Set(block.comment.clone()),
        expires_at: Set(block.expires_at),
        created_at: Set(block.created_at),
    };
    let inserted = Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(Column::Range)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn by_id(db: &impl ConnectionTrait, id: IpBlockId) -> Result<Option<IpBlock>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.and_then(to_domain))
}

pub async fn delete(db: &impl ConnectionTrait, id: IpBlockId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id.0).exec(db).await?.rows_affected == 1)
}

/// Every block, the newest first, at most `limit`.
pub async fn all(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<IpBlock>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}

/// The blocks in force at `now`, at most `limit`.
pub async fn in_force(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<IpBlock>, DbErr> {
    Ok(Entity::find()
        .filter(
            Condition::any()
                .add(Column::ExpiresAt.is_null())
                .add(Column::ExpiresAt.gt(now)),
        )
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}
