//! `CustomEmoji`.

use async_graphql::{Context, ID, Object};
use rookery_domain::service::custom_emojis;
use rookery_domain::types::CustomEmoji;

use crate::graphql::context::ContextExt;
use crate::graphql::ids;

/// A custom emoji whose picture this server keeps a copy of: no other is handed out.
pub struct CustomEmojiNode(pub CustomEmoji);

/// A picture named by `:shortcode:` in a post's text, a display name or a bio.
#[Object(name = "CustomEmoji")]
impl CustomEmojiNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::CUSTOM_EMOJI, self.0.id.0)
    }

    /// Without colons: `blobcat` for `:blobcat:`.
    async fn shortcode(&self) -> &str {
        &self.0.shortcode
    }

    /// This server's copy of the picture (an animation stays animated).
    async fn url(&self, ctx: &Context<'_>) -> String {
        custom_emojis::url(ctx.state().app.instance(), &self.0).unwrap_or_default()
    }

    /// A still version of the picture (an animation's first frame).
    async fn static_url(&self, ctx: &Context<'_>) -> String {
        custom_emojis::static_url(ctx.state().app.instance(), &self.0).unwrap_or_default()
    }

    /// Whether this server offers it in its picker (false for other servers' emoji).
    async fn visible_in_picker(&self) -> bool {
        self.0.is_local() && self.0.visible_in_picker
    }
}

/// Wraps the emoji that can be shown.
pub fn shown(emojis: Vec<CustomEmoji>) -> Vec<CustomEmojiNode> {
    emojis
        .into_iter()
        .filter(|emoji| emoji.file.is_some())
        .map(CustomEmojiNode)
        .collect()
}
