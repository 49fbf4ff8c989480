//! `Conversation`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::types::Conversation;

use super::{AccountNode, StatusNode};
use crate::graphql::context::ContextExt;
use crate::graphql::ids;

pub struct ConversationNode(pub Conversation);

/// The direct statuses of one thread, as the viewer sees them.
#[Object(name = "Conversation")]
impl ConversationNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::CONVERSATION, self.0.id.0)
    }

    /// Whether a status came from someone else since the viewer last read it.
    async fn unread(&self) -> bool {
        self.0.unread
    }

    /// Everyone in it but the viewer.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<AccountNode>> {
        let loaded = ctx
            .loaders()
            .accounts
            .load_many(self.0.participants.iter().copied())
            .await?;
        Ok(self
            .0
            .participants
            .iter()
            .filter_map(|id| loaded.get(id).cloned().map(AccountNode))
            .collect())
    }

    /// The latest status, while the viewer may see it.
    async fn last_status(&self, ctx: &Context<'_>) -> Result<Option<StatusNode>> {
        let loader = &ctx.loaders().statuses;
        Ok(loader
            .load_one(self.0.last_status_id)
            .await?
            .flatten()
            .map(StatusNode))
    }
}
