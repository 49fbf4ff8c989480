//! Custom emoji: pictures named by `:shortcode:` in posts and profiles.

use chrono::{DateTime, Utc};

use crate::ids::CustomEmojiId;
use crate::types::{MediaState, StoredFile};

#[derive(Debug, Clone, PartialEq)]
pub struct CustomEmoji {
    pub id: CustomEmojiId,
    /// Without colons: `blobcat`.
    pub shortcode: String,
    /// The server it comes from; None for this server's own.
    pub domain: Option<String>,
    /// Its ActivityPub id on its server, when it gave one (remote emoji only).
    pub uri: Option<String>,
    /// Where its server serves the picture (remote emoji only).
    pub image_url: Option<String>,
    /// `Processing` until this server's copy is made, then `Ready` (or `Failed`).
    pub state: MediaState,
    pub error: Option<String>,
    /// This server's copy, as it was received (an animation keeps its frames).
    pub file: Option<StoredFile>,
    /// A still version: the first frame of an animation.
    pub still: Option<StoredFile>,
    /// Whether local users are offered it (local emoji only).
    pub visible_in_picker: bool,
    /// When its server last changed it.
    pub updated: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

impl CustomEmoji {
    pub fn is_local(&self) -> bool {
        self.domain.is_none()
    }
}

/// What another server says of one of its emoji (an `Emoji` tag), not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteEmoji {
    /// As written, colons and all.
    pub name: String,
    pub id: Option<String>,
    pub image_url: String,
    pub updated: Option<DateTime<Utc>>,
}
