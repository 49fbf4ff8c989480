//! `createCustomEmoji`, `deleteCustomEmoji`, for administrators.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject, Upload};
use rookery_domain::service::custom_emojis;

use super::media::read_upload;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::CustomEmojiNode;

#[derive(Default)]
pub struct EmojiMutation;

#[derive(InputObject)]
pub struct CreateCustomEmojiInput {
    /// 2 to 64 letters, digits and `_`, with or without the colons around.
    pub shortcode: String,
    /// A JPEG, PNG, WebP or GIF picture of at most 256 KiB, sent as a GraphQL multipart
    /// request.
    pub file: Upload,
    /// Whether the picker offers it (true unless said otherwise).
    pub visible_in_picker: Option<bool>,
}

#[derive(SimpleObject)]
pub struct CreateCustomEmojiPayload {
    pub custom_emoji: CustomEmojiNode,
}

#[derive(InputObject)]
pub struct DeleteCustomEmojiInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DeleteCustomEmojiPayload {
    pub deleted_custom_emoji_id: ID,
}

#[Object]
impl EmojiMutation {
    /// Adds a custom emoji of this server's. Administrators only; a shortcode taken is a
    /// VALIDATION error.
    async fn create_custom_emoji(
        &self,
        ctx: &Context<'_>,
        input: CreateCustomEmojiInput,
    ) -> Result<CreateCustomEmojiPayload> {
        let viewer = ctx.require_viewer()?;
        // The role is checked before the upload is read.
        viewer
            .require(rookery_domain::types::Permission::ManageCustomEmojis)
            .api()?;
        let bytes = read_upload(ctx, &input.file, custom_emojis::MAX_EMOJI_BYTES)?;
        let emoji = custom_emojis::create(
            &ctx.state().app.db,
            &ctx.state().media,
            viewer,
            &input.shortcode,
            input.visible_in_picker.unwrap_or(true),
            bytes,
        )
        .await
        .api()?;
        Ok(CreateCustomEmojiPayload {
            custom_emoji: CustomEmojiNode(emoji),
        })
    }

    /// Deletes a custom emoji of this server's; posts that used it show its shortcode as
    /// text. Administrators only.
    async fn delete_custom_emoji(
        &self,
        ctx: &Context<'_>,
        input: DeleteCustomEmojiInput,
    ) -> Result<DeleteCustomEmojiPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::custom_emoji("id", &input.id)?;
        custom_emojis::delete(
            &ctx.state().app.db,
            ctx.state().media.store.as_ref(),
            viewer,
            id,
        )
        .await
        .api()?;
        Ok(DeleteCustomEmojiPayload {
            deleted_custom_emoji_id: input.id,
        })
    }
}
