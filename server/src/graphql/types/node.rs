//! The Relay `Node` interface: every object with a global id.

use async_graphql::{ID, Interface};

use super::access_token::AccessTokenNode;
use super::conversation::ConversationNode;
use super::filter::FilterNode;
use super::list::ListNode;
use super::webhook::WebhookNode;
use super::{
    AccountNode, CustomEmojiNode, MediaNode, NotificationNode, PollNode, ReportNode, StatusNode,
};

// Short-lived values built per response; boxing would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Account(AccountNode),
    Status(StatusNode),
    Poll(PollNode),
    List(ListNode),
    Conversation(ConversationNode),
    Notification(NotificationNode),
    Filter(FilterNode),
    MediaAttachment(MediaNode),
    AccessToken(AccessTokenNode),
    Webhook(WebhookNode),
    Report(ReportNode),
    CustomEmoji(CustomEmojiNode),
}
