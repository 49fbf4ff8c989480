//! Bookmarks of statuses.

use std::collections::HashSet;

use chrono::Utc;
use rookery_entity::bookmarks::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};

/// Bookmarks `status` for `account`; nothing when it already is.
pub async fn insert(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: StatusId,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        account_id: Set(account.0),
        status_id: Set(status.0),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::AccountId, Column::StatusId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Forgets `account`'s bookmark of `status`; whether there was one.
pub async fn delete(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: StatusId,
) -> Result<bool, DbErr> {
    let deleted = Entity::delete_many()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::StatusId.eq(status.0))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// A page of `account`'s bookmarked statuses that it may still see, the latest bookmarked
/// first.
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

/// Which of `statuses` `account` bookmarked.
pub async fn bookmarked_among(
    db: &impl ConnectionTrait,
    account: AccountId,
    statuses: &[StatusId],
) -> Result<HashSet<StatusId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::StatusId.is_in(super::padded(statuses.iter().map(|id| id.0))))
        .all(db)
        .await?
        .into_iter()
        .map(|row| StatusId(row.status_id))
        .collect())
}
