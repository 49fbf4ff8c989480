//! Followed hashtags.

use chrono::Utc;
use rookery_entity::followed_tags::{ActiveModel, Column, Entity};
use rookery_entity::tags;
use sea_orm::sea_query::{Expr, OnConflict, Query, SelectStatement};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::ids::{AccountId, TagId};

pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    tag: TagId,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        account_id: Set(account.0),
        tag_id: Set(tag.0),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::TagId])
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
    tag: TagId,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::TagId.eq(tag.0))
        .exec(db)
        .await?;
    Ok(())
}

/// The names of the hashtags `account` follows, alphabetically.
pub async fn names_of(db: &impl ConnectionTrait, account: AccountId) -> Result<Vec<String>, DbErr> {
    let followed = Query::select()
        .column(Column::TagId)
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .to_owned();
    Ok(tags::Entity::find()
        .filter(tags::Column::Id.in_subquery(followed))
        .order_by_asc(tags::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.name)
        .collect())
}

/// Which of the hashtags named `names` `account` follows.
pub async fn followed_among(
    db: &impl ConnectionTrait,
    account: AccountId,
    names: &[String],
) -> Result<std::collections::HashSet<String>, DbErr> {
    if names.is_empty() {
        return Ok(Default::default());
    }
    Ok(tags::Entity::find()
        .filter(tags::Column::Id.in_subquery(followed_query(account)))
        .filter(tags::Column::Name.is_in(super::padded(names.iter().cloned())))
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.name)
        .collect())
}

/// The tags `account` follows, as a subquery.
pub fn followed_query(account: AccountId) -> SelectStatement {
    Query::select()
        .expr(Expr::col(Column::TagId))
        .from(Entity)
        .and_where(Column::AccountId.eq(account.0))
        .to_owned()
}

/// The accounts that follow any of the hashtags named.
pub async fn followers_of(
    db: &impl ConnectionTrait,
    names: &[String],
) -> Result<std::collections::HashSet<AccountId>, DbErr> {
    if names.is_empty() {
        return Ok(Default::default());
    }
    let tag_ids = Query::select()
        .column(tags::Column::Id)
        .from(tags::Entity)
        .and_where(tags::Column::Name.is_in(names.iter().cloned()))
        .to_owned();
    Ok(Entity::find()
        .filter(Column::TagId.in_subquery(tag_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AccountId(row.account_id))
        .collect())
}
