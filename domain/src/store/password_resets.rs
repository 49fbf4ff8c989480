//! Password resets: the hash of each token a reset mail carried, used once.

use chrono::{DateTime, Utc};
use rookery_entity::password_resets::{ActiveModel, Column, Entity};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::UserId;

/// Keeps the hash of a reset token of `user`, valid until `expires_at`.
pub async fn insert(
    db: &impl ConnectionTrait,
    user: UserId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Uses up the reset whose token has this hash: its user, when it was there and had not
/// expired at `now`. Of two asking at once, one gets it.
pub async fn take(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<UserId>, DbErr> {
    let Some(row) = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let taken = Entity::delete_by_id(row.id).exec(db).await?.rows_affected == 1;
    Ok((taken && row.expires_at > now).then_some(UserId(row.user_id)))
}

/// Forgets every reset of `user` (once one is used, or the password changed).
pub async fn delete_for_user(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets resets that expired before `now`; returns how many.
pub async fn delete_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
