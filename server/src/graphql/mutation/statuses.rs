//! `createStatus`, `deleteStatus`, `favourite`, `unfavourite`, `reblog`, `unreblog`,
//! `bookmark`, `unbookmark`, `pin`, `unpin`, `archiveStatus`, `unarchiveStatus`,
//! `revokeQuote`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::policies::PolicyChoice;
use rookery_domain::service::{
    bookmarks, favourites, mutes, notes, pins, polls, quotes, reblogs, statuses, visibility,
};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::{AudienceValue, StatusNode, VisibilityValue};

#[derive(Default)]
pub struct StatusMutation;

#[derive(InputObject)]
pub struct CreateStatusInput {
    /// Markdown; @mentions, #hashtags and links are linked.
    pub text: String,
    /// Shown in place of the text until the reader opens it.
    pub content_warning: Option<String>,
    #[graphql(default = false)]
    pub sensitive: bool,
    #[graphql(default_with = "VisibilityValue::Public")]
    pub visibility: VisibilityValue,
    /// The status it replies to (a boost stands for the status boosted).
    pub in_reply_to_id: Option<ID>,
    /// A language tag such as `en` or `pt-BR`.
    pub language: Option<String>,
    /// One's own processed uploads (`uploadMedia`), in the order shown; the text may then
    /// be empty.
    #[graphql(default)]
    pub media_ids: Vec<ID>,
    /// A poll; a status has either a poll or media.
    pub poll: Option<PollInput>,
    /// The status it quotes (a boost stands for the status boosted): one the viewer may
    /// see and whose policy lets it quote. A quote needs text, and has no poll.
    pub quote_of_id: Option<ID>,
    /// Who may quote it; anyone when left out. Only public and unlisted statuses are ever
    /// quoted.
    pub quote_policy: Option<AudienceValue>,
    /// Who may reply to it; anyone when left out. Those it mentions always may.
    pub reply_policy: Option<AudienceValue>,
    /// Who may boost it; anyone when left out. Only public and unlisted statuses are ever
    /// boosted.
    pub boost_policy: Option<AudienceValue>,
}

fn policy_choice(
    quote: Option<AudienceValue>,
    reply: Option<AudienceValue>,
    boost: Option<AudienceValue>,
) -> PolicyChoice {
    PolicyChoice {
        quote: quote.map(Into::into),
        reply: reply.map(Into::into),
        boost: boost.map(Into::into),
    }
}

/// A poll as its author writes it.
#[derive(InputObject)]
pub struct PollInput {
    /// 2 to 4 choices of at most 50 characters each, all different.
    pub options: Vec<String>,
    /// Whether a voter may pick several options.
    #[graphql(default = false)]
    pub multiple: bool,
    /// How long it runs: 5 minutes to 30 days.
    pub expires_in_seconds: i32,
}

/// The text is always given; the other fields stay as they are when left out.
#[derive(InputObject)]
pub struct EditStatusInput {
    pub id: ID,
    /// Markdown.
    pub text: String,
    pub content_warning: Option<String>,
    pub sensitive: Option<bool>,
    pub language: Option<String>,
    /// The attachments to show, in order: the status's own and the viewer's processed
    /// uploads not posted yet. Left out, they stay as they are; an empty list removes them.
    pub media_ids: Option<Vec<ID>>,
    /// Who may quote it from now on (stamps already given stand until revoked).
    pub quote_policy: Option<AudienceValue>,
    /// Who may reply to it from now on.
    pub reply_policy: Option<AudienceValue>,
    /// Who may boost it from now on (boosts already made stay).
    pub boost_policy: Option<AudienceValue>,
}

#[derive(SimpleObject)]
pub struct CreateStatusPayload {
    pub status: StatusNode,
}

/// The status a favourite, boost or bookmark is about.
#[derive(InputObject)]
pub struct StatusActionInput {
    /// A boost stands for the status it boosts.
    pub status_id: ID,
}

/// The status a mutation acted on, as it is now.
#[derive(SimpleObject)]
pub struct StatusPayload {
    pub status: StatusNode,
}

#[derive(SimpleObject)]
pub struct ReblogPayload {
    /// The status boosted (never a boost), as it is now.
    pub status: StatusNode,
    /// The viewer's boost of it; none after `unreblog`.
    pub reblog: Option<StatusNode>,
}

#[derive(SimpleObject)]
pub struct EditStatusPayload {
    pub status: StatusNode,
}

#[derive(InputObject)]
pub struct DeleteStatusInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DeleteStatusPayload {
    pub deleted_status_id: ID,
}

#[Object]
impl StatusMutation {
    /// Likes a status; its author is told. Liking it again changes nothing.
    async fn favourite(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = favourites::favourite(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Boosts a public or unlisted status to the viewer's followers; its author is told.
    /// Boosting it again changes nothing.
    async fn reblog(&self, ctx: &Context<'_>, input: StatusActionInput) -> Result<ReblogPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let state = ctx.state();
        let boost = reblogs::reblog(&state.app, viewer, id).await.api()?;
        let boosted = boost.reblog_of_id.unwrap_or(boost.id);
        let status = visibility::get(&state.app.db, Some(viewer.account_id), boosted)
            .await
            .api()?;
        Ok(ReblogPayload {
            status: StatusNode(status),
            reblog: Some(StatusNode(boost)),
        })
    }

    /// Takes back the viewer's boost of a status, even one it may no longer see.
    async fn unreblog(&self, ctx: &Context<'_>, input: StatusActionInput) -> Result<ReblogPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = reblogs::unreblog(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(ReblogPayload {
            status: StatusNode(status),
            reblog: None,
        })
    }

    /// Stops the viewer hearing of the status's conversation: no more notifications of
    /// mentions, favourites or boosts in its thread.
    async fn mute_conversation(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = mutes::mute_thread(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Hears of the status's conversation again, even of one the viewer may no longer see.
    async fn unmute_conversation(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = mutes::unmute_thread(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Keeps a status among the viewer's bookmarks; no one else learns of it.
    async fn bookmark(&self, ctx: &Context<'_>, input: StatusActionInput) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = bookmarks::bookmark(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Forgets a bookmark, even of a status the viewer may no longer see.
    async fn unbookmark(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = bookmarks::unbookmark(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Archives one of the viewer's own statuses: it leaves every timeline (the author's
    /// too) but stays reachable by id and in `myNotes(filter: {archived: true})`. Nobody
    /// else is told.
    async fn archive_status(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = notes::archive(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Brings an archived status of the viewer's back to the timelines.
    async fn unarchive_status(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = notes::unarchive(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Shows one of the viewer's own statuses first on its profile (not boosts or direct
    /// statuses): at most five public, unlisted or followers-only ones, and besides up to a
    /// hundred private or local notes, which other servers never hear of.
    async fn pin(&self, ctx: &Context<'_>, input: StatusActionInput) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let state = ctx.state();
        let status = pins::pin(&state.app, viewer, id).await.api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    async fn unpin(&self, ctx: &Context<'_>, input: StatusActionInput) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let state = ctx.state();
        let status = pins::unpin(&state.app, viewer, id).await.api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Takes back the leave by which the quote post `statusId` quotes one of the viewer's
    /// statuses: the quote is revoked for everyone (its server is told), and the quoted
    /// status no longer shows through it. Returns the quote post.
    async fn revoke_quote(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let state = ctx.state();
        let status = quotes::revoke(&state.app, viewer, id).await.api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    /// Stops liking a status, even one the viewer may no longer see.
    async fn unfavourite(
        &self,
        ctx: &Context<'_>,
        input: StatusActionInput,
    ) -> Result<StatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("statusId", &input.status_id)?;
        let status = favourites::unfavourite(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(StatusPayload {
            status: StatusNode(status),
        })
    }

    async fn create_status(
        &self,
        ctx: &Context<'_>,
        input: CreateStatusInput,
    ) -> Result<CreateStatusPayload> {
        let viewer = ctx.require_viewer()?;
        let in_reply_to = input
            .in_reply_to_id
            .as_ref()
            .map(|id| ids::status("inReplyToId", id))
            .transpose()?;
        let media = input
            .media_ids
            .iter()
            .map(|id| ids::media("mediaIds", id))
            .collect::<Result<Vec<_>>>()?;
        let quote_of = input
            .quote_of_id
            .as_ref()
            .map(|id| ids::status("quoteOfId", id))
            .transpose()?;
        let new = statuses::NewStatus {
            media,
            quote_of,
            policy: policy_choice(input.quote_policy, input.reply_policy, input.boost_policy),
            text: input.text,
            content_warning: input.content_warning,
            sensitive: input.sensitive,
            visibility: input.visibility.into(),
            in_reply_to,
            language: input.language,
            poll: input.poll.map(|poll| polls::NewPoll {
                options: poll.options,
                multiple: poll.multiple,
                expires_in_secs: i64::from(poll.expires_in_seconds),
            }),
        };
        let status = statuses::create(&ctx.state().app, viewer, new)
            .await
            .api()?;
        Ok(CreateStatusPayload {
            status: StatusNode(status),
        })
    }

    /// Edits one of the viewer's statuses; the earlier version stays in its `edits`, and
    /// accounts that boosted or quoted it are told. Its policies change where given.
    async fn edit_status(
        &self,
        ctx: &Context<'_>,
        input: EditStatusInput,
    ) -> Result<EditStatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("id", &input.id)?;
        let media = input
            .media_ids
            .map(|list| {
                list.iter()
                    .map(|id| ids::media("mediaIds", id))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        let edit = statuses::StatusEdit {
            media,
            text: input.text,
            content_warning: input.content_warning,
            sensitive: input.sensitive,
            language: input.language,
            policy: policy_choice(input.quote_policy, input.reply_policy, input.boost_policy),
        };
        let state = ctx.state();
        let status = statuses::edit(&state.app, viewer, id, edit).await.api()?;
        Ok(EditStatusPayload {
            status: StatusNode(status),
        })
    }

    async fn delete_status(
        &self,
        ctx: &Context<'_>,
        input: DeleteStatusInput,
    ) -> Result<DeleteStatusPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::status("id", &input.id)?;
        statuses::delete(&ctx.state().app, viewer, id).await.api()?;
        Ok(DeleteStatusPayload {
            deleted_status_id: input.id,
        })
    }
}
