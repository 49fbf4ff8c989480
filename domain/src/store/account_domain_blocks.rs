//! Domain blocks of one account.

use std::collections::HashSet;

use chrono::Utc;
use rookery_entity::account_domain_blocks::{ActiveModel, Column, Entity};
use rookery_entity::accounts;
use sea_orm::sea_query::{OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::ids::AccountId;

pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    domain: &str,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        domain: Set(domain.to_owned()),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::Domain])
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
    domain: &str,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::Domain.eq(domain))
        .exec(db)
        .await?;
    Ok(())
}

/// The domains `account` blocks, alphabetically.
pub async fn of(db: &impl ConnectionTrait, account: AccountId) -> Result<Vec<String>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .order_by_asc(Column::Domain)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.domain)
        .collect())
}

/// Which of `accounts` block the domain of the account `from` (none when it is local).
pub async fn blocking_domain_of(
    db: &impl ConnectionTrait,
    from: AccountId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    let domain_of_from = Query::select()
        .column(accounts::Column::Domain)
        .from(accounts::Entity)
        .and_where(accounts::Column::Id.eq(from.0))
        .to_owned();
    Ok(Entity::find()
        .filter(Column::Domain.in_subquery(domain_of_from))
        .filter(Column::AccountId.is_in(accounts.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// The accounts on the domains `account` blocks, as a subquery.
pub fn blocked_accounts_query(account: AccountId) -> SelectStatement {
    let domains = Query::select()
        .column(Column::Domain)
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .to_owned();
    Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(accounts::Column::Domain.in_subquery(domains))
        .to_owned()
}

/// The accounts that block `domain`.
pub async fn blockers_of(
    db: &impl ConnectionTrait,
    domain: &str,
) -> Result<HashSet<AccountId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Domain.eq(domain))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}
