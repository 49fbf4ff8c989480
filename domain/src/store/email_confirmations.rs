//! Email confirmations: the hash of each link mailed to confirm an address, used once.

use chrono::{DateTime, Utc};
use rookery_entity::email_confirmations::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::ids::UserId;

/// A confirmation link not yet followed: whose, and the address it confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub user: UserId,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// Keeps the hash of a link confirming `email` for `user`, valid until `expires_at`.
pub async fn insert(
    db: &impl ConnectionTrait,
    user: UserId,
    email: &str,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        email: Set(email.to_owned()),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(expires_at),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Uses up the link whose token has this hash, when it was there and had not expired at
/// `now`. Of two asking at once, one gets it.
pub async fn take(
    db: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Pending>, DbErr> {
    let Some(row) = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let taken = Entity::delete_by_id(row.id).exec(db).await?.rows_affected == 1;
    Ok((taken && row.expires_at > now).then_some(Pending {
        user: UserId(row.user_id),
        email: row.email,
        created_at: row.created_at,
    }))
}

/// The address `user`'s newest link still valid at `now` confirms.
pub async fn latest_email(
    db: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    let row = Entity::find()
        .filter(Column::UserId.eq(user.0))
        .filter(Column::ExpiresAt.gt(now))
        .order_by_desc(Column::CreatedAt)
        .one(db)
        .await?;
    Ok(row.map(|row| row.email))
}

/// Whether a link was mailed to `user` after `at` (which makes the earlier ones void).
pub async fn any_after(
    db: &impl ConnectionTrait,
    user: UserId,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let count = Entity::find()
        .filter(Column::UserId.eq(user.0))
        .filter(Column::CreatedAt.gt(at))
        .count(db)
        .await?;
    Ok(count > 0)
}

/// How many links were mailed to `user` since `since`, and when the latest was.
pub async fn sent_since(
    db: &impl ConnectionTrait,
    user: UserId,
    since: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let recent = Entity::find()
        .filter(Column::UserId.eq(user.0))
        .filter(Column::CreatedAt.gt(since));
    let count = recent.clone().count(db).await?;
    let latest = recent
        .order_by_desc(Column::CreatedAt)
        .one(db)
        .await?
        .map(|row| row.created_at);
    Ok((count, latest))
}

/// Forgets every link of `user` (once one is followed, or an address is confirmed).
pub async fn delete_for_user(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets links that expired before `now`; returns how many.
pub async fn delete_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
