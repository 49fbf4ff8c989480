//! What every resolver can reach: the shared state and this request's viewer.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::{Context, Result};
use rookery_domain::DomainError;
use rookery_domain::ids::AccountId;
use rookery_domain::service;
use rookery_domain::types::{Instance, Viewer};

use super::error::{ApiResult, api_error};
use super::loaders::Loaders;
use crate::http::client::limit_key;
use crate::state::{AppState, AuthKey};

/// Keys the sign-up and log-in limiter holds before it drops those of past minutes.
const MAX_AUTH_KEYS: usize = 100_000;

/// Who is asking, set by the HTTP handler for each request.
#[derive(Debug, Clone, Copy)]
pub struct RequestContext {
    pub viewer: Option<Viewer>,
    pub client_ip: Option<IpAddr>,
}

pub trait ContextExt {
    fn state(&self) -> &AppState;
    /// The request's loaders; every entry point (HTTP and the live socket) gives them.
    fn loaders(&self) -> &Loaders;
    fn viewer(&self) -> Option<&Viewer>;
    fn viewer_id(&self) -> Option<AccountId> {
        self.viewer().map(|viewer| viewer.account_id)
    }
    /// The viewer, or UNAUTHENTICATED.
    fn require_viewer(&self) -> Result<&Viewer>;
    /// The client's address, as the request's proxy settings let it be read.
    fn client_ip(&self) -> Option<IpAddr>;
    /// Refuses with RATE_LIMITED when this client, or anyone for `username`, tried to
    /// sign up or log in too often.
    fn check_auth_rate(&self, username: &str) -> Result<()>;
    /// Refuses with RATE_LIMITED when the viewer asked other servers for accounts and
    /// objects too often; UNAUTHENTICATED without a viewer.
    fn check_lookup_rate(&self) -> Result<&Viewer>;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> &AppState {
        self.data_unchecked::<Arc<AppState>>()
    }

    fn loaders(&self) -> &Loaders {
        self.data_unchecked::<Loaders>()
    }

    fn viewer(&self) -> Option<&Viewer> {
        self.data_opt::<RequestContext>()
            .and_then(|request| request.viewer.as_ref())
    }

    fn require_viewer(&self) -> Result<&Viewer> {
        self.viewer()
            .ok_or_else(|| api_error(rookery_domain::DomainError::Unauthenticated))
    }

    fn client_ip(&self) -> Option<IpAddr> {
        self.data_opt::<RequestContext>()
            .and_then(|request| request.client_ip)
    }

    fn check_auth_rate(&self, username: &str) -> Result<()> {
        check_auth_rate(self.state(), self.client_ip(), username).map_err(api_error)
    }

    fn check_lookup_rate(&self) -> Result<&Viewer> {
        let viewer = self.require_viewer()?;
        if self
            .state()
            .lookup_limiter
            .check_key(&viewer.account_id)
            .is_err()
        {
            return Err(api_error(rookery_domain::DomainError::RateLimited));
        }
        Ok(viewer)
    }
}

/// Refuses with RATE_LIMITED when `client_ip`, or anyone for `username`, tried to sign up
/// or log in too often; every way of logging in (GraphQL, the web client's session) spends
/// the same budget.
pub fn check_auth_rate(
    state: &AppState,
    client_ip: Option<IpAddr>,
    username: &str,
) -> Result<(), DomainError> {
    let limiter = &state.auth_limiter;
    // Keys of the past minute are enough; forget older ones before they pile up.
    if limiter.len() > MAX_AUTH_KEYS {
        limiter.retain_recent();
    }
    let address = client_ip.map(|ip| AuthKey::Address(limit_key(ip)));
    let account = AuthKey::Account(username.trim().to_lowercase());
    let limited = address
        .iter()
        .chain([&account])
        .any(|key| limiter.check_key(key).is_err());
    if limited {
        return Err(DomainError::RateLimited);
    }
    Ok(())
}

/// The instance with its run-time settings applied.
pub async fn instance(ctx: &Context<'_>) -> Result<Instance> {
    let state = ctx.state();
    service::instance::load(&state.app.db, state.app.instance())
        .await
        .api()
}
