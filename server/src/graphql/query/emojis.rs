//! `customEmojis`: the picker.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::custom_emojis;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::emoji::{self, CustomEmojiNode};

#[derive(Default)]
pub struct EmojiQuery;

#[Object]
impl EmojiQuery {
    /// This server's custom emoji offered to its users, by shortcode.
    async fn custom_emojis(&self, ctx: &Context<'_>) -> Result<Vec<CustomEmojiNode>> {
        let emojis = custom_emojis::picker(&ctx.state().app.db).await.api()?;
        Ok(emoji::shown(emojis))
    }
}
