//! `myNotes`: the viewer's own statuses of every visibility, filtered.

use async_graphql::connection::Connection;
use async_graphql::{Context, InputObject, Object, Result};
use rookery_domain::service::notes;
use rookery_domain::types::NoteFilter;

use crate::graphql::connection::page_request;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::{StatusNode, status_connection};

#[derive(Default)]
pub struct NoteQuery;

/// Which of one's notes to list; a field left out lets every note through, but `archived`,
/// which is false unless given (null: archived or not).
#[derive(InputObject)]
pub struct NoteFilterInput {
    /// A hashtag, with or without `#`, in any case.
    pub tag: Option<String>,
    /// Pinned ones (true) or the others (false).
    pub pinned: Option<bool>,
    /// Archived ones (true) or the others (false, the default).
    #[graphql(default_with = "Some(false)")]
    pub archived: Option<bool>,
    /// Text the source holds, in any case.
    pub text: Option<String>,
}

fn note_filter(input: Option<NoteFilterInput>) -> NoteFilter {
    match input {
        Some(input) => NoteFilter {
            tag: input.tag,
            pinned: input.pinned,
            archived: input.archived,
            text: input.text,
        },
        None => NoteFilter {
            archived: Some(false),
            ..NoteFilter::default()
        },
    }
}

#[Object]
impl NoteQuery {
    /// The viewer's own statuses of every visibility (boosts left out), newest first; by
    /// default the archived ones are left out.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn my_notes(
        &self,
        ctx: &Context<'_>,
        filter: Option<NoteFilterInput>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Connection<String, StatusNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let filter = note_filter(filter);
        let page = notes::page(&ctx.state().app.db, viewer, &filter, &page)
            .await
            .api()?;
        status_connection(ctx, page).await
    }
}
