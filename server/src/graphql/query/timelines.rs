//! Timelines: home, local, public, hashtag, one account's statuses, and the viewer's
//! bookmarks and favourites; the hashtags the viewer follows.

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service::{bookmarks, favourites, tags, timelines};
use rookery_domain::types::AccountStatusesFilter;

use crate::graphql::connection::page_request;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::{StatusNode, TagNode, status_connection};

#[derive(Default)]
pub struct TimelineQuery;

type Statuses = Connection<String, StatusNode>;

#[Object]
impl TimelineQuery {
    /// The viewer's statuses and those of the accounts it follows, newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn home_timeline(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = timelines::home(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }

    /// Public statuses carrying a hashtag (given with or without `#`), and for this
    /// instance's signed-in accounts its local ones too, newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn hashtag_timeline(
        &self,
        ctx: &Context<'_>,
        tag: String,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let page = page_request(first, after, last, before)?;
        let page = tags::timeline(&ctx.state().app.db, ctx.viewer_id(), &tag, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }

    /// The hashtags the viewer follows, alphabetically; their public statuses reach its
    /// home timeline.
    async fn followed_tags(&self, ctx: &Context<'_>) -> Result<Vec<TagNode>> {
        let viewer = ctx.require_viewer()?;
        let names = tags::followed(&ctx.state().app.db, viewer).await.api()?;
        Ok(names.into_iter().map(TagNode).collect())
    }

    /// The hashtag named `name` (with or without `#`, in any case), whether or not any
    /// status carries it yet.
    async fn tag(&self, name: String) -> Result<TagNode> {
        Ok(TagNode(rookery_domain::content::name_of(&name).api()?))
    }

    /// The viewer's bookmarks, the latest bookmarked first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn bookmarks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = bookmarks::page(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }

    /// Public statuses from this instance, and for its signed-in accounts the local ones
    /// too, newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn local_timeline(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let page = page_request(first, after, last, before)?;
        let page = timelines::public(&ctx.state().app.db, ctx.viewer_id(), true, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }

    /// Public statuses from everywhere this instance knows, and for this instance's
    /// signed-in accounts its local ones too, newest first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn public_timeline(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let page = page_request(first, after, last, before)?;
        let page = timelines::public(&ctx.state().app.db, ctx.viewer_id(), false, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }

    /// One account's statuses that the viewer may see, newest first, as narrowed:
    /// `excludeReplies` leaves out its replies to others (its replies to itself, threads,
    /// stay), `excludeReblogs` its boosts, `onlyMedia` keeps those with attachments and
    /// `tagged` those carrying that hashtag. With `pinnedFirst`, its pinned statuses that
    /// the viewer may see (and the options let through) come first, the latest pinned
    /// first, and appear nowhere else: the first page (no `after`) starts with them, and
    /// they count towards its `first`; from any edge's cursor, `after` goes on through the
    /// pins after it, then the other statuses from the newest, and `before` back.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    // Each argument is one of the field's, as Mastodon's query parameters are.
    #[allow(clippy::too_many_arguments)]
    async fn account_statuses(
        &self,
        ctx: &Context<'_>,
        account_id: ID,
        exclude_replies: Option<bool>,
        exclude_reblogs: Option<bool>,
        only_media: Option<bool>,
        tagged: Option<String>,
        pinned_first: Option<bool>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let account = ids::account("accountId", &account_id)?;
        let page = page_request(first, after, last, before)?;
        let filter = AccountStatusesFilter {
            exclude_replies: exclude_replies.unwrap_or(false),
            exclude_reblogs: exclude_reblogs.unwrap_or(false),
            only_media: only_media.unwrap_or(false),
            tagged,
            pinned_first: pinned_first.unwrap_or(false),
        };
        let page = timelines::account_statuses(
            &ctx.state().app.db,
            ctx.viewer_id(),
            account,
            &filter,
            &page,
        )
        .await
        .api()?;
        status_connection(ctx, page).await
    }

    /// The statuses the viewer favourited, the latest favourited first, as far as it may
    /// still see them; pages go by the favourite.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn favourites(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Statuses> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = favourites::page(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }
}
