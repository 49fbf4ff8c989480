//! What every resolver can reach: the shared state and this request's viewer.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::{Context, Result};
use rookery_domain::ids::AccountId;
use rookery_domain::service;
use rookery_domain::types::{Instance, Viewer};

use super::error::{ApiResult, api_error};
use crate::state::AppState;

/// Who is asking, set by the HTTP handler for each request.
#[derive(Debug, Clone, Copy)]
pub struct RequestContext {
    pub viewer: Option<Viewer>,
    pub client_ip: Option<IpAddr>,
}

pub trait ContextExt {
    fn state(&self) -> &AppState;
    fn viewer(&self) -> Option<&Viewer>;
    fn viewer_id(&self) -> Option<AccountId> {
        self.viewer().map(|viewer| viewer.account_id)
    }
    /// The viewer, or UNAUTHENTICATED.
    fn require_viewer(&self) -> Result<&Viewer>;
    /// Refuses with RATE_LIMITED when this client tried to sign up or log in too often.
    fn check_auth_rate(&self) -> Result<()>;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> &AppState {
        self.data_unchecked::<Arc<AppState>>()
    }

    fn viewer(&self) -> Option<&Viewer> {
        self.data_opt::<RequestContext>()
            .and_then(|request| request.viewer.as_ref())
    }

    fn require_viewer(&self) -> Result<&Viewer> {
        self.viewer()
            .ok_or_else(|| api_error(rookery_domain::DomainError::Unauthenticated))
    }

    fn check_auth_rate(&self) -> Result<()> {
        let ip = self
            .data_opt::<RequestContext>()
            .and_then(|request| request.client_ip);
        match ip {
            Some(ip) if self.state().auth_limiter.check_key(&ip).is_err() => {
                Err(api_error(rookery_domain::DomainError::RateLimited))
            }
            _ => Ok(()),
        }
    }
}

/// The instance with its run-time settings applied.
pub async fn instance(ctx: &Context<'_>) -> Result<Instance> {
    let state = ctx.state();
    service::instance::load(&state.db, &state.instance)
        .await
        .api()
}
