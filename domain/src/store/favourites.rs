//! Favourites of statuses.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::favourites::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};

/// Records that `account` likes `status`; false when it already did.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: StatusId,
    ap_id: Option<String>,
) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        status_id: Set(status.0),
        ap_id: Set(ap_id),
        created_at: Set(Utc::now()),
    };
    let inserted = Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::StatusId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// Forgets that `account` likes `status`; returns the `Like`'s id when there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: StatusId,
) -> Result<Option<Option<String>>, DbErr> {
    let Some(row) = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::StatusId.eq(status.0))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Entity::delete_by_id(row.id).exec(db).await?;
    Ok(Some(row.ap_id))
}

/// Forgets the favourite that the `Like` `ap_id` of `account` made; the status it was of.
pub async fn delete_by_ap_id(
    db: &impl ConnectionTrait,
    account: AccountId,
    ap_id: &str,
) -> Result<Option<StatusId>, DbErr> {
    let Some(row) = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ApId.eq(ap_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Entity::delete_by_id(row.id).exec(db).await?;
    Ok(Some(StatusId(row.status_id)))
}

/// A page of the statuses `account` likes and may still see, the latest liked first
/// (keyed by the favourite).
pub async fn page_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    request: &PageRequest,
) -> Result<Page<StatusId>, DbErr> {
    let select = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(super::predicates::visible_live(
            (Entity, Column::StatusId),
            account,
        ));
    super::page(db, select, Column::Id, request, |m| {
        (m.id, StatusId(m.status_id))
    })
    .await
}

/// How many favourites each of `statuses` has.
pub async fn counts(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, u64>, DbErr> {
    let keys = statuses.iter().map(|id| id.0).collect();
    let counts = super::count_by(db, Entity::find(), Column::StatusId, Column::Id, keys).await?;
    Ok(counts.into_iter().map(|(k, v)| (StatusId(k), v)).collect())
}
