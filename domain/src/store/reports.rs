//! Reports to moderators.

use chrono::{DateTime, Utc};
use rookery_entity::reports::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use crate::ids::{AccountId, ReportId, RuleId, StatusId};
use crate::types::{AccountAction, Report, ReportCategory};

fn to_domain(model: Model) -> Report {
    let statuses: Vec<uuid::Uuid> = serde_json::from_str(&model.status_ids).unwrap_or_default();
    let rules: Vec<uuid::Uuid> = serde_json::from_str(&model.rule_ids).unwrap_or_default();
    Report {
        id: ReportId(model.id),
        ap_id: model.ap_id,
        reporter: AccountId(model.reporter_account_id),
        target: AccountId(model.target_account_id),
        statuses: statuses.into_iter().map(StatusId).collect(),
        comment: model.comment,
        category: ReportCategory::parse(&model.category),
        rules: rules.into_iter().map(RuleId).collect(),
        forward: model.forward,
        created_at: model.created_at,
        notified_at: model.notified_at,
        forwarded_at: model.forwarded_at,
        resolved_at: model.resolved_at,
        assigned_to: model.assigned_account_id.map(AccountId),
        action_taken: model.action_taken.as_deref().and_then(AccountAction::parse),
        resolved_by: model.resolved_by_account_id.map(AccountId),
    }
}

pub async fn insert(db: &impl ConnectionTrait, report: &Report) -> Result<(), DbErr> {
    let statuses: Vec<uuid::Uuid> = report.statuses.iter().map(|id| id.0).collect();
    let rules: Vec<uuid::Uuid> = report.rules.iter().map(|id| id.0).collect();
    let row = ActiveModel {
        id: Set(report.id.0),
        ap_id: Set(report.ap_id.clone()),
        reporter_account_id: Set(report.reporter.0),
        target_account_id: Set(report.target.0),
        status_ids: Set(serde_json::to_string(&statuses).unwrap_or_else(|_| "[]".into())),
        comment: Set(report.comment.clone()),
        category: Set(report.category.as_str().to_owned()),
        rule_ids: Set(serde_json::to_string(&rules).unwrap_or_else(|_| "[]".into())),
        forward: Set(report.forward),
        created_at: Set(report.created_at),
        notified_at: Set(report.notified_at),
        forwarded_at: Set(report.forwarded_at),
        resolved_at: Set(report.resolved_at),
        assigned_account_id: Set(report.assigned_to.map(|id| id.0)),
        action_taken: Set(report.action_taken.map(|a| a.as_str().to_owned())),
        resolved_by_account_id: Set(report.resolved_by.map(|id| id.0)),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: ReportId) -> Result<Option<Report>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn by_ap_id(db: &impl ConnectionTrait, ap_id: &str) -> Result<Option<Report>, DbErr> {
    Ok(Entity::find()
        .filter(Column::ApId.eq(ap_id))
        .one(db)
        .await?
        .map(to_domain))
}

/// Newest first; unresolved only unless `resolved` is set.
pub async fn recent(
    db: &impl ConnectionTrait,
    resolved: bool,
    limit: u64,
) -> Result<Vec<Report>, DbErr> {
    let filter = if resolved {
        Column::ResolvedAt.is_not_null()
    } else {
        Column::ResolvedAt.is_null()
    };
    Ok(Entity::find()
        .filter(filter)
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Marks moderators told; false when another run had already done it.
pub async fn set_notified(
    db: &impl ConnectionTrait,
    id: ReportId,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::NotifiedAt, Expr::value(at))
        .filter(Column::Id.eq(id.0))
        .filter(Column::NotifiedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn set_forwarded(
    db: &impl ConnectionTrait,
    id: ReportId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::ForwardedAt, Expr::value(at))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Resolves a report (by `by`, with the action taken, if any), or with None opens it again.
pub async fn set_resolved(
    db: &impl ConnectionTrait,
    id: ReportId,
    resolution: Option<(DateTime<Utc>, AccountId, Option<AccountAction>)>,
) -> Result<(), DbErr> {
    let (at, by, action) = match resolution {
        Some((at, by, action)) => (Some(at), Some(by.0), action.map(|a| a.as_str().to_owned())),
        None => (None, None, None),
    };
    Entity::update_many()
        .col_expr(Column::ResolvedAt, Expr::value(at))
        .col_expr(Column::ResolvedByAccountId, Expr::value(by))
        .col_expr(Column::ActionTaken, Expr::value(action))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_assigned(
    db: &impl ConnectionTrait,
    id: ReportId,
    to: Option<AccountId>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::AssignedAccountId, Expr::value(to.map(|id| id.0)))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Reports against `account` (or, with `filed`, by it), newest first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    account: AccountId,
    filed: bool,
    limit: u64,
) -> Result<Vec<Report>, DbErr> {
    let column = if filed {
        Column::ReporterAccountId
    } else {
        Column::TargetAccountId
    };
    Ok(Entity::find()
        .filter(column.eq(account.0))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// The reports among `ids` that exist and are about `target`.
pub async fn by_ids_against(
    db: &impl ConnectionTrait,
    ids: &[ReportId],
    target: AccountId,
) -> Result<Vec<Report>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids.iter().map(|id| id.0)))
        .filter(Column::TargetAccountId.eq(target.0))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Reports created before `before` whose moderators were never told.
pub async fn unnotified(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<ReportId>, DbErr> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::NotifiedAt.is_null())
        .filter(Column::CreatedAt.lt(before))
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await?
        .into_iter()
        .map(ReportId)
        .collect())
}
