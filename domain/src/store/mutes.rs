//! Mutes between accounts; an expired mute counts as none.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rookery_entity::mutes::{ActiveModel, Column, Entity};
use sea_orm::sea_query::{OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use crate::ids::AccountId;

fn active() -> Condition {
    Condition::any()
        .add(Column::ExpiresAt.is_null())
        .add(Column::ExpiresAt.gt(Utc::now()))
}

/// Mutes `target` for `account`, or changes the mute it has.
pub async fn upsert(
    db: &impl ConnectionTrait,
    account: AccountId,
    target: AccountId,
    notifications: bool,
    expires_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        target_account_id: Set(target.0),
        notifications: Set(notifications),
        expires_at: Set(expires_at),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::TargetAccountId])
                .update_columns([Column::Notifications, Column::ExpiresAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    target: AccountId,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::TargetAccountId.eq(target.0))
        .exec(db)
        .await?;
    Ok(())
}

/// One account's mute of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Muting {
    /// Its notifications are muted too.
    pub notifications: bool,
    /// When the mute ends by itself, if it does.
    pub ends_at: Option<DateTime<Utc>>,
}

/// Which of `targets` `account` mutes, and how.
pub async fn muting_among(
    db: &impl ConnectionTrait,
    account: AccountId,
    targets: &[AccountId],
) -> Result<HashMap<AccountId, Muting>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::TargetAccountId.is_in(super::padded(targets.iter().map(|id| id.0))))
        .filter(active())
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let muting = Muting {
                notifications: row.notifications,
                ends_at: row.expires_at,
            };
            (AccountId(row.target_account_id), muting)
        })
        .collect())
}

/// Which of `accounts` mute the notifications of `from`.
pub async fn muting_notifications_of(
    db: &impl ConnectionTrait,
    from: AccountId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::TargetAccountId.eq(from.0))
        .filter(Column::AccountId.is_in(accounts.iter().map(|id| id.0)))
        .filter(Column::Notifications.eq(true))
        .filter(active())
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// The accounts `account` mutes, as a subquery.
pub fn muted_query(account: AccountId) -> SelectStatement {
    Query::select()
        .column(Column::TargetAccountId)
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .cond_where(active())
        .to_owned()
}

/// The accounts that mute `account` now.
pub async fn muters_of(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<HashSet<AccountId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::TargetAccountId.eq(account.0))
        .filter(active())
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// A page of the accounts `account` mutes now, the latest mute first.
pub async fn page_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    request: &crate::page::PageRequest,
) -> Result<crate::page::Page<AccountId>, DbErr> {
    let select = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(active());
    super::page(db, select, Column::Id, request, |row| {
        (row.id, AccountId(row.target_account_id))
    })
    .await
}
