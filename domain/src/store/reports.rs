//! Reports to moderators.

use chrono::{DateTime, Utc};
use rookery_entity::reports::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use crate::ids::{AccountId, ReportId, RuleId, StatusId};
use crate::types::{Report, ReportCategory};

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

pub async fn set_resolved(
    db: &impl ConnectionTrait,
    id: ReportId,
    at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::ResolvedAt, Expr::value(at))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
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
