//! Blocks between accounts.

use std::collections::HashSet;

use chrono::Utc;
use rookery_entity::blocks::{ActiveModel, Column, Entity};
use sea_orm::sea_query::{OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
};

use crate::ids::AccountId;

/// Records that `account` blocks `target`; false when it already did.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    target: AccountId,
    ap_id: Option<String>,
) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        target_account_id: Set(target.0),
        ap_id: Set(ap_id),
        created_at: Set(Utc::now()),
    };
    let inserted = Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::TargetAccountId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Ends `account`'s block of `target`; returns the `Block`'s id when there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    target: AccountId,
) -> Result<Option<Option<String>>, DbErr> {
    let Some(row) = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::TargetAccountId.eq(target.0))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Entity::delete_by_id(row.id).exec(db).await?;
    Ok(Some(row.ap_id))
}

/// The accounts among `others` that `account` blocks, and those that block it.
pub async fn between(
    db: &impl ConnectionTrait,
    account: AccountId,
    others: &[AccountId],
) -> Result<(HashSet<AccountId>, HashSet<AccountId>), DbErr> {
    let others: Vec<uuid::Uuid> = super::padded(others.iter().map(|id| id.0));
    let rows = Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(Column::AccountId.eq(account.0))
                        .add(Column::TargetAccountId.is_in(others.clone())),
                )
                .add(
                    Condition::all()
                        .add(Column::TargetAccountId.eq(account.0))
                        .add(Column::AccountId.is_in(others)),
                ),
        )
        .all(db)
        .await?;
    let mut blocking = HashSet::new();
    let mut blocked_by = HashSet::new();
    for row in rows {
        if row.account_id == account.0 {
            blocking.insert(AccountId(row.target_account_id));
        } else {
            blocked_by.insert(AccountId(row.account_id));
        }
    }
    Ok((blocking, blocked_by))
}

/// Accounts `account` blocks, as a subquery.
pub fn blocked_by_query(account: AccountId) -> SelectStatement {
    Query::select()
        .column(Column::TargetAccountId)
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .to_owned()
}

/// Accounts that block `account`, as a subquery.
pub fn blocking_query(account: AccountId) -> SelectStatement {
    Query::select()
        .column(Column::AccountId)
        .from(Entity)
        .and_where(Column::TargetAccountId.eq(account.0))
        .to_owned()
}

/// The accounts on either side of a block with `account`.
pub async fn either_side_of(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<HashSet<AccountId>, DbErr> {
    let rows = Entity::find()
        .filter(
            Condition::any()
                .add(Column::AccountId.eq(account.0))
                .add(Column::TargetAccountId.eq(account.0)),
        )
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            if row.account_id == account.0 {
                AccountId(row.target_account_id)
            } else {
                AccountId(row.account_id)
            }
        })
        .collect())
}

/// A page of the accounts `account` blocks, the latest block first.
pub async fn page_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    request: &crate::page::PageRequest,
) -> Result<crate::page::Page<AccountId>, DbErr> {
    let select = Entity::find().filter(Column::AccountId.eq(account.0));
    super::page(db, select, Column::Id, request, |row| {
        (row.id, AccountId(row.target_account_id))
    })
    .await
}
