//! `Announcement`: an instance-wide message, as a signed-in person sees it.

use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::service::announcements::SeenAnnouncement;
use rookery_domain::service::text;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

pub struct AnnouncementNode(pub SeenAnnouncement);

/// An instance-wide message to signed-in people.
#[Object(name = "Announcement")]
impl AnnouncementNode {
    async fn id(&self) -> ID {
        ids::encode(ids::ANNOUNCEMENT, self.0.announcement.id.0)
    }

    /// The text as written: Markdown, as statuses are written.
    async fn text(&self) -> &str {
        &self.0.announcement.text
    }

    /// The text as safe HTML: paragraphs, line breaks, links.
    async fn html(&self, ctx: &Context<'_>) -> Result<String> {
        let app = &ctx.state().app;
        let rendered = text::render(&app.db, app.instance(), &self.0.announcement.text)
            .await
            .api()?;
        Ok(rendered.html)
    }

    /// Shown from then on; null: at once.
    async fn starts_at(&self) -> Option<DateTime<Utc>> {
        self.0.announcement.starts_at
    }

    /// Shown until then; null: until taken down.
    async fn ends_at(&self) -> Option<DateTime<Utc>> {
        self.0.announcement.ends_at
    }

    /// False for a draft, which nobody but administrators sees.
    async fn published(&self) -> bool {
        self.0.announcement.published
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.announcement.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.announcement.updated_at
    }

    /// Whether the viewer dismissed it.
    async fn read(&self) -> bool {
        self.0.read
    }
}
