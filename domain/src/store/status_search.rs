//! The search index of statuses' words: what each live status is found by.
//!
//! `status_search` (migration 19) holds a row per live status with text: SQLite indexes
//! it with FTS5, PostgreSQL with a `tsvector` under a GIN index. Both split words the same
//! way for what people type (letters and digits, any case) and neither stems: statuses
//! come in every language.

use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, Statement, Value};

use crate::ids::{AccountId, StatusId};

/// Records `text` as what `status` is found by (replacing what it was found by).
pub async fn index(db: &impl ConnectionTrait, status: StatusId, text: &str) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "INSERT INTO status_search (status_id, body) VALUES ($1, $2) \
             ON CONFLICT (status_id) DO UPDATE SET body = excluded.body"
        }
        _ => {
            "INSERT INTO status_search (status_id, body) VALUES (?, ?) \
             ON CONFLICT (status_id) DO UPDATE SET body = excluded.body"
        }
    };
    let values: [Value; 2] = [status.0.into(), text.into()];
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

/// `status` is found by nothing any more.
pub async fn unindex(db: &impl ConnectionTrait, status: StatusId) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => "DELETE FROM status_search WHERE status_id = $1",
        _ => "DELETE FROM status_search WHERE status_id = ?",
    };
    let values: [Value; 1] = [status.0.into()];
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

/// No status of `account` is found by anything any more.
pub async fn unindex_all_of(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "DELETE FROM status_search WHERE status_id IN \
             (SELECT id FROM statuses WHERE account_id = $1)"
        }
        _ => {
            "DELETE FROM status_search WHERE status_id IN \
             (SELECT id FROM statuses WHERE account_id = ?)"
        }
    };
    let values: [Value; 1] = [account.0.into()];
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}
