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
use crate::auth_limits::AuthKey;
use crate::http::client::limit_key;
use crate::state::AppState;

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

/// Refuses with RATE_LIMITED when this client, or anyone for `username` (an account, or
/// the token of a link or challenge), tried to sign up, log in, reset a password or give a
/// second factor too often.
pub async fn check_auth_rate(ctx: &Context<'_>, username: &str) -> Result<()> {
    check_client_auth_rate(ctx.state(), ctx.client_ip(), username)
        .await
        .map_err(api_error)
}

/// [`check_auth_rate`] for `client_ip`; every way of logging in (GraphQL, the web client's
/// session) spends the same budget, in every process where Redis is configured.
pub async fn check_client_auth_rate(
    state: &AppState,
    client_ip: Option<IpAddr>,
    username: &str,
) -> Result<(), DomainError> {
    // The address first: a client over its budget spends nothing of the account's.
    let address = client_ip.map(|ip| AuthKey::Address(limit_key(ip)));
    let keys: Vec<AuthKey> = address
        .into_iter()
        .chain([AuthKey::Account(username.trim().to_lowercase())])
        .collect();
    if state.auth_limiter.allow(&keys).await {
        Ok(())
    } else {
        Err(DomainError::RateLimited)
    }
}

/// The instance with its run-time settings applied.
pub async fn instance(ctx: &Context<'_>) -> Result<Instance> {
    let state = ctx.state();
    service::instance::load(&state.app.db, state.app.instance())
        .await
        .api()
}
