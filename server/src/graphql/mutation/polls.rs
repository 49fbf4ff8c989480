//! `vote`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::{polls, visibility};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::StatusNode;

#[derive(Default)]
pub struct PollMutation;

#[derive(InputObject)]
pub struct VoteInput {
    /// The status whose poll to vote in (a boost stands for the status boosted).
    pub status_id: ID,
    /// The chosen options' indexes, from 0: one, or several in a multiple-choice poll.
    pub choices: Vec<i64>,
}

#[derive(SimpleObject)]
pub struct VotePayload {
    /// The status voted on, with its poll as it is now.
    pub status: StatusNode,
}

#[Object]
impl PollMutation {
    /// Votes in the poll of a status the viewer may see; not in one's own poll, nor in an
    /// ended one, nor twice.
    async fn vote(&self, ctx: &Context<'_>, input: VoteInput) -> Result<VotePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let state = ctx.state();
        let poll = polls::vote(&state.app, viewer, id, &input.choices)
            .await
            .api()?;
        let status = visibility::get(&state.app.db, Some(viewer.account_id), poll.poll.status_id)
            .await
            .api()?;
        Ok(VotePayload {
            status: StatusNode(status),
        })
    }
}
