//! The job queue's own table, where the queue lives in the database: finished tasks pruned.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// Deletes tasks that finished (done, or killed after their last attempt) more than
/// `older_than_secs` ago; returns how many.
pub async fn prune_finished(db: &impl ConnectionTrait, older_than_secs: i64) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "DELETE FROM Jobs WHERE status IN ('Done', 'Killed') \
             AND done_at < strftime('%s', 'now') - ?"
        }
        DbBackend::Postgres => {
            "DELETE FROM apalis.jobs WHERE status IN ('Done', 'Killed') \
             AND done_at < now() - make_interval(secs => $1)"
        }
        _ => return Ok(0),
    };
    let older_than: sea_orm::Value = if backend == DbBackend::Postgres {
        (older_than_secs as f64).into()
    } else {
        older_than_secs.into()
    };
    Ok(db
        .execute_raw(Statement::from_sql_and_values(backend, sql, [older_than]))
        .await?
        .rows_affected())
}
