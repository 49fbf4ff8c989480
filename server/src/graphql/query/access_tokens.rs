//! `accessTokens`: the viewer's personal access tokens.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::access_tokens;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::access_token::AccessTokenNode;

#[derive(Default)]
pub struct AccessTokenQuery;

#[Object]
impl AccessTokenQuery {
    /// The viewer's personal access tokens, newest first; never their secrets.
    async fn access_tokens(&self, ctx: &Context<'_>) -> Result<Vec<AccessTokenNode>> {
        let viewer = ctx.require_viewer()?;
        let tokens = access_tokens::list(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(tokens.into_iter().map(AccessTokenNode).collect())
    }
}
