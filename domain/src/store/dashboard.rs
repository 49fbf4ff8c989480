//! The figures of the administrators' dashboard: what happened since a day, as times to
//! count by day, and the standing totals.

use chrono::{DateTime, Utc};
use rookery_entity::{access_tokens, accounts, reports};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

/// The most rows of one kind read for a window: past it, the figures are of the newest.
const MAX_ROWS: u64 = 500_000;

/// When each local account since `since` was made.
pub async fn sign_ups_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    accounts::Entity::find()
        .select_only()
        .column(accounts::Column::CreatedAt)
        .filter(accounts::Column::Domain.is_null())
        .filter(accounts::Column::Handle.ne(crate::types::account::INSTANCE_ACTOR))
        .filter(accounts::Column::CreatedAt.gte(since))
        .limit(MAX_ROWS)
        .into_tuple()
        .all(db)
        .await
}

/// When each report since `since` was filed.
pub async fn reports_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    reports::Entity::find()
        .select_only()
        .column(reports::Column::CreatedAt)
        .filter(reports::Column::CreatedAt.gte(since))
        .limit(MAX_ROWS)
        .into_tuple()
        .all(db)
        .await
}

/// The users whose tokens were last used since `since`, with when.
pub async fn token_uses_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<Vec<(uuid::Uuid, DateTime<Utc>)>, DbErr> {
    access_tokens::Entity::find()
        .select_only()
        .column(access_tokens::Column::UserId)
        .column(access_tokens::Column::LastUsedAt)
        .filter(access_tokens::Column::LastUsedAt.gte(since))
        .limit(MAX_ROWS)
        .into_tuple()
        .all(db)
        .await
}

pub async fn open_reports(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    reports::Entity::find()
        .filter(reports::Column::ResolvedAt.is_null())
        .count(db)
        .await
}

/// How many servers this instance knows accounts of.
pub async fn known_servers(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let domains: Vec<Option<String>> = accounts::Entity::find()
        .select_only()
        .column(accounts::Column::Domain)
        .distinct()
        .filter(accounts::Column::Domain.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(domains.len() as u64)
}
