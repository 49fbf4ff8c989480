//! Mentions: which accounts a status names.

use std::collections::{HashMap, HashSet};

use rookery_entity::mentions::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, StatusId};

/// Records that `status` mentions `accounts`; one named twice is recorded once.
pub async fn insert(
    db: &impl ConnectionTrait,
    status: StatusId,
    accounts: &[AccountId],
) -> Result<(), DbErr> {
    if accounts.is_empty() {
        return Ok(());
    }
    let rows = accounts.iter().map(|account| ActiveModel {
        status_id: Set(status.0),
        account_id: Set(account.0),
    });
    Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([Column::StatusId, Column::AccountId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// `status` mentions `accounts` no more.
pub async fn delete(
    db: &impl ConnectionTrait,
    status: StatusId,
    accounts: &[AccountId],
) -> Result<(), DbErr> {
    if accounts.is_empty() {
        return Ok(());
    }
    Entity::delete_many()
        .filter(Column::StatusId.eq(status.0))
        .filter(Column::AccountId.is_in(accounts.iter().map(|a| a.0)))
        .exec(db)
        .await?;
    Ok(())
}

/// The accounts each status mentions.
pub async fn by_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, Vec<AccountId>>, DbErr> {
    let ids = super::padded(statuses.iter().map(|id| id.0));
    let rows = Entity::find()
        .filter(Column::StatusId.is_in(ids))
        .all(db)
        .await?;
    let mut map: HashMap<StatusId, Vec<AccountId>> = HashMap::new();
    for row in rows {
        map.entry(StatusId(row.status_id))
            .or_default()
            .push(AccountId(row.account_id));
    }
    Ok(map)
}

/// Which of `statuses` mention `account`.
pub async fn mentioning(
    db: &impl ConnectionTrait,
    account: AccountId,
    statuses: &[StatusId],
) -> Result<HashSet<StatusId>, DbErr> {
    let ids = super::padded(statuses.iter().map(|id| id.0));
    let rows = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::StatusId.is_in(ids))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| StatusId(row.status_id))
        .collect())
}
