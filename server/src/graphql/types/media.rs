//! `MediaAttachment`: a picture on a status, or an upload waiting to be posted.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::media;
use rookery_domain::types::{MediaAttachment, MediaState, StoredFile};

use crate::graphql::context::ContextExt;
use crate::graphql::ids;

pub struct MediaNode(pub MediaAttachment);

/// Where an attachment is on its way to being shown.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "MediaState")]
pub enum MediaStateValue {
    /// Waiting to be checked, stripped of metadata and thumbnailed (or copied here).
    Processing,
    Ready,
    /// Could not be read; `error` says why.
    Failed,
}

impl From<MediaState> for MediaStateValue {
    fn from(value: MediaState) -> Self {
        match value {
            MediaState::Processing => Self::Processing,
            MediaState::Ready => Self::Ready,
            MediaState::Failed => Self::Failed,
        }
    }
}

/// The point kept in view when a picture is cropped, from -1 to 1 on each axis.
#[derive(SimpleObject)]
pub struct FocusPoint {
    pub x: f64,
    pub y: f64,
}

impl MediaNode {
    fn url_of(&self, ctx: &Context<'_>, file: Option<&StoredFile>) -> Option<String> {
        match file {
            Some(file) => Some(media::url(ctx.state().app.instance(), &file.key)),
            None => self.0.remote_url.clone(),
        }
    }
}

#[Object(name = "MediaAttachment")]
impl MediaNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::MEDIA, self.0.id.0)
    }

    async fn state(&self) -> MediaStateValue {
        self.0.state.into()
    }

    /// Why processing failed.
    async fn error(&self) -> Option<&str> {
        self.0.error.as_deref()
    }

    /// The picture: upright, without metadata, at most 4096 pixels on its longest side.
    /// A remote attachment's own URL until a copy is made here.
    async fn url(&self, ctx: &Context<'_>) -> Option<String> {
        self.url_of(ctx, self.0.original.as_ref())
    }

    /// At most 640 pixels on its longest side.
    async fn preview_url(&self, ctx: &Context<'_>) -> Option<String> {
        self.url_of(ctx, self.0.thumbnail.as_ref())
    }

    /// Where a remote attachment lives on its own server.
    async fn remote_url(&self) -> Option<&str> {
        self.0.remote_url.as_deref()
    }

    /// The picture's MIME type, once processed.
    async fn content_type(&self) -> Option<&str> {
        self.0.original.as_ref().map(|f| f.content_type.as_str())
    }

    /// Alt text.
    async fn description(&self) -> &str {
        &self.0.description
    }

    async fn blurhash(&self) -> Option<&str> {
        self.0.blurhash.as_deref()
    }

    async fn width(&self) -> Option<u32> {
        self.0.width
    }

    async fn height(&self) -> Option<u32> {
        self.0.height
    }

    /// An animated GIF.
    async fn animated(&self) -> bool {
        self.0.animated
    }

    async fn focus(&self) -> Option<FocusPoint> {
        self.0.focus.map(|f| FocusPoint { x: f.x, y: f.y })
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
