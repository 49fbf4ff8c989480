//! The state shared by every request.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rookery_domain::ids::AccountId;
use rookery_domain::ports::MailServers;
use rookery_domain::service::App;
use rookery_domain::service::media::MediaServices;
use rookery_federation::context::{Federation, FederationData};
use rookery_federation::fetch::Fetcher;

use crate::auth_limits::AuthLimiter;
use crate::graphql::limits::DocumentLimits;
use crate::graphql::loaders::SharedReads;
use crate::http::client::Cidr;
use crate::http::live_limits::{LiveConnections, LiveLimits};
use crate::http::web_client::WebClient;
use crate::live::LiveHub;

pub struct AppState {
    /// The database and the outbox, shared with the federation context and the workers;
    /// its instance is the configured one, run-time settings are applied per use.
    pub app: App,
    /// Sign-up, log-in, reset and two-factor attempts per client address and per account.
    pub auth_limiter: AuthLimiter,
    /// How long GraphQL loaders gather keys into one batch.
    pub batch_window: Duration,
    /// Fetches remote documents within the federation policy.
    pub fetcher: Fetcher,
    /// The bearer token `/metrics` asks for; unset, metrics are not served.
    pub metrics_token: Option<String>,
    /// Secure mode: ActivityPub documents are served to signed requests only.
    pub authorized_fetch: bool,
    /// What receiving and resolving remote objects needs, with what inboxes remember
    /// between requests (signers, the block list, tag ids).
    pub federation: Federation,
    /// Where media is kept, and its limits.
    pub media: MediaServices,
    /// Where the media store serves files itself; `/media/…` redirects there when set.
    pub media_public_url: Option<String>,
    /// The live subscriptions of this process.
    pub live: Arc<LiveHub>,
    /// What its live connections read together.
    pub live_reads: SharedReads,
    /// What one GraphQL document may hold.
    pub document_limits: DocumentLimits,
    /// What live connections may hold.
    pub live_limits: LiveLimits,
    /// The open live connections, by account and address.
    pub live_connections: LiveConnections,
    /// Remote lookups (`resolveAccount`, `resolveObject`, `search`) per account.
    pub lookup_limiter: DefaultKeyedRateLimiter<AccountId>,
    /// The proxies whose forwarding headers name the client.
    pub trusted_proxies: Vec<Cidr>,
    /// Origins of web clients elsewhere that may call `/graphql` (CORS).
    pub cors_origins: Vec<String>,
    /// Where the web client's files come from.
    pub web_client: WebClient,
    /// Where sign-ups look up their email domain's mail servers; unset, only the domain
    /// itself is held against email domain blocks.
    pub mail_servers: Option<Arc<dyn MailServers>>,
}

/// Remote lookups an account may ask for per minute unless configured.
pub const DEFAULT_LOOKUPS_PER_MINUTE: u32 = 30;

/// A limiter of `per_minute` remote lookups per account.
pub fn lookup_limiter(per_minute: u32) -> DefaultKeyedRateLimiter<AccountId> {
    RateLimiter::keyed(Quota::per_minute(
        NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN),
    ))
}

impl AppState {
    /// What receiving and resolving remote objects needs, for one request.
    pub fn federation(&self) -> FederationData {
        self.federation.data()
    }

    pub fn new(
        auth_attempts_per_minute: u32,
        batch_window: Duration,
        federation: Federation,
        media: MediaServices,
    ) -> Self {
        let (app, fetcher) = {
            let context = federation.data();
            (context.app.clone(), context.fetcher.clone())
        };
        let live = LiveHub::start(app.db.clone(), app.outbox.events().as_ref());
        let live_reads = SharedReads::new(&app.db, batch_window);
        Self {
            app,
            auth_limiter: AuthLimiter::local(auth_attempts_per_minute),
            batch_window,
            fetcher,
            metrics_token: None,
            authorized_fetch: false,
            federation,
            media,
            media_public_url: None,
            live,
            live_reads,
            document_limits: DocumentLimits::default(),
            live_limits: LiveLimits::default(),
            live_connections: LiveConnections::default(),
            trusted_proxies: Vec::new(),
            cors_origins: Vec::new(),
            web_client: WebClient::bundled(),
            lookup_limiter: lookup_limiter(DEFAULT_LOOKUPS_PER_MINUTE),
            mail_servers: None,
        }
    }
}
