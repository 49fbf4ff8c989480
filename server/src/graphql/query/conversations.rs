//! `conversations`.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object, Result};
use rookery_domain::service::conversations;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::conversation::ConversationNode;

#[derive(Default)]
pub struct ConversationQuery;

#[Object]
impl ConversationQuery {
    /// The viewer's conversations (direct statuses by thread), the latest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn conversations(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, ConversationNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = conversations::page(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        Ok(connection(page, ConversationNode))
    }

    /// How many of the viewer's conversations are unread.
    async fn unread_conversation_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let viewer = ctx.require_viewer()?;
        conversations::unread_count(&ctx.state().app.db, viewer)
            .await
            .api()
    }
}
