//! `follow`, `unfollow`, `acceptFollowRequest`, `rejectFollowRequest`, `block`, `unblock`,
//! `mute`, `unmute`, `blockDomain`, `unblockDomain`, `followTag`, `unfollowTag`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::{account_domain_blocks, blocks, follows, mutes, tags};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::account::RelationshipValue;
use crate::graphql::types::{AccountNode, TagNode};

#[derive(Default)]
pub struct FollowMutation;

#[derive(InputObject)]
pub struct FollowInput {
    pub account_id: ID,
}

#[derive(InputObject)]
pub struct UnfollowInput {
    pub account_id: ID,
}

#[derive(SimpleObject)]
pub struct FollowPayload {
    pub account: AccountNode,
    /// `requested` when the account is locked and must answer first.
    pub relationship: RelationshipValue,
}

#[derive(InputObject)]
pub struct BlockInput {
    pub account_id: ID,
}

#[derive(SimpleObject)]
pub struct BlockPayload {
    pub account: AccountNode,
}

#[derive(InputObject)]
pub struct MuteInput {
    pub account_id: ID,
    /// Mute its notifications too.
    #[graphql(default = true)]
    pub notifications: bool,
    /// End the mute after this many seconds (at most a year); unset, it lasts until
    /// `unmute`.
    pub duration_seconds: Option<i64>,
}

#[derive(InputObject)]
pub struct UnmuteInput {
    pub account_id: ID,
}

#[derive(SimpleObject)]
pub struct MutePayload {
    pub account: AccountNode,
}

#[derive(InputObject)]
pub struct DomainBlockInput {
    /// A server's domain, such as `example.social`.
    pub domain: String,
}

#[derive(SimpleObject)]
pub struct BlockDomainPayload {
    /// The domain as it is kept.
    pub domain: String,
}

#[derive(InputObject)]
pub struct TagInput {
    /// A hashtag, with or without `#`.
    pub tag: String,
}

#[derive(SimpleObject)]
pub struct TagPayload {
    pub tag: TagNode,
}

#[derive(InputObject)]
pub struct AcceptFollowRequestInput {
    /// The account that asked to follow.
    pub account_id: ID,
}

#[derive(InputObject)]
pub struct RejectFollowRequestInput {
    /// The account that asked to follow.
    pub account_id: ID,
}

#[derive(SimpleObject)]
pub struct AcceptFollowRequestPayload {
    /// The new follower.
    pub account: AccountNode,
}

#[derive(SimpleObject)]
pub struct RejectFollowRequestPayload {
    pub account: AccountNode,
}

#[Object]
impl FollowMutation {
    /// Blocks an account: follows between you end, what each was told of the other and your
    /// conversations with each other go, and neither sees the other's statuses or hears of
    /// the other until you unblock it.
    async fn block(&self, ctx: &Context<'_>, input: BlockInput) -> Result<BlockPayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let account = blocks::block(&ctx.state().app, viewer, target)
            .await
            .api()?;
        Ok(BlockPayload {
            account: AccountNode(account),
        })
    }

    async fn unblock(&self, ctx: &Context<'_>, input: BlockInput) -> Result<BlockPayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let account = blocks::unblock(&ctx.state().app, viewer, target)
            .await
            .api()?;
        Ok(BlockPayload {
            account: AccountNode(account),
        })
    }

    /// Mutes an account: its statuses and boosts leave your home and public timelines, and
    /// (with `notifications`) you no longer hear of it. It is not told.
    async fn mute(&self, ctx: &Context<'_>, input: MuteInput) -> Result<MutePayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let account = mutes::mute(
            &ctx.state().app.db,
            viewer,
            target,
            input.notifications,
            input.duration_seconds,
        )
        .await
        .api()?;
        Ok(MutePayload {
            account: AccountNode(account),
        })
    }

    async fn unmute(&self, ctx: &Context<'_>, input: UnmuteInput) -> Result<MutePayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let account = mutes::unmute(&ctx.state().app.db, viewer, target)
            .await
            .api()?;
        Ok(MutePayload {
            account: AccountNode(account),
        })
    }

    /// Blocks a whole server (not this one) for the viewer: its accounts' statuses leave the
    /// viewer's timelines, their notifications and conversations with the viewer go, and
    /// those following the viewer no longer do.
    async fn block_domain(
        &self,
        ctx: &Context<'_>,
        input: DomainBlockInput,
    ) -> Result<BlockDomainPayload> {
        let viewer = ctx.require_viewer()?;
        let state = ctx.state();
        let domain = account_domain_blocks::block(
            &state.app.db,
            state.app.instance(),
            viewer,
            &input.domain,
        )
        .await
        .api()?;
        Ok(BlockDomainPayload { domain })
    }

    async fn unblock_domain(
        &self,
        ctx: &Context<'_>,
        input: DomainBlockInput,
    ) -> Result<BlockDomainPayload> {
        let viewer = ctx.require_viewer()?;
        let domain = account_domain_blocks::unblock(&ctx.state().app.db, viewer, &input.domain)
            .await
            .api()?;
        Ok(BlockDomainPayload { domain })
    }

    /// Follows a hashtag: public statuses carrying it reach the viewer's home timeline.
    async fn follow_tag(&self, ctx: &Context<'_>, input: TagInput) -> Result<TagPayload> {
        let viewer = ctx.require_viewer()?;
        let tag = tags::follow(&ctx.state().app.db, viewer, &input.tag)
            .await
            .api()?;
        Ok(TagPayload { tag: TagNode(tag) })
    }

    async fn unfollow_tag(&self, ctx: &Context<'_>, input: TagInput) -> Result<TagPayload> {
        let viewer = ctx.require_viewer()?;
        let tag = tags::unfollow(&ctx.state().app.db, viewer, &input.tag)
            .await
            .api()?;
        Ok(TagPayload { tag: TagNode(tag) })
    }

    /// Follows an account, or asks to when it is locked.
    async fn follow(&self, ctx: &Context<'_>, input: FollowInput) -> Result<FollowPayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let (account, relationship) = follows::follow(&ctx.state().app, viewer, target)
            .await
            .api()?;
        Ok(FollowPayload {
            account: AccountNode(account),
            relationship: relationship.into(),
        })
    }

    /// Stops following an account, or withdraws a waiting request.
    async fn unfollow(&self, ctx: &Context<'_>, input: UnfollowInput) -> Result<FollowPayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let (account, relationship) = follows::unfollow(&ctx.state().app, viewer, target)
            .await
            .api()?;
        Ok(FollowPayload {
            account: AccountNode(account),
            relationship: relationship.into(),
        })
    }

    async fn accept_follow_request(
        &self,
        ctx: &Context<'_>,
        input: AcceptFollowRequestInput,
    ) -> Result<AcceptFollowRequestPayload> {
        let viewer = ctx.require_viewer()?;
        let requester = ids::account("accountId", &input.account_id)?;
        let account = follows::accept(&ctx.state().app, viewer, requester)
            .await
            .api()?;
        Ok(AcceptFollowRequestPayload {
            account: AccountNode(account),
        })
    }

    async fn reject_follow_request(
        &self,
        ctx: &Context<'_>,
        input: RejectFollowRequestInput,
    ) -> Result<RejectFollowRequestPayload> {
        let viewer = ctx.require_viewer()?;
        let requester = ids::account("accountId", &input.account_id)?;
        let account = follows::reject(&ctx.state().app, viewer, requester)
            .await
            .api()?;
        Ok(RejectFollowRequestPayload {
            account: AccountNode(account),
        })
    }
}
