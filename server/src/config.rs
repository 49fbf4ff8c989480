//! Configuration: struct defaults, then config/default.toml, then `--config FILE`, then
//! `ROOKERY_*` environment variables (`__` nests).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use rookery_domain::db::DbOptions;
use rookery_domain::types::{FederationMode, Instance, RegistrationMode};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::graphql::limits::DocumentLimits;
use crate::http::client::Cidr;
use crate::http::live_limits::LiveLimits;

const DEFAULT_TOML: &str = include_str!("../../config/default.toml");
/// Top-level keys read from the environment; other `ROOKERY_*` variables are not ours.
const SECTIONS: &[&str] = &[
    "federation",
    "data_dir",
    "server",
    "instance",
    "database",
    "graphql",
    "redis",
    "jobs",
    "mail",
    "media",
    "log",
    "secrets",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub data_dir: PathBuf,
    pub server: ServerConfig,
    pub instance: InstanceConfig,
    pub database: DatabaseConfig,
    pub graphql: GraphqlConfig,
    pub federation: FederationConfig,
    pub redis: RedisConfig,
    pub jobs: JobsConfig,
    pub mail: MailConfig,
    pub media: MediaConfig,
    pub log: LogConfig,
    pub secrets: SecretsConfig,
}

/// The key that seals secrets at rest (actor private keys, webhook secrets).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretsConfig {
    /// The key itself, in base64 (`ROOKERY_SECRETS__KEY`); wins over `key_file`.
    pub key: Option<String>,
    /// A file of keys, one a line, the sealing key first; unset, `<data_dir>/secrets.key`.
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaConfig {
    /// `local` (a directory) or `s3` (any S3-compatible store).
    pub store: MediaStoreKind,
    /// The local store's directory. Unset: `<data_dir>/media`.
    pub dir: Option<PathBuf>,
    /// The most bytes an upload may have.
    pub max_bytes: usize,
    /// The most pixels a picture may have, read from its header before decoding.
    pub max_pixels: u64,
    /// The most attachments one status may carry.
    pub max_attachments: usize,
    /// Where the store serves its files publicly (a bucket's or CDN's URL). Set: `/media/…`
    /// redirects there. Unset: Rookery serves the files itself.
    pub public_url: Option<String>,
    /// Days a copy of remote media is kept before it is pruned.
    pub remote_cache_days: u32,
    /// The memory, in MiB, the pictures a process decodes at once may take together.
    pub decode_memory_mb: u64,
    pub s3: S3Config,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MediaStoreKind {
    Local,
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Config {
    pub bucket: Option<String>,
    pub region: String,
    /// The store's URL, for S3-compatible stores other than AWS (MinIO, Garage, R2, …).
    pub endpoint: Option<String>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    /// Allow an `http://` endpoint (a store on the same machine or network).
    pub allow_http: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// `smtp://USER:PASSWORD@HOST:PORT` (`smtps://` for TLS, `?tls=required` for
    /// STARTTLS). Unset: each message is written to `<data_dir>/mail/`.
    pub smtp_url: Option<String>,
    /// The sender, `Name <address>`. Unset: `Rookery <noreply@DOMAIN-HOST>`.
    pub from: Option<String>,
    /// The DNS server (`HOST:PORT`) asked for the mail servers of sign-up email domains,
    /// which email domain blocks cover too. Unset: the system's (`/etc/resolv.conf`).
    #[serde(default)]
    pub dns_server: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisConfig {
    /// `redis://HOST:PORT/DB`; when set, Redis holds the job queues.
    pub url: Option<String>,
    /// Prefix of every key, so that instances can share one Redis.
    pub namespace: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobsConfig {
    /// How often an idle worker looks for tasks queued by another process or scheduled
    /// for later; a task this process queues wakes its workers at once.
    pub poll_interval_ms: u64,
    /// How often workers tell the queue they are alive; the tasks of a worker silent for
    /// two of these go to others.
    pub heartbeat_secs: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FederationConfig {
    /// Fetch from loopback and private addresses: for development and tests only.
    pub allow_private_addresses: bool,
    /// Seconds a remote fetch may take.
    pub fetch_timeout_secs: u64,
    /// Secure mode: actors, posts and collections are served to signed requests only (the
    /// instance actor excepted), and never to blocked domains.
    pub authorized_fetch: bool,
    /// `blocklist` (every server but those blocked) or `allowlist` (only the servers on
    /// the allowlist). Set, it is applied at each start; unset, moderators choose it.
    #[serde(default)]
    pub mode: Option<FederationModeSetting>,
}

/// The federation mode as the configuration names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FederationModeSetting {
    Blocklist,
    Allowlist,
}

impl From<FederationModeSetting> for FederationMode {
    fn from(setting: FederationModeSetting) -> Self {
        match setting {
            FederationModeSetting::Blocklist => Self::Blocklist,
            FederationModeSetting::Allowlist => Self::Allowlist,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub graphiql: bool,
    pub auth_attempts_per_minute: u32,
    /// The bearer token Prometheus sends to `/metrics`; unset, `/metrics` is off.
    pub metrics_token: Option<String>,
    /// Addresses and blocks (`ADDRESS/PREFIX`) of the reverse proxies whose
    /// `Forwarded`/`X-Forwarded-For` headers name the client.
    pub trusted_proxies: Vec<String>,
    /// Origins (`https://app.example`) of web clients elsewhere that may call `/graphql`
    /// with bearer tokens; empty, only this instance's own pages may.
    pub cors_origins: Vec<String>,
    /// A client build (`frontend/dist`) to serve instead of the one in the binary, read
    /// at each request: for working on the client without rebuilding the server.
    #[serde(default)]
    pub web_client_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceConfig {
    pub domain: String,
    pub https: Option<bool>,
    pub name: String,
    pub description: String,
    pub registration: Registration,
    pub max_status_chars: usize,
    /// Whether new accounts confirm their email address (follow a mailed link) before they
    /// post, follow or message. Unset: yes when mail goes out over SMTP.
    pub require_email_confirmation: Option<bool>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    Open,
    Approval,
    Closed,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseConfig {
    pub url: Option<String>,
    /// Pool size; unset, 10 on PostgreSQL and 3 on SQLite, which writes one transaction at
    /// a time (more connections there only add threads that wait).
    pub max_connections: Option<u32>,
    pub connect_timeout_secs: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraphqlConfig {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub batch_window_ms: u64,
    /// The most bytes of a JSON request body to `/graphql` (uploads have media.max_bytes).
    pub max_body_bytes: usize,
    /// The most bytes of one query document.
    pub max_document_bytes: usize,
    /// The most field selections in one document.
    pub max_fields: usize,
    /// The most aliased fields plus root fields in one document.
    pub max_aliases: usize,
    /// Subscriptions one live connection may run at once.
    pub max_subscriptions_per_connection: usize,
    /// Live connections one account may hold open.
    pub max_live_connections_per_account: usize,
    /// Live connections one address (an IPv6 /64) may hold open.
    pub max_live_connections_per_address: usize,
    /// Accounts and objects one account may look up on other servers per minute.
    pub remote_lookups_per_minute: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    pub format: LogFormat,
    pub level: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("data"),
            server: ServerConfig {
                listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
                graphiql: true,
                auth_attempts_per_minute: 30,
                metrics_token: None,
                trusted_proxies: Vec::new(),
                cors_origins: Vec::new(),
                web_client_dir: None,
            },
            instance: InstanceConfig {
                domain: "localhost:8080".into(),
                https: None,
                name: "Rookery".into(),
                description: String::new(),
                registration: Registration::Open,
                max_status_chars: 5000,
                require_email_confirmation: None,
            },
            database: DatabaseConfig {
                url: None,
                max_connections: None,
                connect_timeout_secs: 5,
            },
            graphql: GraphqlConfig {
                max_depth: 16,
                max_complexity: 10000,
                batch_window_ms: 2,
                max_body_bytes: 1024 * 1024,
                max_document_bytes: 64 * 1024,
                max_fields: 1000,
                max_aliases: 100,
                max_subscriptions_per_connection: 100,
                max_live_connections_per_account: 20,
                max_live_connections_per_address: 50,
                remote_lookups_per_minute: 30,
            },
            federation: FederationConfig {
                allow_private_addresses: false,
                fetch_timeout_secs: 10,
                authorized_fetch: false,
                mode: None,
            },
            redis: RedisConfig {
                url: None,
                namespace: "rookery".into(),
            },
            jobs: JobsConfig {
                poll_interval_ms: 1000,
                heartbeat_secs: 10,
            },
            mail: MailConfig {
                smtp_url: None,
                from: None,
                dns_server: None,
            },
            media: MediaConfig {
                store: MediaStoreKind::Local,
                dir: None,
                max_bytes: 16 * 1024 * 1024,
                max_pixels: 40_000_000,
                max_attachments: 4,
                public_url: None,
                remote_cache_days: 30,
                decode_memory_mb: 1024,
                s3: S3Config {
                    bucket: None,
                    region: "us-east-1".into(),
                    endpoint: None,
                    access_key_id: None,
                    secret_access_key: None,
                    allow_http: false,
                },
            },
            log: LogConfig {
                format: LogFormat::Pretty,
                level: "info".into(),
            },
            secrets: SecretsConfig::default(),
        }
    }
}

/// A configuration problem, naming the key.
#[derive(Debug, thiserror::Error)]
#[error("{key}: {message}")]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(key: &str, message: impl Into<String>) -> Self {
        Self {
            key: key.to_owned(),
            message: message.into(),
        }
    }
}

impl Config {
    /// Loads every layer and checks the result.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(DEFAULT_TOML));
        if let Some(file) = file {
            if !file.is_file() {
                return Err(ConfigError::new(
                    "--config",
                    format!("{} is not a readable file", file.display()),
                ));
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("ROOKERY_").split("__").filter(|key| {
            // Keys keep their case here, and may or may not be split at `__` yet.
            let key = key.as_str().to_lowercase();
            SECTIONS.iter().any(|section| {
                key.strip_prefix(section)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '_']))
            })
        }));
        let config: Config = figment.extract().map_err(|error| {
            let key = error.path.join(".");
            let message = error.kind.to_string();
            ConfigError::new(if key.is_empty() { "config" } else { &key }, message)
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.instance_defaults()?;
        if let Some(url) = &self.database.url {
            database_kind(url)?;
        }
        if self.instance.max_status_chars == 0 {
            return Err(ConfigError::new(
                "instance.max_status_chars",
                "must be at least 1",
            ));
        }
        if self.database.max_connections == Some(0) {
            return Err(ConfigError::new(
                "database.max_connections",
                "must be at least 1",
            ));
        }
        if let Some(url) = &self.redis.url
            && !(url.starts_with("redis://") || url.starts_with("rediss://"))
        {
            return Err(ConfigError::new(
                "redis.url",
                "must start with redis:// or rediss://",
            ));
        }
        if self.jobs.poll_interval_ms == 0 || self.jobs.heartbeat_secs == 0 {
            return Err(ConfigError::new(
                "jobs",
                "poll_interval_ms and heartbeat_secs must be at least 1",
            ));
        }
        self.validate_media()?;
        let graphql = &self.graphql;
        if [
            graphql.max_body_bytes,
            graphql.max_document_bytes,
            graphql.max_fields,
            graphql.max_aliases,
            graphql.max_subscriptions_per_connection,
            graphql.max_live_connections_per_account,
            graphql.max_live_connections_per_address,
        ]
        .contains(&0)
        {
            return Err(ConfigError::new(
                "graphql",
                "every max_… limit must be at least 1",
            ));
        }
        if graphql.remote_lookups_per_minute == 0 {
            return Err(ConfigError::new(
                "graphql.remote_lookups_per_minute",
                "must be at least 1",
            ));
        }
        self.trusted_proxies()?;
        self.cors_origins()?;
        if self.server.auth_attempts_per_minute == 0 {
            return Err(ConfigError::new(
                "server.auth_attempts_per_minute",
                "must be at least 1",
            ));
        }
        tracing_subscriber::EnvFilter::try_new(&self.log.level)
            .map_err(|error| ConfigError::new("log.level", error.to_string()))?;
        Ok(())
    }

    fn validate_media(&self) -> Result<(), ConfigError> {
        let media = &self.media;
        if media.max_bytes == 0
            || media.max_pixels == 0
            || media.max_attachments == 0
            || media.decode_memory_mb == 0
        {
            return Err(ConfigError::new(
                "media",
                "max_bytes, max_pixels, max_attachments and decode_memory_mb must be at least 1",
            ));
        }
        if media.store == MediaStoreKind::S3 && media.s3.bucket.is_none() {
            return Err(ConfigError::new(
                "media.s3.bucket",
                "must be set when media.store is s3",
            ));
        }
        for (key, url) in [
            ("media.public_url", &media.public_url),
            ("media.s3.endpoint", &media.s3.endpoint),
        ] {
            if let Some(url) = url
                && !Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
            {
                return Err(ConfigError::new(key, "must be an http(s) URL"));
            }
        }
        Ok(())
    }

    /// What one GraphQL request may hold.
    pub fn document_limits(&self) -> DocumentLimits {
        DocumentLimits {
            max_body_bytes: self.graphql.max_body_bytes,
            max_document_bytes: self.graphql.max_document_bytes,
            max_fields: self.graphql.max_fields,
            max_aliases: self.graphql.max_aliases,
        }
    }

    /// What live connections may hold.
    pub fn live_limits(&self) -> LiveLimits {
        LiveLimits {
            max_subscriptions: self.graphql.max_subscriptions_per_connection,
            max_per_account: self.graphql.max_live_connections_per_account,
            max_per_address: self.graphql.max_live_connections_per_address,
            ..LiveLimits::default()
        }
    }

    /// The origins of other web clients allowed to call `/graphql`, as browsers send them
    /// (`scheme://host[:port]`, no path).
    pub fn cors_origins(&self) -> Result<Vec<String>, ConfigError> {
        self.server
            .cors_origins
            .iter()
            .map(|origin| {
                let invalid = || {
                    ConfigError::new(
                        "server.cors_origins",
                        format!("{origin:?} is not an origin like https://app.example"),
                    )
                };
                let url = url::Url::parse(origin).map_err(|_| invalid())?;
                let serialised = url.origin().ascii_serialization();
                let bare = origin.trim_end_matches('/');
                if !matches!(url.scheme(), "http" | "https") || serialised != bare {
                    return Err(invalid());
                }
                Ok(serialised)
            })
            .collect()
    }

    /// The proxies whose forwarding headers are believed.
    pub fn trusted_proxies(&self) -> Result<Vec<Cidr>, ConfigError> {
        self.server
            .trusted_proxies
            .iter()
            .map(|proxy| {
                proxy
                    .parse()
                    .map_err(|message| ConfigError::new("server.trusted_proxies", message))
            })
            .collect()
    }

    /// The local media store's directory.
    /// The file secrets keys are kept in.
    pub fn secrets_key_file(&self) -> PathBuf {
        self.secrets
            .key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("secrets.key"))
    }

    pub fn media_dir(&self) -> PathBuf {
        self.media
            .dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("media"))
    }

    /// The database URL: the configured one, or SQLite in the data dir.
    pub fn database_url(&self) -> String {
        match &self.database.url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}", self.data_dir.join("rookery.db").display()),
        }
    }

    pub fn uses_sqlite(&self) -> bool {
        self.database_url().starts_with("sqlite:")
    }

    pub fn db_options(&self) -> DbOptions {
        DbOptions {
            url: self.database_url(),
            max_connections: self
                .database
                .max_connections
                .unwrap_or(if self.uses_sqlite() { 3 } else { 10 }),
            connect_timeout: Duration::from_secs(self.database.connect_timeout_secs),
        }
    }

    /// The instance as the domain sees it before any setting stored at run time.
    pub fn instance_defaults(&self) -> Result<Instance, ConfigError> {
        let domain = self.instance.domain.trim().to_lowercase();
        let host_only = Url::parse(&format!("http://{domain}"))
            .ok()
            .filter(|url| url.path() == "/" && url.query().is_none() && url.username().is_empty())
            .and_then(|url| url.host_str().map(str::to_owned));
        let Some(host) = host_only else {
            return Err(ConfigError::new(
                "instance.domain",
                format!("'{domain}' is not a host name (with an optional port)"),
            ));
        };
        let https = self.instance.https.unwrap_or(!is_loopback_host(&host));
        let scheme = if https { "https" } else { "http" };
        let base_url = Url::parse(&format!("{scheme}://{domain}/"))
            .map_err(|error| ConfigError::new("instance.domain", error.to_string()))?;
        Ok(Instance {
            domain,
            base_url,
            name: self.instance.name.clone(),
            description: self.instance.description.clone(),
            registration_mode: match self.instance.registration {
                Registration::Open => RegistrationMode::Open,
                Registration::Approval => RegistrationMode::Approval,
                Registration::Closed => RegistrationMode::Closed,
            },
            max_status_chars: self.instance.max_status_chars,
            max_media_attachments: self.media.max_attachments,
            require_email_confirmation: self
                .instance
                .require_email_confirmation
                .unwrap_or(self.mail.smtp_url.is_some()),
        })
    }

    /// The configuration as TOML with secrets replaced.
    pub fn redacted_toml(&self) -> String {
        let mut shown = self.clone();
        shown.database.url = Some(redact_url(&self.database_url()));
        shown.redis.url = self.redis.url.as_deref().map(redact_url);
        shown.mail.smtp_url = self.mail.smtp_url.as_deref().map(redact_url);
        if shown.media.s3.secret_access_key.is_some() {
            shown.media.s3.secret_access_key = Some("REDACTED".into());
        }
        if shown.server.metrics_token.is_some() {
            shown.server.metrics_token = Some("REDACTED".into());
        }
        if shown.secrets.key.is_some() {
            shown.secrets.key = Some("REDACTED".into());
        }
        toml_string(&shown)
    }
}

fn toml_string(config: &Config) -> String {
    match figment::value::Value::serialize(config) {
        Ok(value) => render_toml(&value, ""),
        Err(error) => format!("# cannot show the configuration: {error}\n"),
    }
}

/// A small TOML writer for the figment value tree (tables of scalars, one level deep).
fn render_toml(value: &figment::value::Value, prefix: &str) -> String {
    use figment::value::Value;
    let Value::Dict(_, dict) = value else {
        return String::new();
    };
    let mut scalars = String::new();
    let mut tables = String::new();
    for (key, value) in dict {
        match value {
            Value::Dict(..) => {
                let name = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                tables.push_str(&format!("\n[{name}]\n{}", render_toml(value, &name)));
            }
            Value::String(_, s) => scalars.push_str(&format!("{key} = {s:?}\n")),
            Value::Bool(_, b) => scalars.push_str(&format!("{key} = {b}\n")),
            Value::Num(_, n) => match n.to_u128() {
                Some(n) => scalars.push_str(&format!("{key} = {n}\n")),
                None => scalars.push_str(&format!("{key} = {:?}\n", n.to_f64())),
            },
            Value::Empty(..) => scalars.push_str(&format!("# {key} is unset\n")),
            Value::Array(_, items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Value::String(_, s) => format!("{s:?}"),
                        other => format!("{other:?}"),
                    })
                    .collect();
                scalars.push_str(&format!("{key} = [{}]\n", items.join(", ")));
            }
            other => scalars.push_str(&format!("{key} = {other:?}\n")),
        }
    }
    scalars + &tables
}

/// Which database a URL names.
pub fn database_kind(url: &str) -> Result<&'static str, ConfigError> {
    if url.starts_with("sqlite:") {
        return Ok("sqlite");
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return match Url::parse(url) {
            Ok(parsed) if parsed.host_str().is_some_and(|h| !h.is_empty()) => Ok("postgres"),
            _ => Err(ConfigError::new("database.url", "malformed PostgreSQL URL")),
        };
    }
    Err(ConfigError::new(
        "database.url",
        "must start with sqlite: or postgres://",
    ))
}

/// A URL with its password replaced, for logs and `config check`.
pub fn redact_url(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("REDACTED"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_a_local_http_instance() {
        let config: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(DEFAULT_TOML))
            .extract()
            .unwrap();
        let instance = config.instance_defaults().unwrap();
        assert_eq!(instance.domain, "localhost:8080");
        assert_eq!(instance.base_url.as_str(), "http://localhost:8080/");
        assert!(config.database_url().ends_with("data/rookery.db"));
    }

    #[test]
    fn public_domains_default_to_https() {
        let mut config = Config::default();
        config.instance.domain = "social.example".into();
        let instance = config.instance_defaults().unwrap();
        assert_eq!(instance.base_url.as_str(), "https://social.example/");
    }

    #[test]
    fn bad_domains_and_urls_name_their_key() {
        let mut config = Config::default();
        config.instance.domain = "not a domain/".into();
        assert_eq!(config.validate().unwrap_err().key, "instance.domain");
        let mut config = Config::default();
        config.database.url = Some("mysql://x".into());
        assert_eq!(config.validate().unwrap_err().key, "database.url");
        let mut config = Config::default();
        config.database.url = Some("postgres://".into());
        assert_eq!(config.validate().unwrap_err().key, "database.url");
    }

    #[test]
    fn secrets_are_redacted() {
        let mut config = Config::default();
        config.database.url = Some("postgres://rookery:hunter2@db/rookery".into());
        config.redis.url = Some("redis://:swordfish@cache:6379/0".into());
        config.server.metrics_token = Some("opensesame".into());
        config.mail.smtp_url = Some("smtp://mailer:mailpass@127.0.0.1:25".into());
        let shown = config.redacted_toml();
        for secret in ["hunter2", "swordfish", "opensesame", "mailpass"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(shown.contains("REDACTED"));
        assert!(shown.contains("[instance]"));
    }

    #[test]
    fn trusted_proxies_are_blocks() {
        let mut config = Config::default();
        config.server.trusted_proxies = vec!["10.0.0.0/8".into(), "::1".into()];
        assert_eq!(config.trusted_proxies().unwrap().len(), 2);
        assert!(
            config
                .redacted_toml()
                .contains(r#"trusted_proxies = ["10.0.0.0/8", "::1"]"#)
        );
        config.server.trusted_proxies = vec!["10.0.0.0/99".into()];
        assert_eq!(config.validate().unwrap_err().key, "server.trusted_proxies");
    }

    #[test]
    fn cors_origins_are_bare_origins() {
        let mut config = Config::default();
        config.server.cors_origins = vec![
            "https://app.example/".into(),
            "http://localhost:5173".into(),
        ];
        assert_eq!(
            config.cors_origins().unwrap(),
            ["https://app.example", "http://localhost:5173"]
        );
        for bad in [
            "https://app.example/path",
            "app.example",
            "ftp://app.example",
            "*",
        ] {
            config.server.cors_origins = vec![bad.into()];
            assert_eq!(
                config.validate().unwrap_err().key,
                "server.cors_origins",
                "{bad}"
            );
        }
    }
}
