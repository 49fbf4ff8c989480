//! Appeals of strikes.

use rookery_entity::appeals::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

use crate::ids::{AccountId, AppealId, StrikeId};
use crate::page::{Page, PageRequest};
use crate::types::{Appeal, AppealState};

fn to_domain(model: Model) -> Appeal {
    Appeal {
        id: AppealId(model.id),
        strike: StrikeId(model.strike_id),
        account: AccountId(model.account_id),
        text: model.text,
        state: AppealState::parse(&model.state).unwrap_or(AppealState::Pending),
        decided_by: model.decided_by_account_id.map(AccountId),
        decided_at: model.decided_at,
        rejection_reason: model.rejection_reason,
        created_at: model.created_at,
    }
}

/// Files `appeal`; false when its strike was already appealed.
pub async fn insert(db: &impl ConnectionTrait, appeal: &Appeal) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(appeal.id.0),
        strike_id: Set(appeal.strike.0),
        account_id: Set(appeal.account.0),
        text: Set(appeal.text.clone()),
        state: Set(appeal.state.as_str().to_owned()),
        decided_by_account_id: Set(appeal.decided_by.map(|id| id.0)),
        decided_at: Set(appeal.decided_at),
        rejection_reason: Set(appeal.rejection_reason.clone()),
        created_at: Set(appeal.created_at),
    };
    let inserted = Entity::insert(row)
        .on_conflict(OnConflict::column(Column::StrikeId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn by_id(db: &impl ConnectionTrait, id: AppealId) -> Result<Option<Appeal>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// The appeals of `strikes`, those that have one.
pub async fn of_strikes(
    db: &impl ConnectionTrait,
    strikes: &[StrikeId],
) -> Result<Vec<Appeal>, DbErr> {
    if strikes.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::StrikeId.is_in(strikes.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Records a moderator's decision on a pending appeal; false when it was no longer pending.
pub async fn decide(db: &impl ConnectionTrait, decided: &Appeal) -> Result<bool, DbErr> {
    let changed = Entity::update_many()
        .col_expr(Column::State, Expr::value(decided.state.as_str()))
        .col_expr(
            Column::DecidedByAccountId,
            Expr::value(decided.decided_by.map(|id| id.0)),
        )
        .col_expr(Column::DecidedAt, Expr::value(decided.decided_at))
        .col_expr(
            Column::RejectionReason,
            Expr::value(decided.rejection_reason.clone()),
        )
        .filter(Column::Id.eq(decided.id.0))
        .filter(Column::State.eq(AppealState::Pending.as_str()))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// A page of appeals in `state`, the newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    state: AppealState,
    request: &PageRequest,
) -> Result<Page<Appeal>, DbErr> {
    let select = Entity::find().filter(Column::State.eq(state.as_str()));
    super::page(db, select, Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}

/// How many appeals wait for a decision.
pub async fn count_pending(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    Entity::find()
        .filter(Column::State.eq(AppealState::Pending.as_str()))
        .count(db)
        .await
}
