//! `createWebhook`, `deleteWebhook`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::webhooks::{self, NewWebhook};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::webhook::{WebhookEventValue, WebhookNode};

#[derive(Default)]
pub struct WebhookMutation;

#[derive(InputObject)]
pub struct CreateWebhookInput {
    /// Where events are POSTed (http or https).
    pub url: String,
    pub events: Vec<WebhookEventValue>,
    /// Told of every local status, new accounts and reports; admins only.
    #[graphql(default = false)]
    pub instance_wide: bool,
}

#[derive(SimpleObject)]
pub struct CreateWebhookPayload {
    pub webhook: WebhookNode,
    /// The HMAC key deliveries are signed with. Shown this once; it cannot be read again.
    pub secret: String,
}

#[derive(InputObject)]
pub struct DeleteWebhookInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DeleteWebhookPayload {
    pub deleted_webhook_id: ID,
}

#[Object]
impl WebhookMutation {
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        input: CreateWebhookInput,
    ) -> Result<CreateWebhookPayload> {
        let viewer = ctx.require_viewer()?;
        let new = NewWebhook {
            url: input.url,
            events: input.events.into_iter().map(Into::into).collect(),
            instance_wide: input.instance_wide,
        };
        let created = webhooks::create(&ctx.state().app.db, viewer, new)
            .await
            .api()?;
        Ok(CreateWebhookPayload {
            webhook: WebhookNode(created.webhook),
            secret: created.secret,
        })
    }

    async fn delete_webhook(
        &self,
        ctx: &Context<'_>,
        input: DeleteWebhookInput,
    ) -> Result<DeleteWebhookPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::webhook("id", &input.id)?;
        webhooks::delete(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(DeleteWebhookPayload {
            deleted_webhook_id: input.id,
        })
    }
}
