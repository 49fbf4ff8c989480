//! `Quote`, `QuoteState`, `InteractionPolicy` and `InteractionAudience`.

use async_graphql::{Enum, Object, SimpleObject};
use rookery_domain::service::quotes::{QuoteView, Shown};
use rookery_domain::types::{Audience, InteractionPolicy};

use super::StatusNode;

/// Who, besides the author, may quote, reply to or boost a status.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "InteractionAudience")]
pub enum AudienceValue {
    /// Anyone who may see it.
    Anyone,
    /// The author's followers.
    Followers,
    /// Nobody but the author ("only me"); the accounts a status mentions may still reply.
    Nobody,
}

impl From<AudienceValue> for Audience {
    fn from(value: AudienceValue) -> Self {
        match value {
            AudienceValue::Anyone => Self::Anyone,
            AudienceValue::Followers => Self::Followers,
            AudienceValue::Nobody => Self::Nobody,
        }
    }
}

impl From<Audience> for AudienceValue {
    fn from(value: Audience) -> Self {
        match value {
            Audience::Anyone => Self::Anyone,
            Audience::Followers => Self::Followers,
            Audience::Nobody => Self::Nobody,
        }
    }
}

/// Who may quote, reply to and boost a status. Followers-only, direct, private and local
/// statuses are never quoted or boosted, whatever was chosen.
#[derive(SimpleObject)]
#[graphql(name = "InteractionPolicy")]
pub struct InteractionPolicyValue {
    pub can_quote: AudienceValue,
    pub can_reply: AudienceValue,
    pub can_boost: AudienceValue,
}

impl From<InteractionPolicy> for InteractionPolicyValue {
    fn from(policy: InteractionPolicy) -> Self {
        Self {
            can_quote: policy.can_quote.into(),
            can_reply: policy.can_reply.into(),
            can_boost: policy.can_boost.into(),
        }
    }
}

/// Where a quote stands with the quoted status's author.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "QuoteState")]
pub enum QuoteStateValue {
    /// Asked for, not answered yet.
    Pending,
    /// Allowed: the quoted status shows (to readers who may see it).
    Accepted,
    /// Refused by the quoted author (or its policy).
    Rejected,
    /// Allowed, then taken back by the quoted author.
    Revoked,
    /// The quoted status was deleted.
    Deleted,
}

impl From<Shown> for QuoteStateValue {
    fn from(value: Shown) -> Self {
        match value {
            Shown::Pending => Self::Pending,
            Shown::Accepted => Self::Accepted,
            Shown::Rejected => Self::Rejected,
            Shown::Revoked => Self::Revoked,
            Shown::Deleted => Self::Deleted,
        }
    }
}

pub struct QuoteNode(pub QuoteView);

/// What a quote post quotes, as the viewer sees it.
#[Object(name = "Quote")]
impl QuoteNode {
    async fn state(&self) -> QuoteStateValue {
        self.0.state.into()
    }

    /// The quoted status: only when the quote is accepted and the viewer may see it.
    async fn quoted_status(&self) -> Option<StatusNode> {
        self.0.quoted.clone().map(StatusNode)
    }
}
