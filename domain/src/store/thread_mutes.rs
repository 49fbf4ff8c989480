//! Thread mutes of accounts.

use std::collections::HashSet;

use chrono::Utc;
use rookery_entity::statuses;
use rookery_entity::thread_mutes::{ActiveModel, Column, Entity};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, StatusId};

/// Mutes `thread` for `account`; nothing when it already is.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    thread: StatusId,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        thread_id: Set(thread.0),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::ThreadId, Column::AccountId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    thread: StatusId,
) -> Result<bool, DbErr> {
    let deleted = Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ThreadId.eq(thread.0))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Which of `accounts` mute the thread `status` is in (one query).
pub async fn muting_thread_of(
    db: &impl ConnectionTrait,
    status: StatusId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    let thread = Query::select()
        .column(statuses::Column::ThreadId)
        .from(statuses::Entity)
        .and_where(statuses::Column::Id.eq(status.0))
        .to_owned();
    Ok(Entity::find()
        .filter(Column::ThreadId.in_subquery(thread))
        .filter(Column::AccountId.is_in(accounts.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// Which of `threads` `account` mutes.
pub async fn muted_among(
    db: &impl ConnectionTrait,
    account: AccountId,
    threads: &[StatusId],
) -> Result<HashSet<StatusId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ThreadId.is_in(super::padded(threads.iter().map(|id| id.0))))
        .all(db)
        .await?
        .into_iter()
        .map(|row| StatusId(row.thread_id))
        .collect())
}
