//! `createAnnouncement`, `updateAnnouncement` and `deleteAnnouncement` for those with
//! MANAGE_ANNOUNCEMENTS, and `dismissAnnouncement` for everyone signed in.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::announcements;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::announcement::AnnouncementNode;

#[derive(Default)]
pub struct AnnouncementMutation;

#[derive(InputObject)]
pub struct AnnouncementInput {
    /// 1 to 2,000 characters.
    pub text: String,
    pub starts_at: Option<DateTime<Utc>>,
    /// After startsAt when both are given.
    pub ends_at: Option<DateTime<Utc>>,
    #[graphql(default = true)]
    pub published: bool,
}

impl From<AnnouncementInput> for announcements::AnnouncementInput {
    fn from(input: AnnouncementInput) -> Self {
        Self {
            text: input.text,
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            published: input.published,
        }
    }
}

#[derive(InputObject)]
pub struct CreateAnnouncementInput {
    pub announcement: AnnouncementInput,
}

#[derive(InputObject)]
pub struct UpdateAnnouncementInput {
    pub id: ID,
    pub announcement: AnnouncementInput,
}

#[derive(InputObject)]
pub struct AnnouncementIdInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct AnnouncementPayload {
    pub announcement: AnnouncementNode,
}

#[derive(SimpleObject)]
pub struct DeleteAnnouncementPayload {
    pub deleted_announcement_id: ID,
}

#[Object]
impl AnnouncementMutation {
    /// Creates an announcement (MANAGE_ANNOUNCEMENTS); published, it shows at once to
    /// everyone signed in.
    async fn create_announcement(
        &self,
        ctx: &Context<'_>,
        input: CreateAnnouncementInput,
    ) -> Result<AnnouncementPayload> {
        let viewer = ctx.require_viewer()?;
        let created = announcements::create(&ctx.state().app, viewer, input.announcement.into())
            .await
            .api()?;
        Ok(AnnouncementPayload {
            announcement: AnnouncementNode(created),
        })
    }

    /// Rewrites an announcement (MANAGE_ANNOUNCEMENTS): its text, times and whether it is
    /// published.
    async fn update_announcement(
        &self,
        ctx: &Context<'_>,
        input: UpdateAnnouncementInput,
    ) -> Result<AnnouncementPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::announcement("id", &input.id)?;
        let updated =
            announcements::update(&ctx.state().app, viewer, id, input.announcement.into())
                .await
                .api()?;
        Ok(AnnouncementPayload {
            announcement: AnnouncementNode(updated),
        })
    }

    /// Deletes an announcement (MANAGE_ANNOUNCEMENTS).
    async fn delete_announcement(
        &self,
        ctx: &Context<'_>,
        input: AnnouncementIdInput,
    ) -> Result<DeleteAnnouncementPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::announcement("id", &input.id)?;
        announcements::delete(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(DeleteAnnouncementPayload {
            deleted_announcement_id: input.id,
        })
    }

    /// Marks an announcement read for the viewer.
    async fn dismiss_announcement(
        &self,
        ctx: &Context<'_>,
        input: AnnouncementIdInput,
    ) -> Result<AnnouncementPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::announcement("id", &input.id)?;
        let dismissed = announcements::dismiss(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(AnnouncementPayload {
            announcement: AnnouncementNode(dismissed),
        })
    }
}
