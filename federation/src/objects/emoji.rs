//! This server's custom emoji as `Emoji` objects.

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{CustomEmojiId, Kind};
use rookery_domain::service::custom_emojis;
use rookery_domain::types::{CustomEmoji, Instance};

use super::{FederationError, FederationResult};
use crate::protocol::actor::Image;
use crate::protocol::context;
use crate::protocol::emoji::Emoji;

/// An emoji as an `Emoji` tag (without `@context`); None while it has no picture here.
pub fn emoji(instance: &Instance, emoji: &CustomEmoji) -> Option<Emoji> {
    let file = emoji.file.as_ref()?;
    Some(Emoji {
        context: None,
        id: custom_emojis::ap_id(instance, emoji),
        kind: "Emoji".into(),
        name: format!(":{}:", emoji.shortcode),
        updated: emoji.updated,
        icon: Image {
            kind: "Image".into(),
            media_type: file.content_type.clone(),
            url: custom_emojis::url(instance, emoji)?,
        },
    })
}

/// The `Emoji` tags of the emoji this server's `texts` use.
pub async fn tags_of<'a>(
    db: &DatabaseConnection,
    instance: &Instance,
    texts: impl IntoIterator<Item = &'a str>,
) -> FederationResult<Vec<Emoji>> {
    let used = custom_emojis::used_in(db, None, texts).await?;
    Ok(used.iter().filter_map(|e| emoji(instance, e)).collect())
}

/// The document at `/emojis/<id>`: one of this server's own emoji.
pub async fn document(
    db: &DatabaseConnection,
    instance: &Instance,
    id: CustomEmojiId,
) -> FederationResult<Emoji> {
    let found = custom_emojis::local(db, id).await?;
    let mut document = found
        .as_ref()
        .and_then(|e| emoji(instance, e))
        .ok_or(FederationError::NotFound(Kind::CustomEmoji))?;
    document.context = Some(context::emoji());
    Ok(document)
}
