//! `uploadMedia`, `updateMedia`.

use std::io::Read;

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject, Upload};
use rookery_domain::DomainError;
use rookery_domain::service::media::{self, NewUpload};
use rookery_domain::types::Focus;

use crate::graphql::context::ContextExt;
use crate::graphql::error::{ApiResult, api_error};
use crate::graphql::ids;
use crate::graphql::types::MediaNode;

#[derive(Default)]
pub struct MediaMutation;

/// The point kept in view when a picture is cropped: x and y from -1.0 (left, bottom) to
/// 1.0 (right, top).
#[derive(InputObject)]
pub struct FocusInput {
    pub x: f64,
    pub y: f64,
}

impl From<FocusInput> for Focus {
    fn from(focus: FocusInput) -> Self {
        Focus {
            x: focus.x,
            y: focus.y,
        }
    }
}

#[derive(InputObject)]
pub struct UploadMediaInput {
    /// A JPEG, PNG, WebP or GIF picture, sent as a GraphQL multipart request.
    pub file: Upload,
    /// Alt text.
    pub description: Option<String>,
    pub focus: Option<FocusInput>,
}

#[derive(InputObject)]
pub struct UpdateMediaInput {
    pub id: ID,
    pub description: Option<String>,
    pub focus: Option<FocusInput>,
}

#[derive(SimpleObject)]
pub struct MediaAttachmentPayload {
    pub media: MediaNode,
}

/// The bytes of an uploaded file, refused when over `limit` before they are read.
pub(super) fn read_upload(ctx: &Context<'_>, upload: &Upload, limit: usize) -> Result<Vec<u8>> {
    let failed = |e: std::io::Error| api_error(DomainError::Internal(format!("an upload: {e}")));
    let value = upload.value(ctx).map_err(failed)?;
    let size = value.size().map_err(failed)?;
    if size > limit as u64 {
        return Err(api_error(DomainError::MediaTooLarge(format!(
            "{size} bytes, over the limit of {limit}"
        ))));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    value.into_read().read_to_end(&mut bytes).map_err(failed)?;
    Ok(bytes)
}

#[Object]
impl MediaMutation {
    /// Uploads a picture to attach to a status. It is checked at once (kind by its bytes,
    /// size, pixel count) and processed in the background: `state` is `PROCESSING` until it
    /// is `READY` (or `FAILED`, with the reason).
    async fn upload_media(
        &self,
        ctx: &Context<'_>,
        input: UploadMediaInput,
    ) -> Result<MediaAttachmentPayload> {
        let viewer = ctx.require_viewer()?;
        let services = &ctx.state().media;
        let bytes = read_upload(ctx, &input.file, services.limits.max_bytes)?;
        let upload = NewUpload {
            bytes,
            description: input.description,
            focus: input.focus.map(Focus::from),
        };
        let media = media::upload(&ctx.state().app.db, services, viewer, upload)
            .await
            .api()?;
        Ok(MediaAttachmentPayload {
            media: MediaNode(media),
        })
    }

    /// Changes an upload's alt text or focus, until it is posted.
    async fn update_media(
        &self,
        ctx: &Context<'_>,
        input: UpdateMediaInput,
    ) -> Result<MediaAttachmentPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::media("id", &input.id)?;
        let media = media::describe(
            &ctx.state().app.db,
            viewer,
            id,
            input.description,
            input.focus.map(Focus::from),
        )
        .await
        .api()?;
        Ok(MediaAttachmentPayload {
            media: MediaNode(media),
        })
    }
}
