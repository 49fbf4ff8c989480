//! Opening the database (SQLite or PostgreSQL, by URL) and migrating it.

use std::time::Duration;

use rookery_migration::{MigrationStatus, Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
pub use sea_orm::{DatabaseConnection, DbErr};

/// How to open the database.
#[derive(Debug, Clone)]
pub struct DbOptions {
    pub url: String,
    pub max_connections: u32,
    pub connect_timeout: Duration,
}

/// Opens the database at `options.url`; SQLite files are created, in WAL mode with a busy
/// timeout and foreign keys on.
pub async fn connect(options: &DbOptions) -> Result<DatabaseConnection, DbErr> {
    let is_sqlite = options.url.starts_with("sqlite:");
    let url = if is_sqlite && !options.url.contains('?') {
        format!("{}?mode=rwc", options.url)
    } else if !is_sqlite {
        without_loopback_tls(&options.url)
    } else {
        options.url.clone()
    };
    let mut connect = ConnectOptions::new(url);
    connect
        .max_connections(options.max_connections)
        .connect_timeout(options.connect_timeout)
        .acquire_timeout(options.connect_timeout)
        .sqlx_logging(false);
    if is_sqlite {
        connect.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Read through the OS page cache that every connection shares, instead of
                // copying pages into each connection's own cache.
                .pragma("mmap_size", "268435456")
        });
    } else {
        // Every run of a prepared statement is planned for its own values. The generic
        // plan PostgreSQL otherwise switches to after five runs is made without them, and
        // for skewed data it can be far off: "which of these 40 statuses does the reader
        // like" read all 900 of a reader's favourites instead of looking up the 40, twenty
        // times slower.
        connect.map_sqlx_postgres_opts(|opts| {
            opts.options([("plan_cache_mode", "force_custom_plan")])
        });
    }
    let db = Database::connect(connect).await?;
    db.execute_unprepared("SELECT 1").await?;
    Ok(db)
}

/// A PostgreSQL URL on this machine's loopback that names no `sslmode` gets
/// `sslmode=disable`: PostgreSQL's default, `prefer`, encrypts every statement when the
/// server has a certificate, which on loopback costs both sides CPU and guards nothing.
/// Any `sslmode` the URL names is kept.
fn without_loopback_tls(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.to_owned();
    };
    // `postgres:` is not a scheme the URL standard knows, so its host stays text.
    let loopback = parsed.host_str().is_some_and(|host| {
        host == "localhost"
            || host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    });
    if !loopback || parsed.query_pairs().any(|(key, _)| key == "sslmode") {
        return url.to_owned();
    }
    let mut with_mode = parsed;
    with_mode
        .query_pairs_mut()
        .append_pair("sslmode", "disable");
    with_mode.into()
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Rolls back the last `steps` migrations (all when None).
pub async fn rollback(db: &DatabaseConnection, steps: Option<u32>) -> Result<(), DbErr> {
    Migrator::down(db, steps).await
}

/// Each migration's name and whether it is applied.
pub async fn migration_status(db: &DatabaseConnection) -> Result<Vec<(String, bool)>, DbErr> {
    Ok(Migrator::get_migration_with_status(db)
        .await?
        .iter()
        .map(|m| (m.name().to_owned(), m.status() == MigrationStatus::Applied))
        .collect())
}

/// Whether the database answers.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

pub fn is_postgres(db: &impl ConnectionTrait) -> bool {
    db.get_database_backend() == DbBackend::Postgres
}

/// SQLite has one writer at a time, and a writer that finds the database busy sleeps in
/// steps of milliseconds before it tries again. This process's write transactions queue
/// here first instead, so on SQLite they meet one another's turn, not a busy database.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A transaction that will write, holding this process's SQLite writer turn until it ends.
pub struct WriteTransaction {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so it waits its turn instead of failing when another writer commits
/// between its first read and its first write. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTransaction, DbErr> {
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => Some(SQLITE_WRITER.lock().await),
        _ => None,
    };
    begin_in_turn(db, turn).await
}

/// Starts a write transaction in a turn already taken (or none, outside SQLite or when the
/// caller holds it for several transactions).
async fn begin_in_turn(
    db: &DatabaseConnection,
    turn: Option<tokio::sync::MutexGuard<'static, ()>>,
) -> Result<WriteTransaction, DbErr> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    Ok(WriteTransaction { txn, _turn: turn })
}

/// One transaction's work, run again when it has to be (see [`WriteGroup::write`]): it keeps
/// what it needs, and what it produces where its caller reads it after the commit.
#[async_trait::async_trait]
pub trait SharedWrite: Send + Sync {
    /// Where the piece stands among those it shares a transaction with: the key of the
    /// first row it may have to wait for. Pieces run in this order, so two transactions
    /// that hold copies of the same pieces take their rows' locks in the same order, and
    /// one waits for the other instead of both deadlocking.
    fn order(&self) -> &str;

    async fn write(&self, txn: &WriteTransaction) -> crate::DomainResult<()>;
}

/// Work waiting for the SQLite writer's turn, and where its outcome goes.
struct Waiting {
    work: std::sync::Arc<dyn SharedWrite>,
    done: tokio::sync::oneshot::Sender<crate::DomainResult<()>>,
}

/// The most pieces of work one shared transaction takes: enough to spread the cost of a
/// commit, few enough that no one waits long behind a batch.
const MOST_TOGETHER: usize = 64;

/// Shared transactions that run side by side on PostgreSQL, which takes many writers at
/// once: enough to keep writing while batches commit, few enough to leave the pool's other
/// connections to readers.
const POSTGRES_LANES: usize = 4;

/// Writes to one database that may be committed together (group commit). One group
/// serves one database.
pub struct WriteGroup {
    waiting: std::sync::Mutex<Vec<Waiting>>,
    lanes: std::sync::Arc<tokio::sync::Semaphore>,
}

impl Default for WriteGroup {
    fn default() -> Self {
        Self {
            waiting: std::sync::Mutex::default(),
            lanes: std::sync::Arc::new(tokio::sync::Semaphore::new(POSTGRES_LANES)),
        }
    }
}

impl std::fmt::Debug for WriteGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteGroup")
            .field("waiting", &self.lock_waiting().len())
            .finish()
    }
}

/// The right to run one shared transaction: SQLite's one writer turn, or one of the
/// PostgreSQL lanes.
enum Turn {
    Sqlite(#[allow(dead_code)] tokio::sync::MutexGuard<'static, ()>),
    Lane(#[allow(dead_code)] tokio::sync::OwnedSemaphorePermit),
}

impl WriteGroup {
    /// Runs `work` in a write transaction and commits it. Work that waits at the same
    /// moment is committed together: whoever gets a turn (SQLite's one writer, or one of
    /// [`POSTGRES_LANES`] on PostgreSQL) runs everything waiting in one transaction, which
    /// saves a transaction's begin, commit and flush per piece. When anything in a shared
    /// transaction fails, it is rolled back and every piece runs again in its own, so one
    /// piece's failure never undoes another's.
    pub async fn write(
        &self,
        db: &DatabaseConnection,
        work: std::sync::Arc<dyn SharedWrite>,
    ) -> crate::DomainResult<()> {
        let (done, mut outcome) = tokio::sync::oneshot::channel();
        self.lock_waiting().push(Waiting { work, done });
        loop {
            let turn = match db.get_database_backend() {
                DbBackend::Sqlite => Turn::Sqlite(SQLITE_WRITER.lock().await),
                _ => Turn::Lane(self.lanes.clone().acquire_owned().await.map_err(|_| {
                    crate::DomainError::Internal("the write lanes are closed".into())
                })?),
            };
            // Whoever held a turn before may have run this work already.
            match outcome.try_recv() {
                Ok(result) => return result,
                Err(tokio::sync::oneshot::error::TryRecvError::Closed) => {
                    return Err(crate::DomainError::Internal(
                        "a shared write ended without its outcome".into(),
                    ));
                }
                Err(tokio::sync::oneshot::error::TryRecvError::Empty) => {}
            }
            let batch: Vec<Waiting> = {
                let mut waiting = self.lock_waiting();
                let take = waiting.len().min(MOST_TOGETHER);
                waiting.drain(..take).collect()
            };
            if batch.is_empty() {
                // Another lane took this work and is running it: wait for its outcome.
                drop(turn);
                return outcome.await.unwrap_or_else(|_| {
                    Err(crate::DomainError::Internal(
                        "a shared write ended without its outcome".into(),
                    ))
                });
            }
            // Run apart from this caller, so that others' work is finished even if this
            // caller's request is dropped meanwhile.
            let db = db.clone();
            let _ = tokio::spawn(async move {
                run_together(&db, batch).await;
                drop(turn);
            })
            .await;
        }
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        // The list stays whole even if a holder panicked: pushes and drains are single
        // calls.
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Runs `batch` in one transaction, in the pieces' order, or each piece in its own when the
/// shared one fails; the caller holds the writer's turn.
async fn run_together(db: &DatabaseConnection, mut batch: Vec<Waiting>) {
    batch.sort_by(|a, b| a.work.order().cmp(b.work.order()));
    if batch.len() > 1 {
        if let Ok(txn) = begin_in_turn(db, None).await {
            let mut failed = false;
            for waiting in &batch {
                if waiting.work.write(&txn).await.is_err() {
                    failed = true;
                    break;
                }
            }
            let committed = if failed {
                let _ = txn.rollback().await;
                false
            } else {
                txn.commit().await.is_ok()
            };
            if committed {
                for waiting in batch {
                    let _ = waiting.done.send(Ok(()));
                }
                return;
            }
        }
        tracing::debug!(
            pieces = batch.len(),
            "a shared write failed; each piece runs on its own"
        );
    }
    for waiting in batch {
        let result = run_alone(db, waiting.work.as_ref()).await;
        let _ = waiting.done.send(result);
    }
}

async fn run_alone(db: &DatabaseConnection, work: &dyn SharedWrite) -> crate::DomainResult<()> {
    let txn = begin_in_turn(db, None).await?;
    work.write(&txn).await?;
    Ok(txn.commit().await?)
}

impl WriteTransaction {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

/// Implements `ConnectionTrait` for `$ty` by running every statement on its field
/// `$inner`, a connection itself (a transaction that carries more than the connection).
macro_rules! connection_through {
    ($ty:ty, $inner:ident) => {
        #[async_trait::async_trait]
        impl sea_orm::ConnectionTrait for $ty {
            fn get_database_backend(&self) -> sea_orm::DbBackend {
                self.$inner.get_database_backend()
            }

            async fn execute_raw(
                &self,
                stmt: sea_orm::Statement,
            ) -> Result<sea_orm::ExecResult, sea_orm::DbErr> {
                self.$inner.execute_raw(stmt).await
            }

            async fn execute_unprepared(
                &self,
                sql: &str,
            ) -> Result<sea_orm::ExecResult, sea_orm::DbErr> {
                self.$inner.execute_unprepared(sql).await
            }

            async fn query_one_raw(
                &self,
                stmt: sea_orm::Statement,
            ) -> Result<Option<sea_orm::QueryResult>, sea_orm::DbErr> {
                self.$inner.query_one_raw(stmt).await
            }

            async fn query_all_raw(
                &self,
                stmt: sea_orm::Statement,
            ) -> Result<Vec<sea_orm::QueryResult>, sea_orm::DbErr> {
                self.$inner.query_all_raw(stmt).await
            }
        }
    };
}
pub(crate) use connection_through;

connection_through!(WriteTransaction, txn);

#[cfg(test)]
mod tests {
    use super::without_loopback_tls;

    #[test]
    fn loopback_postgres_goes_without_tls_unless_the_url_says() {
        assert_eq!(
            without_loopback_tls("postgres://postgres@127.0.0.1:5432/rookery"),
            "postgres://postgres@127.0.0.1:5432/rookery?sslmode=disable"
        );
        assert_eq!(
            without_loopback_tls("postgres://u@localhost/db?application_name=r"),
            "postgres://u@localhost/db?application_name=r&sslmode=disable"
        );
        assert_eq!(
            without_loopback_tls("postgres://u@[::1]:5432/db"),
            "postgres://u@[::1]:5432/db?sslmode=disable"
        );
        for kept in [
            "postgres://u@127.0.0.1/db?sslmode=require",
            "postgres://u@db.internal:5432/db",
            "postgres://u@10.0.0.5/db",
        ] {
            assert_eq!(without_loopback_tls(kept), kept);
        }
    }
}
