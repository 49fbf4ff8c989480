//! Media attachments: a picture uploaded here or carried by a remote status.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, MediaId, StatusId};

/// Where an attachment is on its way to being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaState {
    /// Waiting on the `media` queue to be checked, stripped and thumbnailed (or fetched).
    Processing,
    Ready,
    /// Could not be read; `error` says why.
    Failed,
}

impl MediaState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Processing => "processing",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Processing, Self::Ready, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == value)
    }
}

/// The point of a picture kept in view when it is cropped: x and y from -1 (left, bottom)
/// to 1 (right, top), as Mastodon has it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    pub x: f64,
    pub y: f64,
}

/// A kept version of a picture: its object store key and type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub key: String,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MediaAttachment {
    pub id: MediaId,
    pub account_id: AccountId,
    /// None until the upload is attached to a status.
    pub status_id: Option<StatusId>,
    pub state: MediaState,
    pub error: Option<String>,
    /// The bytes as uploaded, kept until processing is done.
    pub upload_key: Option<String>,
    pub original: Option<StoredFile>,
    pub thumbnail: Option<StoredFile>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub animated: bool,
    pub blurhash: Option<String>,
    pub focus: Option<Focus>,
    /// Alt text.
    pub description: String,
    /// Where a remote attachment lives on its own server.
    pub remote_url: Option<String>,
    /// When a remote attachment's copy was made here; None when there is none (yet, or
    /// any more after pruning).
    pub cached_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// What a remote status says of one of its attachments.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteMedia {
    pub url: String,
    pub media_type: Option<String>,
    pub description: String,
    pub blurhash: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub focus: Option<Focus>,
}
