//! `markConversationRead`, `leaveConversation`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::conversations;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::conversation::ConversationNode;

#[derive(Default)]
pub struct ConversationMutation;

#[derive(InputObject)]
pub struct ConversationInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct ConversationPayload {
    pub conversation: ConversationNode,
}

#[derive(SimpleObject)]
pub struct LeaveConversationPayload {
    pub left_conversation_id: ID,
}

#[Object]
impl ConversationMutation {
    async fn mark_conversation_read(
        &self,
        ctx: &Context<'_>,
        input: ConversationInput,
    ) -> Result<ConversationPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::conversation("id", &input.id)?;
        let conversation = conversations::mark_read(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(ConversationPayload {
            conversation: ConversationNode(conversation),
        })
    }

    /// Leaves a conversation: it leaves the list and later statuses do not bring it back.
    async fn leave_conversation(
        &self,
        ctx: &Context<'_>,
        input: ConversationInput,
    ) -> Result<LeaveConversationPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::conversation("id", &input.id)?;
        conversations::leave(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(LeaveConversationPayload {
            left_conversation_id: input.id,
        })
    }
}
