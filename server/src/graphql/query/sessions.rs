//! `sessions`: where the viewer is logged in.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::auth;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::session::SessionNode;

#[derive(Default)]
pub struct SessionQuery;

#[Object]
impl SessionQuery {
    /// The viewer's log-in sessions (the web client's and every `login` token), the latest
    /// used first; personal access tokens are listed by `accessTokens`.
    async fn sessions(&self, ctx: &Context<'_>) -> Result<Vec<SessionNode>> {
        let viewer = ctx.require_viewer()?;
        let sessions = auth::sessions(&ctx.state().app.db, viewer).await.api()?;
        Ok(sessions.into_iter().map(SessionNode).collect())
    }
}
