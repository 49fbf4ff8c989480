//! Full-text search: an index of statuses' words, and prefix indexes for accounts and tags.
//!
//! `status_search` holds each live status's searchable text (its content warning and its
//! text without markup), written by the store whenever a status is posted, received,
//! edited or deleted. On SQLite an FTS5 table indexes it, kept in step by triggers; its
//! rows are keyed by `status_search.id`, an INTEGER PRIMARY KEY, because the job queue
//! VACUUMs the same file and VACUUM may renumber the implicit rowids of `statuses`. On
//! PostgreSQL a generated `tsvector` (the `simple` configuration: statuses come in every
//! language, and stemming one of them would mangle the others) has a GIN index; `<` and
//! `>` are read as spaces there, or its parser would take `<word>` for markup and drop it.
//!
//! Accounts and hashtags are found by prefix (of a handle, display name or tag name)
//! rather than by words: their names are short, a prefix is what people type while they
//! look for someone, and a range over a B-tree index answers it in a few page reads on
//! both databases.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What the index holds for a status: the warning, then the text without markup.
const SQLITE_BACKFILL: &str = "INSERT INTO status_search (status_id, body) \
     SELECT id, content_warning || char(10) || content_html FROM statuses \
     WHERE deleted_at IS NULL AND reblog_of_id IS NULL \
     AND (content_html <> '' OR content_warning <> '')";

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE status_search_fts USING fts5(body, content='status_search', \
     content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO status_search_fts(status_search_fts) VALUES ('rebuild')",
    "CREATE TRIGGER status_search_inserted AFTER INSERT ON status_search BEGIN \
     INSERT INTO status_search_fts (rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER status_search_deleted AFTER DELETE ON status_search BEGIN \
     INSERT INTO status_search_fts (status_search_fts, rowid, body) \
     VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER status_search_updated AFTER UPDATE ON status_search BEGIN \
     INSERT INTO status_search_fts (status_search_fts, rowid, body) \
     VALUES ('delete', old.id, old.body); \
     INSERT INTO status_search_fts (rowid, body) VALUES (new.id, new.body); END",
    "CREATE INDEX idx_accounts_display_name_prefix ON accounts (lower(display_name))",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE TABLE status_search (\
     status_id uuid PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE, \
     body text NOT NULL, \
     document tsvector GENERATED ALWAYS AS \
     (to_tsvector('simple', translate(body, '<>', '  '))) STORED)",
    "CREATE INDEX idx_status_search_document ON status_search USING GIN (document)",
    "INSERT INTO status_search (status_id, body) \
     SELECT id, content_warning || E'\\n' || \
     replace(replace(replace(replace(replace(\
     regexp_replace(content_html, '<[^>]*>', ' ', 'g'), \
     '&lt;', '<'), '&gt;', '>'), '&quot;', '\"'), '&#39;', ''''), '&amp;', '&') \
     FROM statuses WHERE deleted_at IS NULL AND reblog_of_id IS NULL \
     AND (content_html <> '' OR content_warning <> '')",
    // The pattern operator classes compare bytes, so that a prefix is a range whatever
    // the database's collation.
    "CREATE INDEX idx_accounts_handle_prefix ON accounts (handle text_pattern_ops)",
    "CREATE INDEX idx_accounts_display_name_prefix ON accounts \
     (lower(display_name) text_pattern_ops)",
    "CREATE INDEX idx_tags_name_prefix ON tags (name text_pattern_ops)",
];

/// Rows whose markup is taken out at a time while existing statuses are indexed.
const BATCH: i64 = 500;

/// `html` as text: tags become spaces, the entities the sanitiser writes are decoded.
fn without_markup(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => {
                in_tag = false;
                text.push(' ');
            }
            (false, c) => text.push(c),
            (true, _) => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Takes the markup out of the SQLite rows copied from `statuses`.
async fn strip_sqlite_rows(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    let mut after = 0_i64;
    loop {
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                "SELECT id, body FROM status_search WHERE id > ? ORDER BY id LIMIT ?",
                [after.into(), BATCH.into()],
            ))
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get("", "id")?;
        for row in rows {
            let id: i64 = row.try_get("", "id")?;
            let body: String = row.try_get("", "body")?;
            db.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Sqlite,
                "UPDATE status_search SET body = ? WHERE id = ?",
                [without_markup(&body).into(), id.into()],
            ))
            .await?;
        }
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TABLE status_search (\
                     id INTEGER PRIMARY KEY, \
                     status_id uuid_text NOT NULL UNIQUE \
                     REFERENCES statuses (id) ON DELETE CASCADE, \
                     body TEXT NOT NULL)",
                )
                .await?;
                db.execute_unprepared(SQLITE_BACKFILL).await?;
                strip_sqlite_rows(db).await?;
                for sql in SQLITE_UP {
                    db.execute_unprepared(sql).await?;
                }
            }
            _ => {
                for sql in POSTGRES_UP {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => &[
                "DROP INDEX IF EXISTS idx_accounts_display_name_prefix",
                "DROP TABLE IF EXISTS status_search_fts",
                "DROP TABLE IF EXISTS status_search",
            ],
            _ => &[
                "DROP INDEX IF EXISTS idx_tags_name_prefix",
                "DROP INDEX IF EXISTS idx_accounts_display_name_prefix",
                "DROP INDEX IF EXISTS idx_accounts_handle_prefix",
                "DROP TABLE IF EXISTS status_search",
            ],
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::without_markup;

    #[test]
    fn markup_goes_and_entities_are_decoded() {
        assert_eq!(
            without_markup("<p>Tom &amp; <a href=\"x\">Jerry</a> &lt;3</p>").trim(),
            "Tom &  Jerry  <3"
        );
    }
}
