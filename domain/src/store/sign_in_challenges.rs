//! Sign-in challenges: a right password waiting for its second factor, kept by the hash of
//! its token.

use chrono::{DateTime, Utc};
use rookery_entity::sign_in_challenges::{ActiveModel, Column, Entity, Model};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::UserId;

/// A challenge waiting for its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub id: uuid::Uuid,
    pub user: UserId,
    pub device: Option<String>,
    pub ip: Option<String>,
    pub attempts: u32,
    pub expires_at: DateTime<Utc>,
}

fn to_domain(row: Model) -> Challenge {
    Challenge {
        id: row.id,
        user: UserId(row.user_id),
        device: row.device,
        ip: row.ip,
        attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
        expires_at: row.expires_at,
    }
}

/// Keeps a challenge for `user` under `token_hash`, valid until `expires_at`.
pub async fn insert(
    db: &impl ConnectionTrait,
    user: UserId,
    token_hash: &str,
    device: Option<String>,
    ip: Option<String>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        token_hash: Set(token_hash.to_owned()),
        device: Set(device),
        ip: Set(ip),
        attempts: Set(0),
        expires_at: Set(expires_at),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<Challenge>, DbErr> {
    Ok(Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(to_domain))
}

/// Counts one more wrong code against a challenge.
pub async fn count_attempt(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Uses up a challenge: true when it was still there.
pub async fn take(db: &impl ConnectionTrait, id: uuid::Uuid) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id).exec(db).await?.rows_affected == 1)
}

/// Forgets every challenge of `user`.
pub async fn delete_for_user(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets challenges that expired before `now`; returns how many.
pub async fn delete_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
