//! `mediaAttachment`: one of the viewer's uploads, to follow its processing.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service::media;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::MediaNode;

#[derive(Default)]
pub struct MediaQuery;

#[Object]
impl MediaQuery {
    /// One of the viewer's own uploads, posted or not.
    async fn media_attachment(&self, ctx: &Context<'_>, id: ID) -> Result<MediaNode> {
        let viewer = ctx.require_viewer()?;
        let id = ids::media("id", &id)?;
        let found = media::own(&ctx.state().app.db, viewer, id).await.api()?;
        Ok(MediaNode(found))
    }
}
