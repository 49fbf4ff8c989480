//! When each maintenance task last ran: the lease that lets one process of many run it.

use chrono::{DateTime, Utc};
use rookery_entity::maintenance_runs::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

/// Claims the run of `name` at `now` when it last ran before `due_before` (or never);
/// true for exactly one of several processes claiming at once.
pub async fn claim(
    db: &impl ConnectionTrait,
    name: &str,
    now: DateTime<Utc>,
    due_before: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let first = ActiveModel {
        name: Set(name.to_owned()),
        last_run_at: Set(now),
    };
    let inserted = Entity::insert(first)
        .on_conflict(OnConflict::column(Column::Name).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    if inserted == 1 {
        return Ok(true);
    }
    let claimed = Entity::update_many()
        .col_expr(Column::LastRunAt, Expr::value(now))
        .filter(Column::Name.eq(name))
        .filter(Column::LastRunAt.lt(due_before))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}
