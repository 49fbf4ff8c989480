//! Pinned statuses.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rookery_entity::status_pins::{ActiveModel, Column, Entity};
use rookery_entity::statuses;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::ids::{AccountId, StatusId};
use crate::types::Visibility;

/// Pins `status` for its author `account`; nothing when it is pinned already.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: StatusId,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        status_id: Set(status.0),
        account_id: Set(account.0),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict_do_nothing_on([Column::StatusId])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, status: StatusId) -> Result<(), DbErr> {
    Entity::delete_by_id(status.0).exec(db).await?;
    Ok(())
}

/// Makes `statuses` (the latest pinned first) all of `account`'s pins.
pub async fn replace(
    db: &impl ConnectionTrait,
    account: AccountId,
    statuses: &[StatusId],
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .exec(db)
        .await?;
    if statuses.is_empty() {
        return Ok(());
    }
    // Pins are ordered by when they were made: each one a millisecond before the one ahead
    // of it keeps the order given.
    let now = Utc::now();
    let rows = statuses.iter().zip(0i64..).map(|(status, n)| ActiveModel {
        status_id: Set(status.0),
        account_id: Set(account.0),
        created_at: Set(now - chrono::Duration::milliseconds(n)),
    });
    Entity::insert_many(rows)
        .on_conflict_do_nothing_on([Column::StatusId])
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// How many of `account`'s pinned statuses have one of `visibilities`.
pub async fn count_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    visibilities: &[Visibility],
) -> Result<u64, DbErr> {
    let of_visibility = Query::select()
        .column(statuses::Column::Id)
        .from(statuses::Entity)
        .and_where(statuses::Column::AccountId.eq(account.0))
        .and_where(statuses::Column::Visibility.is_in(visibilities.iter().map(|v| v.as_str())))
        .to_owned();
    Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::StatusId.in_subquery(of_visibility))
        .count(db)
        .await
}

/// `account`'s pinned statuses, the latest pinned first.
pub async fn of(db: &impl ConnectionTrait, account: AccountId) -> Result<Vec<StatusId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .order_by_desc(Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| StatusId(row.status_id))
        .collect())
}

/// The pins of each of `accounts`, the latest pinned first, in one statement.
pub async fn of_accounts(
    db: &impl ConnectionTrait,
    accounts: &[AccountId],
) -> Result<HashMap<AccountId, Vec<StatusId>>, DbErr> {
    let mut pins: HashMap<AccountId, Vec<StatusId>> = HashMap::new();
    if accounts.is_empty() {
        return Ok(pins);
    }
    let rows = Entity::find()
        .filter(Column::AccountId.is_in(super::padded(accounts.iter().map(|a| a.0))))
        .order_by_desc(Column::CreatedAt)
        .all(db)
        .await?;
    for row in rows {
        pins.entry(AccountId(row.account_id))
            .or_default()
            .push(StatusId(row.status_id));
    }
    Ok(pins)
}

/// Which of `statuses` are pinned.
pub async fn pinned_among(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashSet<StatusId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::StatusId.is_in(super::padded(statuses.iter().map(|id| id.0))))
        .all(db)
        .await?
        .into_iter()
        .map(|row| StatusId(row.status_id))
        .collect())
}
