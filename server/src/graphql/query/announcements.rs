//! `announcements` for signed-in people, `adminAnnouncements` for those who make them.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::announcements;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::announcement::AnnouncementNode;

#[derive(Default)]
pub struct AnnouncementQuery;

#[Object]
impl AnnouncementQuery {
    /// The announcements shown now to the signed-in viewer (published, started, not
    /// ended), newest first; dismissed ones too, with `read` true.
    async fn announcements(&self, ctx: &Context<'_>) -> Result<Vec<AnnouncementNode>> {
        let viewer = ctx.require_viewer()?;
        let shown = announcements::shown(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(shown.into_iter().map(AnnouncementNode).collect())
    }

    /// Every announcement, drafts and past ones included, newest first. Needs
    /// MANAGE_ANNOUNCEMENTS.
    async fn admin_announcements(&self, ctx: &Context<'_>) -> Result<Vec<AnnouncementNode>> {
        let viewer = ctx.require_viewer()?;
        let all = announcements::all(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(all.into_iter().map(AnnouncementNode).collect())
    }
}
