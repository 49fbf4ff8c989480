//! `lists`, `list` and `listTimeline`.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service::lists;

use crate::graphql::connection::page_request;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::list::ListNode;
use crate::graphql::types::{StatusNode, status_connection};

#[derive(Default)]
pub struct ListQuery;

#[Object]
impl ListQuery {
    /// The viewer's lists, by title.
    async fn lists(&self, ctx: &Context<'_>) -> Result<Vec<ListNode>> {
        let viewer = ctx.require_viewer()?;
        let all = lists::all(&ctx.state().app.db, viewer).await.api()?;
        Ok(all.into_iter().map(ListNode).collect())
    }

    async fn list(&self, ctx: &Context<'_>, id: ID) -> Result<ListNode> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("id", &id)?;
        Ok(ListNode(
            lists::get(&ctx.state().app.db, viewer, id).await.api()?,
        ))
    }

    /// Statuses of the list's accounts (and their replies to one another), newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn list_timeline(
        &self,
        ctx: &Context<'_>,
        id: ID,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, StatusNode>> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("id", &id)?;
        let page = page_request(first, after, last, before)?;
        let page = lists::timeline(&ctx.state().app.db, viewer, id, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }
}
