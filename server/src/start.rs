//! Start-up: logging, the data dir, the database, the job queue, and the HTTP server and
//! workers with graceful shutdown.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use poem::Server;
use poem::listener::{Listener, TcpListener};
use rookery_domain::db::{self, DatabaseConnection};
use rookery_domain::media::{DecodeBudget, MediaLimits};
use rookery_domain::ports::{EventBus, Mailer};
use rookery_domain::secrets::{self, Keyring, new_key};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::media::MediaServices;
use rookery_domain::service::outbox::{self, Outbox};
use rookery_domain::service::{App, accounts, sealing, setup};
use rookery_domain::types::Instance;
use rookery_federation::context::{Federation, FederationContext};
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_federation::signatures::PrivateKey;
use rookery_jobs::live_bus::RedisBus;
use rookery_jobs::{JobContext, JobQueue, JobsError, Queue, QueueConfig, Workers};

use crate::auth_limits::AuthLimiter;
use crate::config::{Config, ConfigError, LogFormat, redact_url};
use crate::graphql;
use crate::http;
use crate::http::web_client::WebClient;
use crate::mail_servers::DnsMailServers;
use crate::media_store::ObjectMediaStore;
use crate::secrets_file;
use crate::state::{AppState, lookup_limiter};

/// Why start-up stopped: the configuration (exit code 2) or something at run time (1).
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration error: {0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Runtime(String),
}

impl StartError {
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Config(_) => 2,
            Self::Runtime(_) => 1,
        }
    }
}

pub fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log.level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match config.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// Opens (and, for SQLite, creates) the database, and installs the keyring that seals its
/// secrets; a failure leaves nothing behind.
pub async fn open_database(config: &Config) -> Result<DatabaseConnection, StartError> {
    let created_dir = if config.uses_sqlite() {
        prepare_data_dir(&config.data_dir)?
    } else {
        false
    };
    if let Err(error) = install_keyring(config) {
        if created_dir {
            let _ = std::fs::remove_dir_all(&config.data_dir);
        }
        return Err(error);
    }
    match db::connect(&config.db_options()).await {
        Ok(connection) => Ok(connection),
        Err(error) => {
            if created_dir {
                let _ = std::fs::remove_dir_all(&config.data_dir);
            }
            Err(ConfigError {
                key: "database.url".into(),
                message: format!(
                    "cannot open {}: {error}",
                    redact_url(&config.database_url())
                ),
            }
            .into())
        }
    }
}

/// Installs the keyring secrets are sealed with (see [`configured_keys`]).
fn install_keyring(config: &Config) -> Result<(), StartError> {
    let keys = configured_keys(config)?;
    let keyring =
        Keyring::from_base64(keys.iter().map(String::as_str)).map_err(|e| {
            match config.secrets.key {
                Some(_) => ConfigError::new("secrets.key", e.to_string()),
                None => ConfigError::new(
                    "secrets.key_file",
                    format!("{}: {e}", config.secrets_key_file().display()),
                ),
            }
        })?;
    secrets::install(keyring);
    Ok(())
}

/// The secrets keys in base64, the sealing one first: `secrets.key`, else the lines of the
/// key file. An SQLite instance without one makes its key file (mode 0600) on first start;
/// processes on PostgreSQL must be given theirs, or each would seal with a key of its own.
pub fn configured_keys(config: &Config) -> Result<Vec<String>, StartError> {
    if let Some(keys) = &config.secrets.key {
        return Ok(keys.split(',').map(str::to_owned).collect());
    }
    let fail =
        |message: String| -> StartError { ConfigError::new("secrets.key_file", message).into() };
    let path = config.secrets_key_file();
    if !path.exists() && config.uses_sqlite() && config.secrets.key_file.is_none() {
        let key = new_key().map_err(|e| fail(e.to_string()))?;
        secrets_file::create(&path, &[&key])
            .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        fail(format!(
            "cannot read {}: {e} (on PostgreSQL, give every process the same key: \
             secrets.key or secrets.key_file)",
            path.display()
        ))
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Creates the data dir when missing and checks it is writable; true when created now.
fn prepare_data_dir(dir: &Path) -> Result<bool, StartError> {
    let fail = |message: String| -> StartError {
        ConfigError {
            key: "data_dir".into(),
            message,
        }
        .into()
    };
    let existed = dir.is_dir();
    if !existed {
        std::fs::create_dir_all(dir)
            .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    let probe = dir.join(".rookery-write-test");
    if let Err(e) = std::fs::write(&probe, b"") {
        if !existed {
            let _ = std::fs::remove_dir_all(dir);
        }
        return Err(fail(format!("{} is not writable: {e}", dir.display())));
    }
    let _ = std::fs::remove_file(probe);
    Ok(!existed)
}

/// Migrates the database, then seals any secret it holds in the clear (stored before
/// secrets were sealed).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), StartError> {
    db::migrate(db)
        .await
        .map_err(|e| StartError::Runtime(format!("migrating the database: {e}")))?;
    let keyring = secrets::installed().map_err(|e| StartError::Runtime(e.to_string()))?;
    let sealed = sealing::seal_all(db, &keyring)
        .await
        .map_err(|e| StartError::Runtime(format!("sealing secrets: {e}")))?;
    if sealed > 0 {
        tracing::info!(sealed, "secrets stored in the clear are sealed now");
    }
    Ok(())
}

/// What serving and working share: the migrated database, the fetch policy, the queue.
struct Parts {
    /// The database, closed once serving or working ends.
    db: DatabaseConnection,
    queue: JobQueue,
    mailer: Arc<dyn Mailer>,
    media: MediaServices,
    /// The one federation context of the process, which the web server and the workers
    /// share (its application context, fetcher and what inboxes remember).
    federation: Federation,
}

async fn open_parts(config: &Config) -> Result<Parts, StartError> {
    let instance = config.instance_defaults()?;
    if config.server.metrics_token.is_some() {
        crate::http::metrics::recorder();
    }
    let db = open_database(config).await?;
    migrate(&db).await?;
    let fetcher = Fetcher::new(
        FetchPolicy {
            allow_private: config.federation.allow_private_addresses,
            timeout: Duration::from_secs(config.federation.fetch_timeout_secs),
            ..FetchPolicy::default()
        },
        &format!(
            "Rookery/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            instance.base_url
        ),
    )
    .map_err(|e| StartError::Runtime(e.to_string()))?;
    let queue = JobQueue::open(&db, queue_config(config))
        .await
        .map_err(|e| match (&e, &config.redis.url) {
            (JobsError::Redis(_), Some(url)) => StartError::Config(ConfigError {
                key: "redis.url".into(),
                message: format!("cannot use {}: {e}", redact_url(url)),
            }),
            _ => StartError::Runtime(e.to_string()),
        })?;
    let host = instance
        .base_url
        .host_str()
        .unwrap_or("localhost")
        .to_owned();
    let from = config
        .mail
        .from
        .clone()
        .unwrap_or_else(|| format!("Rookery <noreply@{host}>"));
    let mailer = rookery_jobs::mail::mailer(
        config.mail.smtp_url.as_deref(),
        &from,
        config.data_dir.join("mail"),
    )
    .map_err(|e| ConfigError {
        key: "mail".into(),
        message: e.to_string(),
    })?;
    let fetcher = signing_as_instance(&db, &instance, fetcher).await?;
    let media = MediaServices {
        store: Arc::new(ObjectMediaStore::open(config)?),
        queue: Arc::new(queue.clone()),
        limits: MediaLimits {
            max_bytes: config.media.max_bytes,
            max_pixels: config.media.max_pixels,
        },
        decode_budget: Arc::new(DecodeBudget::new(
            config.media.decode_memory_mb.saturating_mul(1024 * 1024),
        )),
    };
    let events: Arc<dyn EventBus> = match &config.redis.url {
        Some(url) => RedisBus::connect(url, &config.redis.namespace)
            .await
            .map_err(|e| ConfigError {
                key: "redis.url".into(),
                message: format!("cannot use {} for live events: {e}", redact_url(url)),
            })?,
        None => Arc::new(LocalBus::default()),
    };
    let outbox = Outbox::new(instance.clone(), Arc::new(queue.clone()), events);
    let federation = FederationContext::new(App::new(db.clone(), outbox), fetcher).config();
    Ok(Parts {
        db,
        queue,
        mailer,
        media,
        federation,
    })
}

/// `fetcher`, signing its GETs as the instance actor (created on first start).
pub async fn signing_as_instance(
    db: &DatabaseConnection,
    instance: &Instance,
    fetcher: Fetcher,
) -> Result<Fetcher, StartError> {
    let failed =
        |e: &dyn std::fmt::Display| StartError::Runtime(format!("the instance actor: {e}"));
    let actor = accounts::instance_actor(db, instance)
        .await
        .map_err(|e| failed(&e))?;
    let (actor, pem) = outbox::signer(db, actor.id).await.map_err(|e| failed(&e))?;
    let key = PrivateKey::from_pem(&pem).map_err(|e| failed(&e))?;
    let key_id = actor
        .key_id
        .unwrap_or_else(|| format!("{}#main-key", actor.actor_id));
    Ok(fetcher.signing_as(key, key_id))
}

pub fn queue_config(config: &Config) -> QueueConfig {
    QueueConfig {
        redis_url: config.redis.url.clone(),
        namespace: config.redis.namespace.clone(),
        poll_interval: Duration::from_millis(config.jobs.poll_interval_ms),
        heartbeat: Duration::from_secs(config.jobs.heartbeat_secs),
    }
}

fn job_context(parts: &Parts, config: &Config) -> Arc<JobContext> {
    let mut ctx = JobContext::new(
        parts.queue.clone(),
        parts.mailer.clone(),
        parts.media.clone(),
        parts.federation.clone(),
    );
    ctx.remote_media_cache =
        Duration::from_secs(u64::from(config.media.remote_cache_days) * 24 * 3600);
    Arc::new(ctx)
}

/// Opens and migrates the database, then serves until SIGINT or SIGTERM, running the
/// background workers too unless told not to.
pub async fn serve(config: Config, run_workers: bool) -> Result<(), StartError> {
    let parts = open_parts(&config).await?;
    let workers = run_workers.then(|| Workers::start(job_context(&parts, &config)));
    let mut state = AppState::new(
        config.server.auth_attempts_per_minute,
        Duration::from_millis(config.graphql.batch_window_ms),
        parts.federation.clone(),
        parts.media.clone(),
    );
    state.media_public_url = config.media.public_url.clone();
    state.metrics_token = config.server.metrics_token.clone();
    state.authorized_fetch = config.federation.authorized_fetch;
    state.document_limits = config.document_limits();
    state.live_limits = config.live_limits();
    state.trusted_proxies = config.trusted_proxies()?;
    state.cors_origins = config.cors_origins()?;
    if let Some(directory) = &config.server.web_client_dir {
        state.web_client = WebClient::directory(directory);
    }
    state.lookup_limiter = lookup_limiter(config.graphql.remote_lookups_per_minute);
    if let Some(url) = &config.redis.url {
        let per_minute = config.server.auth_attempts_per_minute;
        state.auth_limiter = AuthLimiter::shared(per_minute, url, &config.redis.namespace)
            .await
            .map_err(|e| ConfigError {
                key: "redis.url".into(),
                message: format!("cannot count sign-in attempts in {}: {e}", redact_url(url)),
            })?;
    }
    state.mail_servers = Some(Arc::new(DnsMailServers::new(
        config.mail.dns_server.as_deref(),
    )?));
    let state = Arc::new(state);
    let schemas = graphql::schemas(
        state.clone(),
        config.graphql.max_depth,
        config.graphql.max_complexity,
    );
    let app = http::routes(state, schemas, config.server.graphiql);
    let acceptor = TcpListener::bind(config.server.listen)
        .into_acceptor()
        .await
        .map_err(|e| ConfigError {
            key: "server.listen".into(),
            message: format!("cannot listen on {}: {e}", config.server.listen),
        })?;
    tracing::info!(
        listen = %config.server.listen,
        domain = %config.instance.domain,
        database = %redact_url(&config.database_url()),
        queue = parts.queue.backend_name(),
        workers = run_workers,
        "rookery is serving"
    );
    if let Some(mode) = config.federation.mode {
        let app = &parts.federation.data().app;
        rookery_domain::service::domain_allows::set_mode(app, None, mode.into())
            .await
            .map_err(|e| StartError::Runtime(format!("applying the federation mode: {e}")))?;
    }
    announce_setup(&parts.federation.data().app, config.log.format).await?;
    let served = Server::new_with_acceptor(acceptor)
        .run_with_graceful_shutdown(app, shutdown_signal(), Some(Duration::from_secs(20)))
        .await
        .map_err(|e| StartError::Runtime(format!("serving: {e}")));
    if let Some(workers) = workers {
        workers.stop().await;
    }
    served?;
    close(parts.db).await
}

/// While the instance has no admin, makes a one-time setup link and writes it to the log,
/// and to the console too unless the log is JSON (whose every line is one object): whoever
/// opens it creates the owner's account.
async fn announce_setup(app: &App, log_format: LogFormat) -> Result<(), StartError> {
    let token = setup::prepare(&app.db)
        .await
        .map_err(|e| StartError::Runtime(format!("preparing the first-run setup: {e}")))?;
    let Some(token) = token else {
        return Ok(());
    };
    let link = app
        .instance()
        .base_url
        .join(&format!("setup/{token}"))
        .map_err(|e| StartError::Runtime(format!("making the setup link: {e}")))?;
    tracing::warn!(%link, "no admin yet: open the setup link to create the owner's account");
    if log_format == LogFormat::Pretty {
        println!("This instance has no admin yet. Create the owner's account at:\n\n  {link}\n");
    }
    Ok(())
}

/// Runs the background workers of `queues` (all when empty) only, until SIGINT or SIGTERM.
pub async fn work(config: Config, queues: Vec<String>) -> Result<(), StartError> {
    let queues = if queues.is_empty() {
        Queue::ALL.to_vec()
    } else {
        queues
            .iter()
            .map(|name| name.parse::<Queue>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|unknown| ConfigError {
                key: "--queues".into(),
                message: unknown.to_string(),
            })?
    };
    let parts = open_parts(&config).await?;
    let workers = Workers::start_queues(job_context(&parts, &config), &queues);
    tracing::info!(
        database = %redact_url(&config.database_url()),
        queue = parts.queue.backend_name(),
        "rookery is working"
    );
    shutdown_signal().await;
    workers.stop().await;
    close(parts.db).await
}

pub async fn close(db: DatabaseConnection) -> Result<(), StartError> {
    db.close()
        .await
        .map_err(|e| StartError::Runtime(format!("closing the database: {e}")))?;
    tracing::info!("rookery stopped");
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down");
}
