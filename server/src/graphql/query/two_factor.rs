//! `twoFactor`: which second factors the viewer has on.

use async_graphql::{Context, Object, Result, SimpleObject};
use rookery_domain::service::two_factor;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;

#[derive(Default)]
pub struct TwoFactorQuery;

/// The viewer's second factors.
#[derive(SimpleObject)]
pub struct TwoFactor {
    /// Whether logging in asks for a code of an authenticator app.
    pub totp: bool,
    /// How many unused recovery codes are left.
    pub recovery_codes_left: u64,
}

#[Object]
impl TwoFactorQuery {
    /// The viewer's second factors.
    async fn two_factor(&self, ctx: &Context<'_>) -> Result<TwoFactor> {
        let viewer = ctx.require_viewer()?;
        let state = two_factor::of_viewer(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(TwoFactor {
            totp: state.totp,
            recovery_codes_left: state.recovery_codes_left,
        })
    }
}
