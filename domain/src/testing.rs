//! What tests stand on: fresh databases (a SQLite file in a temporary directory, or a
//! PostgreSQL database `rookery_test_<uuid>` that is dropped when the handle goes), a queue
//! that records, a media store in a temporary directory, test pictures, and what sanitised
//! HTML must never hold.
//!
//! PostgreSQL is found at `ROOKERY_TEST_DATABASE_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`). When it, or any other service or tool a
//! test needs (Redis, the Python test tools, Node.js and the Fedify peer), is missing, the
//! test is skipped with one `SKIPPED:` line that `make test` counts, unless
//! `ROOKERY_TEST_REQUIRE_SERVICES=1`, which makes it fail: see [`skip_unless_required`].

pub mod html;
pub mod live;
pub mod multipart;
pub mod pictures;

use std::time::Duration;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

use crate::db::{self, DbOptions};
use crate::service::remote::RemoteActor;
use crate::types::{Instance, RegistrationMode};

pub const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The key tests seal secrets with, in every test process and in the `rookery` processes
/// they start (`ROOKERY_SECRETS__KEY`), so that both open what the other sealed.
pub const SECRETS_KEY: &str = "cm9va2VyeSB0ZXN0IHNlY3JldHMga2V5LCAzMiBieXQ=";

/// Installs the tests' keyring, once per process.
pub fn install_secrets_key() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(
        || match crate::secrets::Keyring::from_base64([SECRETS_KEY]) {
            Ok(keyring) => crate::secrets::install(keyring),
            Err(error) => panic!("the tests' secrets key: {error}"),
        },
    );
}

/// Whether missing services fail the tests instead of skipping them.
pub fn services_required() -> bool {
    std::env::var("ROOKERY_TEST_REQUIRE_SERVICES").is_ok_and(|v| v == "1" || v == "true")
}

/// What a test does when a service or tool it needs is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Fail, with this message.
    Fail(String),
    /// Skip, after writing this line.
    Skip(String),
}

/// The one rule for a missing service or tool: with services required the test fails;
/// otherwise it is skipped, saying so in one `SKIPPED: <test>: <reason>` line.
pub fn missing(required: bool, test: &str, reason: &str) -> Missing {
    if required {
        Missing::Fail(format!(
            "{reason}, and ROOKERY_TEST_REQUIRE_SERVICES is set (`make test` starts the services and installs the tools)"
        ))
    } else {
        Missing::Skip(format!("SKIPPED: {test}: {reason}\n"))
    }
}

/// Applies [`missing`] to the running test: panics when services are required, otherwise
/// writes the `SKIPPED:` line to stderr and returns, for the caller to skip. The line is
/// written past the test harness's output capture, so that `make test` sees and counts it.
pub fn skip_unless_required(reason: &str) {
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("unnamed test");
    match missing(services_required(), test, reason) {
        Missing::Fail(message) => panic!("{message}"),
        Missing::Skip(line) => {
            use std::io::Write;
            let _ = std::io::stderr().lock().write_all(line.as_bytes());
        }
    }
}

/// The PostgreSQL server's maintenance database URL.
pub fn postgres_admin_url() -> String {
    std::env::var("ROOKERY_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_POSTGRES_URL.into())
}

/// A database that lives as long as this handle.
pub struct TestDb {
    pub db: DatabaseConnection,
    /// The URL a `rookery` process would be given to open the same database.
    pub url: String,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    postgres_name: Option<String>,
}

impl std::fmt::Debug for TestDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestDb").field("url", &self.url).finish()
    }
}

fn options(url: &str) -> DbOptions {
    DbOptions {
        url: url.to_owned(),
        max_connections: 5,
        connect_timeout: Duration::from_secs(5),
    }
}

impl TestDb {
    /// An empty, unmigrated SQLite database.
    pub async fn sqlite_empty() -> Self {
        install_secrets_key();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let url = format!("sqlite://{}", dir.path().join("rookery.db").display());
        let db = db::connect(&options(&url))
            .await
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
        Self {
            db,
            url,
            backend: "sqlite",
            _dir: Some(dir),
            postgres_name: None,
        }
    }

    /// An empty, unmigrated PostgreSQL database; None (with a note) when PostgreSQL is
    /// unreachable and not required.
    pub async fn postgres_empty() -> Option<Self> {
        install_secrets_key();
        let admin_url = postgres_admin_url();
        let admin = match Database::connect(&admin_url).await {
            Ok(admin) => admin,
            Err(error) => {
                skip_unless_required(&format!(
                    "PostgreSQL at {admin_url} is unreachable ({error})"
                ));
                return None;
            }
        };
        let name = format!("rookery_test_{}", uuid::Uuid::now_v7().simple());
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("creating {name}: {e}"));
        let _ = admin.close().await;
        let url = with_database(&admin_url, &name);
        let db = db::connect(&options(&url))
            .await
            .unwrap_or_else(|e| panic!("opening {name}: {e}"));
        Some(Self {
            db,
            url,
            backend: "postgres",
            _dir: None,
            postgres_name: Some(name),
        })
    }

    /// A migrated SQLite database.
    pub async fn sqlite() -> Self {
        Self::sqlite_empty().await.migrated().await
    }

    /// A migrated PostgreSQL database, when there is one.
    pub async fn postgres() -> Option<Self> {
        match Self::postgres_empty().await {
            Some(db) => Some(db.migrated().await),
            None => None,
        }
    }

    /// Migrated databases on every backend available: SQLite, then PostgreSQL.
    pub async fn all() -> Vec<Self> {
        let mut all = vec![Self::sqlite().await];
        all.extend(Self::postgres().await);
        all
    }

    async fn migrated(self) -> Self {
        db::migrate(&self.db)
            .await
            .unwrap_or_else(|e| panic!("migrating {}: {e}", self.backend));
        self
    }

    /// Runs raw SQL, for tests that break the database on purpose.
    pub async fn execute(&self, sql: &str) {
        self.db
            .execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}

/// The rows raw SQL reads, for tests that look at tables no store reads (the queue's):
/// `postgres` on PostgreSQL, `sqlite` on SQLite.
pub async fn rows(
    db: &DatabaseConnection,
    postgres: &str,
    sqlite: &str,
) -> Vec<sea_orm::QueryResult> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => postgres,
        _ => sqlite,
    };
    db.query_all_raw(sea_orm::Statement::from_string(backend, sql))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_path(&format!("/{name}"));
            parsed.to_string()
        }
        Err(_) => format!("{}/{name}", url.trim_end_matches('/')),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.postgres_name.take() else {
            return;
        };
        // Dropping runs inside a test's runtime; do the async work on a thread of its own.
        let admin_url = postgres_admin_url();
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}

/// A job queue that only remembers what it was given, for tests of the domain alone.
#[derive(Debug, Default)]
pub struct RecordingQueue {
    published: std::sync::Mutex<Vec<crate::ids::ActivityId>>,
    moderated: std::sync::Mutex<Vec<crate::ids::ReportId>>,
    mailed: std::sync::Mutex<Vec<crate::ids::MailId>>,
    orphans: std::sync::Mutex<Vec<crate::ids::StatusId>>,
    webhooks: std::sync::Mutex<Vec<crate::ids::WebhookDeliveryId>>,
    verified: std::sync::Mutex<Vec<crate::ids::AccountId>>,
    emojis: std::sync::Mutex<Vec<crate::ids::CustomEmojiId>>,
}

impl RecordingQueue {
    /// The activities queued so far, in order.
    pub fn published(&self) -> Vec<crate::ids::ActivityId> {
        self.published
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }

    /// The reports queued for moderation so far.
    pub fn moderated(&self) -> Vec<crate::ids::ReportId> {
        self.moderated
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }

    /// The webhook deliveries queued so far.
    pub fn webhook_deliveries(&self) -> Vec<crate::ids::WebhookDeliveryId> {
        self.webhooks
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }

    /// The accounts whose profile links were queued for verification so far.
    pub fn links_to_verify(&self) -> Vec<crate::ids::AccountId> {
        self.verified
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }

    /// The custom emoji queued to be copied so far.
    pub fn emojis(&self) -> Vec<crate::ids::CustomEmojiId> {
        self.emojis
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }

    /// The mail queued so far.
    pub fn mailed(&self) -> Vec<crate::ids::MailId> {
        self.mailed
            .lock()
            .map(|list| list.clone())
            .unwrap_or_default()
    }
}

impl crate::ports::TaskQueue for RecordingQueue {
    fn publish(
        &self,
        activities: Vec<crate::ids::ActivityId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.published.lock() {
            list.extend(activities);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn redeliver(
        &self,
        _failed: Vec<crate::types::FailedDelivery>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        Box::pin(std::future::ready(Ok(())))
    }

    fn moderate(
        &self,
        reports: Vec<crate::ids::ReportId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.moderated.lock() {
            list.extend(reports);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn fetch_parents(
        &self,
        replies: Vec<crate::ids::StatusId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.orphans.lock() {
            list.extend(replies);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn read_software(
        &self,
        _domains: Vec<String>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        Box::pin(std::future::ready(Ok(())))
    }

    fn verify_links(
        &self,
        accounts: Vec<crate::ids::AccountId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.verified.lock() {
            list.extend(accounts);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn webhooks(
        &self,
        deliveries: Vec<crate::ids::WebhookDeliveryId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.webhooks.lock() {
            list.extend(deliveries);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn mail(
        &self,
        mails: Vec<crate::ids::MailId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.mailed.lock() {
            list.extend(mails);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn process_media(
        &self,
        _media: Vec<crate::ids::MediaId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        Box::pin(std::future::ready(Ok(())))
    }

    fn copy_emojis(
        &self,
        emojis: Vec<crate::ids::CustomEmojiId>,
    ) -> crate::ports::PortFuture<'_, Result<(), crate::ports::QueueError>> {
        if let Ok(mut list) = self.emojis.lock() {
            list.extend(emojis);
        }
        Box::pin(std::future::ready(Ok(())))
    }

    fn stats(
        &self,
    ) -> crate::ports::PortFuture<'_, Result<Vec<crate::ports::QueueStats>, crate::ports::QueueError>>
    {
        Box::pin(std::future::ready(Ok(Vec::new())))
    }
}

/// A media store in a directory of its own, removed when dropped.
#[derive(Debug)]
pub struct DirMediaStore {
    dir: tempfile::TempDir,
}

impl DirMediaStore {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary directory: {e}")),
        }
    }

    fn path(&self, key: &str) -> std::path::PathBuf {
        self.dir.path().join(key)
    }

    /// Every key kept, sorted.
    pub fn keys(&self) -> Vec<String> {
        fn walk(root: &std::path::Path, dir: &std::path::Path, keys: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(root, &path, keys);
                } else if let Ok(relative) = path.strip_prefix(root) {
                    keys.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let mut keys = Vec::new();
        walk(self.dir.path(), self.dir.path(), &mut keys);
        keys.sort();
        keys
    }
}

impl Default for DirMediaStore {
    fn default() -> Self {
        Self::new()
    }
}

impl crate::ports::MediaStore for DirMediaStore {
    fn put<'a>(
        &'a self,
        key: &'a str,
        bytes: Vec<u8>,
    ) -> crate::ports::PortFuture<'a, Result<(), crate::ports::StoreError>> {
        Box::pin(async move {
            let path = self.path(key);
            let failed = |e: std::io::Error| crate::ports::StoreError(e.to_string());
            if let Some(parent) = path.parent() {
                tokio::fs::create_dir_all(parent).await.map_err(failed)?;
            }
            tokio::fs::write(path, bytes).await.map_err(failed)
        })
    }

    fn get<'a>(
        &'a self,
        key: &'a str,
    ) -> crate::ports::PortFuture<'a, Result<Option<Vec<u8>>, crate::ports::StoreError>> {
        Box::pin(async move {
            match tokio::fs::read(self.path(key)).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(crate::ports::StoreError(e.to_string())),
            }
        })
    }

    fn delete<'a>(
        &'a self,
        key: &'a str,
    ) -> crate::ports::PortFuture<'a, Result<(), crate::ports::StoreError>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)).await {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(crate::ports::StoreError(e.to_string())),
            }
        })
    }

    fn usage(&self) -> crate::ports::PortFuture<'_, Result<u64, crate::ports::StoreError>> {
        let bytes = self
            .keys()
            .iter()
            .filter_map(|key| std::fs::metadata(self.path(key)).ok())
            .map(|metadata| metadata.len())
            .sum();
        Box::pin(std::future::ready(Ok(bytes)))
    }
}

/// Media services on a fresh directory, with a queue that only records.
pub fn media_services() -> crate::service::media::MediaServices {
    crate::service::media::MediaServices {
        store: std::sync::Arc::new(DirMediaStore::new()),
        queue: std::sync::Arc::new(RecordingQueue::default()),
        limits: crate::media::MediaLimits::default(),
        decode_budget: std::sync::Arc::default(),
    }
}

/// The instance tests run as: `rookery.test`, open registrations.
pub fn instance() -> Instance {
    Instance {
        domain: "rookery.test".into(),
        base_url: url::Url::parse("https://rookery.test/").unwrap_or_else(|e| panic!("{e}")),
        name: "Test".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 500,
        max_media_attachments: 4,
        require_email_confirmation: false,
    }
}

/// An actor of another server, with a placeholder key.
pub fn remote_actor(domain: &str, username: &str) -> RemoteActor {
    let base = format!("https://{domain}/users/{username}");
    RemoteActor {
        actor_id: base.clone(),
        key_id: format!("{base}#main-key"),
        public_key_pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----".into(),
        username: username.into(),
        domain: domain.into(),
        display_name: username.into(),
        note_html: String::new(),
        fields: Vec::new(),
        url: base.clone(),
        inbox_url: format!("{base}/inbox"),
        shared_inbox_url: None,
        outbox_url: None,
        followers_url: Some(format!("{base}/followers")),
        following_url: None,
        featured_url: None,
        locked: false,
        bot: false,
        discoverable: true,
        indexable: true,
        published: None,
        avatar_url: None,
        header_url: None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Missing, missing};

    #[test]
    fn a_missing_service_fails_when_required_and_is_skipped_with_one_line_otherwise() {
        let Missing::Fail(message) = missing(true, "mail::smtp", "aiosmtpd is missing") else {
            panic!("a required service was skipped");
        };
        assert!(message.starts_with("aiosmtpd is missing"), "{message}");
        assert_eq!(
            missing(false, "mail::smtp", "aiosmtpd is missing"),
            Missing::Skip("SKIPPED: mail::smtp: aiosmtpd is missing\n".into())
        );
    }
}
