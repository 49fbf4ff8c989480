//! `node(id:)` and `nodes(ids:)`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::DomainError;
use rookery_domain::ids::{
    AccountId, ConversationId, CustomEmojiId, FilterId, ListId, MediaId, NotificationId, PollId,
    ReportId, StatusId, TokenId, WebhookId,
};
use rookery_domain::service::{
    access_tokens, conversations, custom_emojis, filters, lists, media, notifications, polls,
    reports, webhooks,
};
use rookery_domain::types::Status;

use crate::graphql::context::ContextExt;
use crate::graphql::error::{ApiResult, api_error};
use crate::graphql::ids;
use crate::graphql::types::access_token::AccessTokenNode;
use crate::graphql::types::conversation::ConversationNode;
use crate::graphql::types::filter::FilterNode;
use crate::graphql::types::list::ListNode;
use crate::graphql::types::webhook::WebhookNode;
use crate::graphql::types::{
    AccountNode, CustomEmojiNode, MediaNode, Node, NotificationNode, PollNode, ReportNode,
    StatusNode,
};

#[derive(Default)]
pub struct NodeQuery;

async fn node(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, uuid)) = ids::decode_any(id) else {
        return Ok(None);
    };
    let db = &ctx.state().app.db;
    // What the viewer may not see is null, as what does not exist is: the same rules as
    // the fields that read each kind by itself.
    Ok(match (kind.as_str(), ctx.viewer()) {
        (ids::ACCOUNT, _) => ctx
            .loaders()
            .accounts
            .load_one(AccountId(uuid))
            .await?
            .map(|a| Node::Account(AccountNode(a))),
        (ids::STATUS, _) => visible_status(ctx, StatusId(uuid))
            .await?
            .map(|s| Node::Status(StatusNode(s))),
        (ids::POLL, _) => match polls::status_of(db, PollId(uuid)).await.api()? {
            Some(status) if visible_status(ctx, status).await?.is_some() => ctx
                .loaders()
                .polls
                .load_one(status)
                .await?
                .map(|poll| Node::Poll(PollNode(poll))),
            _ => None,
        },
        (ids::CUSTOM_EMOJI, _) => custom_emojis::shown_by_id(db, CustomEmojiId(uuid))
            .await
            .api()?
            .map(|e| Node::CustomEmoji(CustomEmojiNode(e))),
        (_, None) => None,
        (ids::LIST, Some(viewer)) => {
            found(lists::get(db, viewer, ListId(uuid)).await)?.map(|l| Node::List(ListNode(l)))
        }
        (ids::CONVERSATION, Some(viewer)) => {
            found(conversations::get(db, viewer, ConversationId(uuid)).await)?
                .map(|c| Node::Conversation(ConversationNode(c)))
        }
        (ids::NOTIFICATION, Some(viewer)) => {
            found(notifications::get(db, viewer, NotificationId(uuid)).await)?
                .map(|n| Node::Notification(NotificationNode(n)))
        }
        (ids::FILTER, Some(viewer)) => found(filters::get(db, viewer, FilterId(uuid)).await)?
            .map(|f| Node::Filter(FilterNode(f))),
        (ids::MEDIA, Some(viewer)) => found(media::own(db, viewer, MediaId(uuid)).await)?
            .map(|m| Node::MediaAttachment(MediaNode(m))),
        (ids::ACCESS_TOKEN, Some(viewer)) => {
            found(access_tokens::get(db, viewer, TokenId(uuid)).await)?
                .map(|t| Node::AccessToken(AccessTokenNode(t)))
        }
        (ids::WEBHOOK, Some(viewer)) => found(webhooks::get(db, viewer, WebhookId(uuid)).await)?
            .map(|w| Node::Webhook(WebhookNode(w))),
        (ids::REPORT, Some(viewer)) => found(reports::get(db, viewer, ReportId(uuid)).await)?
            .map(|r| Node::Report(ReportNode(r))),
        _ => None,
    })
}

/// A status the viewer may see, not deleted.
async fn visible_status(ctx: &Context<'_>, id: StatusId) -> Result<Option<Status>> {
    Ok(ctx
        .loaders()
        .statuses
        .load_one(id)
        .await?
        .flatten()
        .filter(|s| !s.is_deleted()))
}

/// What a domain read found: none when it is not there or not the viewer's to see (a
/// moderator-only kind read by another is null too, as the kind's own field would refuse
/// it); other errors stay errors.
fn found<T>(read: Result<T, DomainError>) -> Result<Option<T>> {
    match read {
        Ok(value) => Ok(Some(value)),
        Err(DomainError::NotFound(_) | DomainError::Forbidden) => Ok(None),
        Err(error) => Err(api_error(error)),
    }
}

#[Object]
impl NodeQuery {
    /// Anything with a global id; null when it does not exist or is hidden from the viewer.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        node(ctx, &id).await
    }

    /// Several nodes at once, in the order asked (at most 100).
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<Vec<Option<Node>>> {
        if ids.len() > rookery_domain::page::MAX_PAGE_SIZE as usize {
            return Err(crate::graphql::error::invalid("ids", "at most 100 ids"));
        }
        let mut nodes = Vec::with_capacity(ids.len());
        for id in &ids {
            nodes.push(node(ctx, id).await?);
        }
        Ok(nodes)
    }
}
