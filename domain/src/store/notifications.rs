//! Notifications of accounts.

use chrono::{DateTime, Utc};
use rookery_entity::notifications::{ActiveModel, Column, Entity, Model};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::ids::{AccountId, NotificationId, ReportId, StatusId};
use crate::page::{Page, PageRequest};
use crate::types::{Notification, NotificationFilter, NotificationKind};

fn to_domain(model: Model) -> Option<Notification> {
    Some(Notification {
        id: NotificationId(model.id),
        recipient: AccountId(model.account_id),
        kind: NotificationKind::parse(&model.kind)?,
        from: model.from_account_id.map(AccountId),
        status: model.status_id.map(StatusId),
        report: model.report_id.map(ReportId),
        read_at: model.read_at,
        created_at: model.created_at,
    })
}

pub async fn insert_many(
    db: &impl ConnectionTrait,
    notifications: &[Notification],
) -> Result<(), DbErr> {
    if notifications.is_empty() {
        return Ok(());
    }
    let rows = notifications.iter().map(|n| ActiveModel {
        id: Set(n.id.0),
        account_id: Set(n.recipient.0),
        kind: Set(n.kind.as_str().to_owned()),
        from_account_id: Set(n.from.map(|id| id.0)),
        status_id: Set(n.status.map(|id| id.0)),
        report_id: Set(n.report.map(|id| id.0)),
        read_at: Set(n.read_at),
        created_at: Set(n.created_at),
    });
    Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// A page of an account's notifications, newest first.
pub async fn page_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    filter: &NotificationFilter,
    request: &PageRequest,
) -> Result<Page<Notification>, DbErr> {
    let names = |kinds: &[NotificationKind]| -> Vec<&'static str> {
        kinds.iter().map(|kind| kind.as_str()).collect()
    };
    let mut select = Entity::find().filter(Column::AccountId.eq(account.0));
    if !filter.types.is_empty() {
        select = select.filter(Column::Kind.is_in(names(&filter.types)));
    }
    if !filter.exclude.is_empty() {
        select = select.filter(Column::Kind.is_not_in(names(&filter.exclude)));
    }
    let page = super::page(db, select, Column::Id, request, |m| (m.id, m)).await?;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .filter_map(|(key, model)| to_domain(model).map(|n| (key, n)))
            .collect(),
        has_previous: page.has_previous,
        has_next: page.has_next,
    })
}

/// The newest `limit` unread notifications of `account`.
pub async fn unread_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    limit: u64,
) -> Result<Vec<Notification>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ReadAt.is_null())
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}

/// Marks read every unread notification of `account` up to `up_to` (all when unset).
pub async fn mark_read(
    db: &impl ConnectionTrait,
    account: AccountId,
    up_to: Option<NotificationId>,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut update = Entity::update_many()
        .col_expr(Column::ReadAt, Expr::value(at))
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ReadAt.is_null());
    if let Some(up_to) = up_to {
        update = update.filter(Column::Id.lte(up_to.0));
    }
    Ok(update.exec(db).await?.rows_affected)
}

pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[NotificationId],
) -> Result<Vec<Notification>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}

/// Deletes one of `recipient`'s notifications; whether there was one.
pub async fn delete_one(
    db: &impl ConnectionTrait,
    recipient: AccountId,
    id: NotificationId,
) -> Result<bool, DbErr> {
    let deleted = Entity::delete_many()
        .filter(Column::Id.eq(id.0))
        .filter(Column::AccountId.eq(recipient.0))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected > 0)
}

/// Deletes what `a` and `b` were told of each other.
pub async fn delete_between(
    db: &impl ConnectionTrait,
    a: AccountId,
    b: AccountId,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(Column::AccountId.eq(a.0))
                        .add(Column::FromAccountId.eq(b.0)),
                )
                .add(
                    Condition::all()
                        .add(Column::AccountId.eq(b.0))
                        .add(Column::FromAccountId.eq(a.0)),
                ),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes what `recipient` was told of the accounts on `domain`.
pub async fn delete_from_domain(
    db: &impl ConnectionTrait,
    recipient: AccountId,
    domain: &str,
) -> Result<(), DbErr> {
    let on_domain = super::accounts::ids_on(domain);
    Entity::delete_many()
        .filter(Column::AccountId.eq(recipient.0))
        .filter(Column::FromAccountId.in_subquery(on_domain))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the notification of `from`'s request to follow `recipient`, once the request
/// is answered or withdrawn.
pub async fn delete_follow_request(
    db: &impl ConnectionTrait,
    from: AccountId,
    recipient: AccountId,
) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::AccountId.eq(recipient.0))
        .filter(Column::FromAccountId.eq(from.0))
        .filter(Column::Kind.eq(NotificationKind::FollowRequest.as_str()))
        .exec(db)
        .await?;
    Ok(())
}
