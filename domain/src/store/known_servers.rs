//! The servers this instance knows accounts of, with their figures, for moderators.

use chrono::{DateTime, Utc};
use rookery_entity::{
    accounts, delivery_hosts, failed_deliveries, follows, received_activities, statuses,
};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

/// What this instance holds of one server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerFigures {
    pub accounts: u64,
    pub statuses: u64,
    /// Follows of its accounts (by local accounts).
    pub following: u64,
    /// Follows by its accounts (of local accounts).
    pub followers: u64,
    pub failed_deliveries: u64,
    pub delivery_failure_days: u32,
    pub unavailable: bool,
    pub last_seen_at: Option<DateTime<Utc>>,
}

fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The servers with the most accounts known, with how many; `containing` keeps those whose
/// domain contains it.
pub async fn busiest(
    db: &impl ConnectionTrait,
    containing: Option<&str>,
    limit: u64,
) -> Result<Vec<(String, i64)>, DbErr> {
    let mut select = accounts::Entity::find()
        .select_only()
        .column(accounts::Column::Domain)
        .column_as(accounts::Column::Id.count(), "accounts")
        .filter(accounts::Column::Domain.is_not_null());
    if let Some(text) = containing.map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = format!("%{}%", escaped(&text.to_lowercase()));
        select = select
            .filter(Expr::col(accounts::Column::Domain).like(LikeExpr::new(pattern).escape('\\')));
    }
    select
        .group_by(accounts::Column::Domain)
        .order_by(accounts::Column::Id.count(), Order::Desc)
        .order_by_asc(accounts::Column::Domain)
        .limit(limit)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await
}

/// The ids of the accounts on `domain`, as a subquery.
fn accounts_on(domain: &str) -> SelectStatement {
    Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(Expr::col(accounts::Column::Domain).eq(domain))
        .to_owned()
}

/// Addresses on `domain` start so.
fn on_domain(column: impl sea_orm::ColumnTrait, domain: &str) -> Condition {
    let domain = escaped(domain);
    Condition::any()
        .add(Expr::col(column).like(LikeExpr::new(format!("https://{domain}/%")).escape('\\')))
        .add(Expr::col(column).like(LikeExpr::new(format!("http://{domain}/%")).escape('\\')))
}

/// The figures of `domain` (as accounts name it: lowercased host and port).
pub async fn figures(db: &impl ConnectionTrait, domain: &str) -> Result<ServerFigures, DbErr> {
    let accounts = accounts::Entity::find()
        .filter(accounts::Column::Domain.eq(domain))
        .count(db)
        .await?;
    let statuses = statuses::Entity::find()
        .filter(statuses::Column::AccountId.in_subquery(accounts_on(domain)))
        .filter(statuses::Column::DeletedAt.is_null())
        .count(db)
        .await?;
    let following = follows::Entity::find()
        .filter(follows::Column::FolloweeId.in_subquery(accounts_on(domain)))
        .count(db)
        .await?;
    let followers = follows::Entity::find()
        .filter(follows::Column::FollowerId.in_subquery(accounts_on(domain)))
        .count(db)
        .await?;
    let failed_deliveries = failed_deliveries::Entity::find()
        .filter(on_domain(failed_deliveries::Column::Inbox, domain))
        .count(db)
        .await?;
    let host = delivery_hosts::Entity::find_by_id(domain.to_owned())
        .one(db)
        .await?;
    let last_seen_at = received_activities::Entity::find()
        .select_only()
        .column_as(received_activities::Column::ReceivedAt.max(), "last")
        .filter(on_domain(received_activities::Column::ApId, domain))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    Ok(ServerFigures {
        accounts,
        statuses,
        following,
        followers,
        failed_deliveries,
        delivery_failure_days: host
            .as_ref()
            .map_or(0, |h| u32::try_from(h.failure_days).unwrap_or(0)),
        unavailable: host.is_some_and(|h| h.unavailable),
        last_seen_at,
    })
}
