//! `notifications`, `unreadNotificationCount`, and for moderators `reports` and `report`.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, InputObject, Object, Result};
use rookery_domain::service::{notifications, reports};
use rookery_domain::types::{NotificationFilter, NotificationKind};

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::moderation::NotificationTypeValue;
use crate::graphql::types::{NotificationNode, ReportNode};

#[derive(Default)]
pub struct ModerationQuery;

/// Which notifications to list.
#[derive(InputObject, Default)]
pub struct NotificationFilterInput {
    /// Only these types; all when unset or empty.
    #[graphql(default)]
    pub types: Vec<NotificationTypeValue>,
    /// None of these types.
    #[graphql(default)]
    pub exclude_types: Vec<NotificationTypeValue>,
}

impl From<NotificationFilterInput> for NotificationFilter {
    fn from(input: NotificationFilterInput) -> Self {
        let kinds = |values: Vec<NotificationTypeValue>| {
            values.into_iter().map(NotificationKind::from).collect()
        };
        Self {
            types: kinds(input.types),
            exclude: kinds(input.exclude_types),
        }
    }
}

#[Object]
impl ModerationQuery {
    /// The viewer's notifications, newest first; `filter` picks types.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        filter: Option<NotificationFilterInput>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, NotificationNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let filter = filter.map(NotificationFilter::from).unwrap_or_default();
        let page = notifications::page(&ctx.state().app.db, viewer, &filter, &page)
            .await
            .api()?;
        Ok(connection(page, NotificationNode))
    }

    /// How many of the notifications `notifications` shows the viewer are unread, counted
    /// among the newest 1,000 unread.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let viewer = ctx.require_viewer()?;
        notifications::unread_count(&ctx.state().app.db, viewer)
            .await
            .api()
    }

    /// The newest reports, open (or resolved). Moderators only.
    async fn reports(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] resolved: bool,
    ) -> Result<Vec<ReportNode>> {
        let viewer = ctx.require_viewer()?;
        let found = reports::list(&ctx.state().app.db, viewer, resolved)
            .await
            .api()?;
        Ok(found.into_iter().map(ReportNode).collect())
    }

    /// One report. Moderators only.
    async fn report(&self, ctx: &Context<'_>, id: ID) -> Result<ReportNode> {
        let viewer = ctx.require_viewer()?;
        let id = ids::report("id", &id)?;
        reports::get(&ctx.state().app.db, viewer, id)
            .await
            .api()
            .map(ReportNode)
    }
}
