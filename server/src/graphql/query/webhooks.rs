//! `webhooks`: the viewer's webhooks, and for admins the instance-wide ones.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::webhooks;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::webhook::WebhookNode;

#[derive(Default)]
pub struct WebhookQuery;

#[Object]
impl WebhookQuery {
    /// The viewer's webhooks and, for admins, every instance-wide one; oldest first, never
    /// their secrets.
    async fn webhooks(&self, ctx: &Context<'_>) -> Result<Vec<WebhookNode>> {
        let viewer = ctx.require_viewer()?;
        let hooks = webhooks::list(&ctx.state().app.db, viewer).await.api()?;
        Ok(hooks.into_iter().map(WebhookNode).collect())
    }
}
