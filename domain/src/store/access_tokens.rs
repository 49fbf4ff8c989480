//! Access tokens, kept only as SHA-256 hashes.

use chrono::{DateTime, Utc};
use rookery_entity::access_tokens::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::ids::{TokenId, UserId};

/// A stored token, found by its hash.
#[derive(Debug, Clone)]
pub struct StoredToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub scopes: String,
    pub last_used_at: Option<DateTime<Utc>>,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    user_id: UserId,
    token_hash: String,
    scopes: &str,
) -> Result<TokenId, DbErr> {
    let id = TokenId::new();
    let row = ActiveModel {
        id: Set(id.0),
        user_id: Set(user_id.0),
        token_hash: Set(token_hash),
        scopes: Set(scopes.to_owned()),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(id)
}

pub async fn by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<StoredToken>, DbErr> {
    let row = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(db)
        .await?;
    Ok(row.map(|row| StoredToken {
        id: TokenId(row.id),
        user_id: UserId(row.user_id),
        scopes: row.scopes,
        last_used_at: row.last_used_at,
    }))
}

pub async fn touch(db: &impl ConnectionTrait, id: TokenId, at: DateTime<Utc>) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        last_used_at: Set(Some(at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: TokenId) -> Result<(), DbErr> {
    Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

/// Revokes every token of a user; returns how many there were.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user_id.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// How many users used a token at or after `since`.
pub async fn users_active_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::{PaginatorTrait, QuerySelect};
    Entity::find()
        .select_only()
        .column(Column::UserId)
        .distinct()
        .filter(Column::LastUsedAt.gte(since))
        .count(db)
        .await
}
