//! The only place that speaks SQL: one module per table, returning domain types.
//!
//! Functions take `&impl ConnectionTrait` so a use case can pass a transaction.

pub mod access_tokens;
pub mod account_domain_blocks;
pub mod account_strikes;
pub mod accounts;
pub mod admin_accounts;
pub mod announcements;
pub mod appeals;
pub mod audit_log;
pub mod blocks;
pub mod bookmarks;
#[cfg(feature = "testing")]
pub mod bulk;
pub mod conversations;
pub mod custom_emojis;
pub mod dashboard;
pub mod delivery_hosts;
pub mod domain_allows;
pub mod domain_blocks;
pub mod email_confirmations;
pub mod email_domain_blocks;
pub mod failed_deliveries;
pub mod favourites;
pub mod filters;
pub mod follow_requests;
pub mod followed_tags;
pub mod follows;
pub mod instance_settings;
pub mod interaction_policies;
pub mod invites;
pub mod ip_blocks;
pub mod known_servers;
pub mod lists;
pub mod mails;
pub mod maintenance_runs;
pub mod media_attachments;
pub mod mentions;
pub mod moderator_notes;
pub mod mutes;
pub mod notifications;
pub mod outbox_activities;
pub mod password_resets;
pub mod pins;
pub mod polls;
pub mod predicates;
pub mod queue_tasks;
pub mod quotes;
pub mod received_activities;
pub mod recovery_codes;
pub mod reports;
pub mod roles;
pub mod search;
pub mod server_software;
pub mod severed_follows;
pub mod sign_in_challenges;
pub mod sign_ins;
pub mod status_edits;
pub mod status_search;
pub mod statuses;
pub mod storage_readings;
pub mod tags;
pub mod thread_mutes;
pub mod timelines;
pub mod totp_credentials;
pub mod users;
pub mod webhooks;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use uuid::Uuid;

use crate::page::{Page, PageRequest};
use crate::secrets::{self, Purpose};

/// Seals a secret before it is written (see [`crate::secrets`]).
pub(crate) fn seal(purpose: Purpose, plaintext: &str) -> Result<String, DbErr> {
    secrets::seal(purpose, plaintext).map_err(|e| DbErr::Custom(e.to_string()))
}

/// Opens a secret as it is read.
pub(crate) fn open(purpose: Purpose, sealed: &str) -> Result<String, DbErr> {
    secrets::open(purpose, sealed).map_err(|e| DbErr::Custom(e.to_string()))
}

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

/// The numbered parameters `$from, …` of an `IN (…)` list of `count` values, for SQL
/// written by hand.
pub(crate) fn parameters(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The keys of an `IN (…)` list, padded to the next power of two by repeating the last.
/// Each length of list is a statement of its own to the database, prepared and planned
/// afresh; padded, a handful of statements serve lists of every length and stay prepared.
pub(crate) fn padded<T: Clone>(keys: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut keys: Vec<T> = keys.into_iter().collect();
    if let Some(last) = keys.last().cloned() {
        keys.resize(keys.len().next_power_of_two(), last);
    }
    keys
}

#[derive(sea_orm::FromQueryResult)]
struct KeyCount {
    key: Uuid,
    count: i64,
}

/// Counts the rows of `select` for each value of the uuid column `group` among `keys`.
pub(crate) async fn count_by<E>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    group: E::Column,
    counted: E::Column,
    keys: Vec<Uuid>,
) -> Result<std::collections::HashMap<Uuid, u64>, DbErr>
where
    E: EntityTrait,
{
    let rows = select
        .select_only()
        .column_as(group, "key")
        .column_as(counted.count(), "count")
        .filter(group.is_in(padded(keys)))
        .group_by(group)
        .into_model::<KeyCount>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.key, u64::try_from(row.count).unwrap_or(0)))
        .collect())
}

/// Whether a database error is a unique-constraint violation.
pub(crate) fn is_unique_violation(error: &DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

#[cfg(test)]
mod tests {
    use super::padded;

    #[test]
    fn in_lists_are_padded_to_a_power_of_two_with_their_last_key() {
        assert_eq!(padded(Vec::<u8>::new()), Vec::<u8>::new());
        assert_eq!(padded([7]), vec![7]);
        assert_eq!(padded([1, 2, 3]), vec![1, 2, 3, 3]);
        assert_eq!(padded(1..=5).len(), 8);
        assert_eq!(padded(1..=64).len(), 64);
    }
}
