//! Follow requests waiting for a locked account's answer.

use std::collections::HashSet;

use chrono::Utc;
use rookery_entity::follow_requests::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::ids::{AccountId, FollowId};
use crate::page::{Page, PageRequest};

/// Records a request; nothing happens when one is already waiting.
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

/// Withdraws or answers a request; returns whether there was one.
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

/// The Follow activity id of a waiting request, if there is a request.
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

/// Which of `accounts` `follower` has asked to follow.
pub async fn requested_among(
    db: &impl ConnectionTrait,
    follower: AccountId,
    accounts: &[AccountId],
) -> Result<HashSet<AccountId>, DbErr> {
    let rows = Entity::find()
        .filter(Column::FollowerId.eq(follower.0))
        .filter(Column::FolloweeId.is_in(accounts.iter().map(|id| id.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| AccountId(row.followee_id))
        .collect())
}

/// A page of the requests waiting for `followee`, newest first.
pub async fn page_for(
    db: &impl ConnectionTrait,
    followee: AccountId,
    request: &PageRequest,
) -> Result<Page<AccountId>, DbErr> {
    let select = Entity::find().filter(Column::FolloweeId.eq(followee.0));
    super::page(db, select, Column::Id, request, |row| {
        (row.id, AccountId(row.follower_id))
    })
    .await
}

/// Follower and followee of the request made by the Follow activity `ap_id`.
pub async fn by_ap_id(
    db: &impl ConnectionTrait,
    ap_id: &str,
) -> Result<Option<(AccountId, AccountId)>, DbErr> {
    let row = Entity::find()
        .filter(Column::ApId.eq(ap_id))
        .one(db)
        .await?;
    Ok(row.map(|row| (AccountId(row.follower_id), AccountId(row.followee_id))))
}

/// Drops every request from or to `account`.
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

/// Ends every request from or to an account of `domain` (and below).
pub async fn delete_all_with_domain(db: &impl ConnectionTrait, domain: &str) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(
                    Column::FollowerId.in_subquery(super::accounts::ids_on_domain_or_below(domain)),
                )
                .add(
                    Column::FolloweeId.in_subquery(super::accounts::ids_on_domain_or_below(domain)),
                ),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Every request waiting for `followee`: the follower and the Follow activity id, oldest
/// first.
pub async fn all_for(
    db: &impl ConnectionTrait,
    followee: AccountId,
) -> Result<Vec<(AccountId, Option<String>)>, DbErr> {
    let rows = Entity::find()
        .filter(Column::FolloweeId.eq(followee.0))
        .order_by_asc(Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (AccountId(row.follower_id), row.ap_id))
        .collect())
}
