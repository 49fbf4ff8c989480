//! Follows a suspension ended, kept so that lifting it gives them back.

use chrono::{DateTime, Utc};
use rookery_entity::severed_follows::{Column, Entity};
use rookery_entity::{accounts, blocks, follows};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, OnConflict, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::AccountId;

/// Ends every follow to or from `account`, keeping each; returns how many ended.
pub async fn sever_of_account(
    db: &impl ConnectionTrait,
    account: AccountId,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    sever(db, just(account), at).await
}

/// Ends every follow to or from an account of `domain` (and below), keeping each.
pub async fn sever_on_domain(
    db: &impl ConnectionTrait,
    domain: &str,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    sever(db, super::accounts::ids_on_domain_or_below(domain), at).await
}

/// Gives back `account`'s kept follows whose other side may have them again.
pub async fn restore_of_account(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<u64, DbErr> {
    restore(db, just(account)).await
}

/// Gives back the kept follows of the accounts of `domain` (and below).
pub async fn restore_on_domain(db: &impl ConnectionTrait, domain: &str) -> Result<u64, DbErr> {
    restore(db, super::accounts::ids_on_domain_or_below(domain)).await
}

/// The one account `account`, as a subquery.
fn just(account: AccountId) -> SelectStatement {
    Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(accounts::Column::Id.eq(account.0))
        .to_owned()
}

/// Ends every follow to or from an account `involved` selects (by id), keeping each;
/// returns how many ended.
async fn sever(
    db: &impl ConnectionTrait,
    involved: SelectStatement,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let touching = Condition::any()
        .add(follows::Column::FollowerId.in_subquery(involved.clone()))
        .add(follows::Column::FolloweeId.in_subquery(involved));
    let kept = Query::select()
        .columns([
            follows::Column::Id,
            follows::Column::FollowerId,
            follows::Column::FolloweeId,
            follows::Column::ApId,
            follows::Column::CreatedAt,
        ])
        .expr(Expr::val(at))
        .from(follows::Entity)
        .cond_where(touching.clone())
        .to_owned();
    let insert = Query::insert()
        .into_table(Entity)
        .columns([
            Column::Id,
            Column::FollowerId,
            Column::FolloweeId,
            Column::ApId,
            Column::CreatedAt,
            Column::SeveredAt,
        ])
        .select_from(kept)
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .on_conflict(OnConflict::column(Column::Id).do_nothing().to_owned())
        .to_owned();
    let backend = db.get_database_backend();
    db.execute_raw(backend.build(&insert)).await?;
    let ended = follows::Entity::delete_many()
        .filter(touching)
        .exec(db)
        .await?;
    Ok(ended.rows_affected)
}

/// Gives back the kept follows to or from an account `involved` selects whose two sides
/// are no longer suspended and do not block each other; returns how many came back.
async fn restore(db: &impl ConnectionTrait, involved: SelectStatement) -> Result<u64, DbErr> {
    let unsuspended = Query::select()
        .column(accounts::Column::Id)
        .from(accounts::Entity)
        .and_where(accounts::Column::SuspendedAt.is_null())
        .to_owned();
    let column = |name: Column| Expr::col((Entity, name));
    let blocked = Query::select()
        .expr(Expr::val(1))
        .from(blocks::Entity)
        .cond_where(
            Condition::any()
                .add(
                    Expr::col((blocks::Entity, blocks::Column::AccountId))
                        .equals((Entity, Column::FollowerId))
                        .and(
                            Expr::col((blocks::Entity, blocks::Column::TargetAccountId))
                                .equals((Entity, Column::FolloweeId)),
                        ),
                )
                .add(
                    Expr::col((blocks::Entity, blocks::Column::AccountId))
                        .equals((Entity, Column::FolloweeId))
                        .and(
                            Expr::col((blocks::Entity, blocks::Column::TargetAccountId))
                                .equals((Entity, Column::FollowerId)),
                        ),
                ),
        )
        .to_owned();
    let due = Condition::all()
        .add(
            Condition::any()
                .add(column(Column::FollowerId).in_subquery(involved.clone()))
                .add(column(Column::FolloweeId).in_subquery(involved)),
        )
        .add(column(Column::FollowerId).in_subquery(unsuspended.clone()))
        .add(column(Column::FolloweeId).in_subquery(unsuspended))
        .add(Expr::exists(blocked).not());
    let back = Query::select()
        .columns([
            (Entity, Column::Id),
            (Entity, Column::FollowerId),
            (Entity, Column::FolloweeId),
            (Entity, Column::ApId),
            (Entity, Column::CreatedAt),
        ])
        .from(Entity)
        .cond_where(due.clone())
        .to_owned();
    let insert = Query::insert()
        .into_table(follows::Entity)
        .columns([
            follows::Column::Id,
            follows::Column::FollowerId,
            follows::Column::FolloweeId,
            follows::Column::ApId,
            follows::Column::CreatedAt,
        ])
        .select_from(back)
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .on_conflict(
            OnConflict::columns([follows::Column::FollowerId, follows::Column::FolloweeId])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    let backend = db.get_database_backend();
    let restored = db
        .execute_raw(backend.build(&insert))
        .await?
        .rows_affected();
    let delete = Query::delete()
        .from_table(Entity)
        .cond_where(due)
        .to_owned();
    db.execute_raw(backend.build(&delete)).await?;
    Ok(restored)
}

/// Forgets follows severed before `before` (the suspension's data is purged by then);
/// returns how many.
pub async fn delete_before(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::SeveredAt.lt(before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
