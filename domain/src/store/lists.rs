//! Lists and the accounts on them.

use rookery_entity::{list_accounts, lists};
use sea_orm::sea_query::{OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::ids::{AccountId, ListId};
use crate::types::List;

fn to_domain(row: lists::Model) -> List {
    List {
        id: ListId(row.id),
        owner: AccountId(row.account_id),
        title: row.title,
        created_at: row.created_at,
    }
}

pub async fn insert(db: &impl ConnectionTrait, list: &List) -> Result<(), DbErr> {
    let row = lists::ActiveModel {
        id: Set(list.id.0),
        account_id: Set(list.owner.0),
        title: Set(list.title.clone()),
        created_at: Set(list.created_at),
    };
    lists::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn rename(db: &impl ConnectionTrait, id: ListId, title: &str) -> Result<(), DbErr> {
    lists::Entity::update_many()
        .col_expr(lists::Column::Title, title.into())
        .filter(lists::Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: ListId) -> Result<(), DbErr> {
    lists::Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: ListId) -> Result<Option<List>, DbErr> {
    Ok(lists::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(to_domain))
}

/// `owner`'s lists, by title.
pub async fn of(db: &impl ConnectionTrait, owner: AccountId) -> Result<Vec<List>, DbErr> {
    Ok(lists::Entity::find()
        .filter(lists::Column::AccountId.eq(owner.0))
        .order_by_asc(lists::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn add_members(
    db: &impl ConnectionTrait,
    list: ListId,
    accounts: &[AccountId],
) -> Result<(), DbErr> {
    if accounts.is_empty() {
        return Ok(());
    }
    let rows = accounts.iter().map(|account| list_accounts::ActiveModel {
        list_id: Set(list.0),
        account_id: Set(account.0),
    });
    list_accounts::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                list_accounts::Column::ListId,
                list_accounts::Column::AccountId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn remove_members(
    db: &impl ConnectionTrait,
    list: ListId,
    accounts: &[AccountId],
) -> Result<(), DbErr> {
    list_accounts::Entity::delete_many()
        .filter(list_accounts::Column::ListId.eq(list.0))
        .filter(list_accounts::Column::AccountId.is_in(accounts.iter().map(|id| id.0)))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn members(db: &impl ConnectionTrait, list: ListId) -> Result<Vec<AccountId>, DbErr> {
    Ok(list_accounts::Entity::find()
        .filter(list_accounts::Column::ListId.eq(list.0))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}

/// The accounts on `list`, as a subquery.
pub fn members_query(list: ListId) -> SelectStatement {
    Query::select()
        .column(list_accounts::Column::AccountId)
        .from(list_accounts::Entity)
        .and_where(list_accounts::Column::ListId.eq(list.0))
        .to_owned()
}

/// Takes `account` off every list of `owner`.
pub async fn remove_everywhere(
    db: &impl ConnectionTrait,
    owner: AccountId,
    account: AccountId,
) -> Result<(), DbErr> {
    let lists_of_owner = Query::select()
        .column(lists::Column::Id)
        .from(lists::Entity)
        .and_where(lists::Column::AccountId.eq(owner.0))
        .to_owned();
    list_accounts::Entity::delete_many()
        .filter(list_accounts::Column::AccountId.eq(account.0))
        .filter(list_accounts::Column::ListId.in_subquery(lists_of_owner))
        .exec(db)
        .await?;
    Ok(())
}
