//! Polls and their votes.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use rookery_entity::{poll_votes, polls};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde_json::{Value, json};

use crate::ids::{AccountId, PollId, StatusId};
use crate::types::{Poll, PollOption};

fn options_from(text: &str) -> Vec<PollOption> {
    let options: Vec<Value> = serde_json::from_str(text).unwrap_or_default();
    options
        .iter()
        .filter_map(|o| {
            Some(PollOption {
                title: o["title"].as_str()?.to_owned(),
                votes_count: o["votes"].as_u64().unwrap_or(0),
            })
        })
        .collect()
}

fn options_text(options: &[PollOption]) -> String {
    Value::Array(
        options
            .iter()
            .map(|o| json!({ "title": o.title, "votes": o.votes_count }))
            .collect(),
    )
    .to_string()
}

fn to_domain(row: polls::Model) -> Poll {
    Poll {
        id: PollId(row.id),
        status_id: StatusId(row.status_id),
        options: options_from(&row.options),
        multiple: row.multiple,
        expires_at: row.expires_at,
        voters_count: u64::try_from(row.voters_count).unwrap_or(0),
        ended_at: row.ended_at,
    }
}

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub async fn insert(db: &impl ConnectionTrait, poll: &Poll) -> Result<(), DbErr> {
    let now = Utc::now();
    polls::Entity::insert(polls::ActiveModel {
        id: Set(poll.id.0),
        status_id: Set(poll.status_id.0),
        options: Set(options_text(&poll.options)),
        multiple: Set(poll.multiple),
        expires_at: Set(poll.expires_at),
        voters_count: Set(count(poll.voters_count)),
        ended_at: Set(poll.ended_at),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Writes a poll's options (with their counts), voters count, choice kind and end.
pub async fn update(db: &impl ConnectionTrait, poll: &Poll) -> Result<(), DbErr> {
    polls::Entity::update_many()
        .col_expr(
            polls::Column::Options,
            Expr::value(options_text(&poll.options)),
        )
        .col_expr(polls::Column::Multiple, Expr::value(poll.multiple))
        .col_expr(polls::Column::ExpiresAt, Expr::value(poll.expires_at))
        .col_expr(
            polls::Column::VotersCount,
            Expr::value(count(poll.voters_count)),
        )
        .col_expr(polls::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(polls::Column::Id.eq(poll.id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// The status a poll belongs to.
pub async fn status_of(db: &impl ConnectionTrait, poll: PollId) -> Result<Option<StatusId>, DbErr> {
    Ok(polls::Entity::find_by_id(poll.0)
        .one(db)
        .await?
        .map(|row| StatusId(row.status_id)))
}

pub async fn by_status(db: &impl ConnectionTrait, status: StatusId) -> Result<Option<Poll>, DbErr> {
    Ok(polls::Entity::find()
        .filter(polls::Column::StatusId.eq(status.0))
        .one(db)
        .await?
        .map(to_domain))
}

/// The polls of `statuses`, by status.
pub async fn by_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, Poll>, DbErr> {
    if statuses.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(polls::Entity::find()
        .filter(polls::Column::StatusId.is_in(super::padded(statuses.iter().map(|id| id.0))))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (StatusId(row.status_id), to_domain(row)))
        .collect())
}

/// Polls past `now` whose end was not handled yet, the earliest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Poll>, DbErr> {
    Ok(polls::Entity::find()
        .filter(polls::Column::EndedAt.is_null())
        .filter(polls::Column::ExpiresAt.lte(now))
        .order_by_asc(polls::Column::ExpiresAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Marks a poll's end handled; false when it already was (another process got there).
pub async fn mark_ended(
    db: &impl ConnectionTrait,
    id: PollId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = polls::Entity::update_many()
        .col_expr(polls::Column::EndedAt, Expr::value(now))
        .col_expr(polls::Column::UpdatedAt, Expr::value(now))
        .filter(polls::Column::Id.eq(id.0))
        .filter(polls::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records `account`'s choices; a choice already recorded stays as it was.
pub async fn insert_votes(
    db: &impl ConnectionTrait,
    poll: PollId,
    account: AccountId,
    choices: &[u32],
) -> Result<(), DbErr> {
    if choices.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = choices.iter().map(|choice| poll_votes::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        poll_id: Set(poll.0),
        account_id: Set(account.0),
        choice: Set(i32::try_from(*choice).unwrap_or(i32::MAX)),
        created_at: Set(now),
    });
    poll_votes::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                poll_votes::Column::PollId,
                poll_votes::Column::AccountId,
                poll_votes::Column::Choice,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// `account`'s choices in each of `polls`, in ascending order.
pub async fn choices_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    polls: &[PollId],
) -> Result<HashMap<PollId, Vec<u32>>, DbErr> {
    if polls.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = poll_votes::Entity::find()
        .filter(poll_votes::Column::AccountId.eq(account.0))
        .filter(poll_votes::Column::PollId.is_in(polls.iter().map(|id| id.0)))
        .order_by_asc(poll_votes::Column::Choice)
        .all(db)
        .await?;
    let mut found: HashMap<PollId, Vec<u32>> = HashMap::new();
    for row in rows {
        if let Ok(choice) = u32::try_from(row.choice) {
            found.entry(PollId(row.poll_id)).or_default().push(choice);
        }
    }
    Ok(found)
}

/// The votes recorded for a poll: how many per choice, and how many distinct voters.
pub async fn tally(
    db: &impl ConnectionTrait,
    poll: PollId,
) -> Result<(HashMap<u32, u64>, u64), DbErr> {
    let rows: Vec<(uuid::Uuid, i32)> = poll_votes::Entity::find()
        .select_only()
        .column(poll_votes::Column::AccountId)
        .column(poll_votes::Column::Choice)
        .filter(poll_votes::Column::PollId.eq(poll.0))
        .into_tuple()
        .all(db)
        .await?;
    let mut per_choice: HashMap<u32, u64> = HashMap::new();
    let mut voters = HashSet::new();
    for (account, choice) in rows {
        if let Ok(choice) = u32::try_from(choice) {
            *per_choice.entry(choice).or_default() += 1;
        }
        voters.insert(account);
    }
    Ok((per_choice, voters.len() as u64))
}

/// The accounts that voted in a poll.
pub async fn voters(db: &impl ConnectionTrait, poll: PollId) -> Result<Vec<AccountId>, DbErr> {
    let rows: Vec<uuid::Uuid> = poll_votes::Entity::find()
        .select_only()
        .column(poll_votes::Column::AccountId)
        .distinct()
        .filter(poll_votes::Column::PollId.eq(poll.0))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(AccountId).collect())
}
