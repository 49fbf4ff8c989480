//! The only place that speaks SQL: one module per table, returning domain types.
//!
//! Functions take `&impl ConnectionTrait` so a use case can pass a transaction.

pub mod access_tokens;
pub mod accounts;
pub mod follow_requests;
pub mod follows;
pub mod instance_settings;
pub mod mentions;
pub mod received_activities;
pub mod statuses;
pub mod tags;
pub mod users;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use uuid::Uuid;

use crate::page::{Page, PageRequest};

/// Runs `select` as one page ordered by the time-sorted `key`, newest first, and finds out
/// exactly whether items lie before and after it.
pub(crate) async fn page<E, T>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    key: E::Column,
    request: &PageRequest,
    convert: impl Fn(E::Model) -> (Uuid, T),
) -> Result<Page<T>, DbErr>
where
    E: EntityTrait,
{
    let limit = request.limit;
    let mut query = select.clone();
    if let Some(cursor) = request.cursor {
        query = query.filter(if request.backwards {
            key.gt(cursor)
        } else {
            key.lt(cursor)
        });
    }
    let order = if request.backwards {
        Order::Asc
    } else {
        Order::Desc
    };
    let mut rows = query.order_by(key, order).limit(limit + 1).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    if request.backwards {
        rows.reverse();
    }
    let beyond_cursor = match request.cursor {
        Some(cursor) => select
            .filter(if request.backwards {
                key.lte(cursor)
            } else {
                key.gte(cursor)
            })
            .limit(1)
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    let (has_previous, has_next) = if request.backwards {
        (more, beyond_cursor)
    } else {
        (beyond_cursor, more)
    };
    Ok(Page {
        items: rows.into_iter().map(convert).collect(),
        has_previous,
        has_next,
    })
}

/// Whether a database error is a unique-constraint violation.
pub(crate) fn is_unique_violation(error: &DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
