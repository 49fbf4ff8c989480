//! `status`, `thread` and `statusPreview`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::StatusNode;
use crate::graphql::types::status::Thread;

#[derive(Default)]
pub struct StatusQuery;

#[Object]
impl StatusQuery {
    /// A status the viewer may see.
    async fn status(&self, ctx: &Context<'_>, id: ID) -> Result<StatusNode> {
        let id = ids::status("id", &id)?;
        let status = service::visibility::get(&ctx.state().app.db, ctx.viewer_id(), id)
            .await
            .api()?;
        Ok(StatusNode(status))
    }

    /// A status with the statuses above and below it in its conversation.
    #[graphql(complexity = "crate::graphql::limits::THREAD_ITEMS * child_complexity")]
    async fn thread(&self, ctx: &Context<'_>, status_id: ID) -> Result<Thread> {
        let id = ids::status("statusId", &status_id)?;
        let thread = service::statuses::thread(&ctx.state().app.db, ctx.viewer_id(), id)
            .await
            .api()?;
        Ok(Thread {
            ancestors: thread.ancestors.into_iter().map(StatusNode).collect(),
            status: StatusNode(thread.status),
            descendants: thread.descendants.into_iter().map(StatusNode).collect(),
        })
    }

    /// The HTML `createStatus` would make of `text` (Markdown, with its links, hashtags and
    /// mentions of accounts this instance knows): what the composer's preview shows. Text
    /// over the instance's length limit is refused with VALIDATION, as posting it would be.
    async fn status_preview(&self, ctx: &Context<'_>, text: String) -> Result<String> {
        ctx.require_viewer()?;
        service::statuses::preview(&ctx.state().app, &text)
            .await
            .api()
    }
}
