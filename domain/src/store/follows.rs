//! Accepted follows between accounts.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rookery_entity::accounts;
use rookery_entity::follows::{ActiveModel, Column, Entity};
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, FollowId};
use crate::page::{Page, PageRequest};

/// Records that `follower` follows `followee`; nothing happens when it already does.
/// Returns false when it was there already.
pub async fn insert(
    db: &impl ConnectionTrait,
    follower: AccountId,
    followee: AccountId,
    ap_id: Option<String>,
) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(FollowId::new().0),
        follower_id: Set(follower.0),
        followee_id: Set(followee.0),
        ap_id: Set(ap_id),
        created_at: Set(Utc::now()),
    };
    let inserted = Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::FollowerId, Column::FolloweeId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Ends a follow; returns whether there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    follower: AccountId,
    followee: AccountId,
) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::FollowerId.eq(follower.0))
        .filter(Column::FolloweeId.eq(followee.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Which of `accounts` `follower` follows.
pub async fn followed_among(
    db: &impl ConnectionTrait,
    follower: AccountId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    let rows = Entity::find()
        .filter(Column::FollowerId.eq(follower.0))
        .filter(Column::FolloweeId.is_in(super::padded(accounts.iter().map(|id| id.0))))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AccountId(row.followee_id))
        .collect())
}

/// Which of `accounts` follow `followee`.
pub async fn followers_among(
    db: &impl ConnectionTrait,
    followee: AccountId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    let rows = Entity::find()
        .filter(Column::FolloweeId.eq(followee.0))
        .filter(Column::FollowerId.is_in(accounts.iter().map(|id| id.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AccountId(row.follower_id))
        .collect())
}

/// The accounts of this instance that follow `followee`.
pub async fn local_followers(
    db: &impl ConnectionTrait,
    followee: AccountId,
) -> Result<Vec<AccountId>, DbErr> {
    let local_accounts = Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(accounts::Column::Domain.is_null())
        .to_owned();
    let rows = Entity::find()
        .filter(Column::FolloweeId.eq(followee.0))
        .filter(Column::FollowerId.in_subquery(local_accounts))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AccountId(row.follower_id))
        .collect())
}

/// Ends the follows of `followee` by accounts on `domain`.
pub async fn delete_followers_on(
    db: &impl ConnectionTrait,
    followee: AccountId,
    domain: &str,
) -> Result<(), DbErr> {
    let on_domain = super::accounts::ids_on(domain);
    Entity::delete_many()
        .filter(Column::FolloweeId.eq(followee.0))
        .filter(Column::FollowerId.in_subquery(on_domain))
        .exec(db)
        .await?;
    Ok(())
}

/// A page of `account`'s followers (or of the accounts it follows), newest follow first.
pub async fn page(
    db: &impl ConnectionTrait,
    account: AccountId,
    followers: bool,
    request: &PageRequest,
) -> Result<Page<AccountId>, DbErr> {
    let filter_column = if followers {
        Column::FolloweeId
    } else {
        Column::FollowerId
    };
    let select = Entity::find().filter(filter_column.eq(account.0));
    super::page(db, select, Column::Id, request, |row| {
        let other = if followers {
            row.follower_id
        } else {
            row.followee_id
        };
        (row.id, AccountId(other))
    })
    .await
}

/// Followers (`followers = true`) or followees of each account.
pub async fn counts(
    db: &impl ConnectionTrait,
    accounts: &[AccountId],
    followers: bool,
) -> Result<HashMap<AccountId, u64>, DbErr> {
    let group = if followers {
        Column::FolloweeId
    } else {
        Column::FollowerId
    };
    let keys = accounts.iter().map(|id| id.0).collect();
    let counts = super::count_by(db, Entity::find(), group, Column::Id, keys).await?;
    Ok(counts.into_iter().map(|(k, v)| (AccountId(k), v)).collect())
}

/// The Follow activity id of a follow, if there is a follow.
pub async fn find(
    db: &impl ConnectionTrait,
    follower: AccountId,
    followee: AccountId,
) -> Result<Option<Option<String>>, DbErr> {
    let row = Entity::find()
        .filter(Column::FollowerId.eq(follower.0))
        .filter(Column::FolloweeId.eq(followee.0))
        .one(db)
        .await?;
    Ok(row.map(|row| row.ap_id))
}

/// Ends every follow from or of `account`.
pub async fn delete_all_of(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(Column::FollowerId.eq(account.0))
                .add(Column::FolloweeId.eq(account.0)),
        )
        .exec(db)
        .await?;
    Ok(())
}
