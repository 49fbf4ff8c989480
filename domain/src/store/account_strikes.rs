//! Strikes: moderators' actions on accounts, as their owners see them.

use rookery_entity::account_strikes::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::ids::{AccountId, ReportId, StatusId, StrikeId};
use crate::types::{AccountAction, Strike};

fn to_domain(model: Model) -> Option<Strike> {
    let statuses: Vec<uuid::Uuid> = serde_json::from_str(&model.status_ids).unwrap_or_default();
    let reports: Vec<uuid::Uuid> = serde_json::from_str(&model.report_ids).unwrap_or_default();
    Some(Strike {
        id: StrikeId(model.id),
        account: AccountId(model.account_id),
        moderator: model.moderator_account_id.map(AccountId),
        action: AccountAction::parse(&model.action)?,
        reason: model.reason,
        internal_note: model.internal_note,
        statuses: statuses.into_iter().map(StatusId).collect(),
        reports: reports.into_iter().map(ReportId).collect(),
        created_at: model.created_at,
    })
}

pub async fn insert(db: &impl ConnectionTrait, strike: &Strike) -> Result<(), DbErr> {
    let statuses: Vec<uuid::Uuid> = strike.statuses.iter().map(|id| id.0).collect();
    let reports: Vec<uuid::Uuid> = strike.reports.iter().map(|id| id.0).collect();
    let row = ActiveModel {
        id: Set(strike.id.0),
        account_id: Set(strike.account.0),
        moderator_account_id: Set(strike.moderator.map(|id| id.0)),
        action: Set(strike.action.as_str().to_owned()),
        reason: Set(strike.reason.clone()),
        internal_note: Set(strike.internal_note.clone()),
        status_ids: Set(serde_json::to_string(&statuses).unwrap_or_else(|_| "[]".into())),
        report_ids: Set(serde_json::to_string(&reports).unwrap_or_else(|_| "[]".into())),
        created_at: Set(strike.created_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: StrikeId) -> Result<Option<Strike>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.and_then(to_domain))
}

/// An account's strikes, newest first.
pub async fn of_account(
    db: &impl ConnectionTrait,
    account: AccountId,
    limit: u64,
) -> Result<Vec<Strike>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .filter_map(to_domain)
        .collect())
}
