//! The instance's picture: administrators with MANAGE_SETTINGS set or remove it; it is kept
//! as uploads are (upright, without metadata, at most `media::MAX_SIDE` on a side) and
//! served from `/media`.

use sea_orm::ConnectionTrait;

use crate::media::MediaLimits;
use crate::service::media::{self, MediaServices};
use crate::service::{App, audit};
use crate::store;
use crate::store::instance_settings::THUMBNAIL;
use crate::types::{InstanceThumbnail, Permission, Viewer};
use crate::{DomainError, DomainResult};

/// The largest picture taken.
pub const MAX_THUMBNAIL_BYTES: usize = 8 * 1024 * 1024;
/// The most pixels it may have.
pub const MAX_THUMBNAIL_PIXELS: u64 = 40_000_000;

/// The instance's picture, if one is set.
pub async fn get(db: &impl ConnectionTrait) -> DomainResult<Option<InstanceThumbnail>> {
    Ok(store::instance_settings::thumbnail(db).await?)
}

/// Sets the instance's picture to `bytes`, or removes it (None); the earlier file goes
/// unless something else keeps it.
pub async fn set(
    app: &App,
    services: &MediaServices,
    viewer: &Viewer,
    bytes: Option<Vec<u8>>,
) -> DomainResult<Option<InstanceThumbnail>> {
    viewer.require(Permission::ManageSettings)?;
    let thumbnail = match bytes {
        Some(bytes) => {
            let limits = MediaLimits {
                max_bytes: MAX_THUMBNAIL_BYTES,
                max_pixels: MAX_THUMBNAIL_PIXELS,
            };
            let processed = media::process_within(services, bytes, limits).await?;
            let file = media::put(services, processed.original, processed.kind).await?;
            Some(InstanceThumbnail {
                key: file.key,
                width: processed.width,
                height: processed.height,
                blurhash: processed.blurhash,
            })
        }
        None => None,
    };
    let before = get(&app.db).await?;
    let value = serde_json::to_value(&thumbnail)
        .map_err(|error| DomainError::Internal(error.to_string()))?;
    let txn = app.write().await?;
    store::instance_settings::set(&txn, THUMBNAIL, value).await?;
    let detail = audit::change(
        before.as_ref().map(|t| t.key.clone()).into(),
        thumbnail.as_ref().map(|t| t.key.clone()).into(),
    );
    audit::record(&txn, Some(viewer), "instance.thumbnail", None, detail).await?;
    txn.commit().await?;
    if let Some(before) = before
        && thumbnail.as_ref().is_none_or(|now| now.key != before.key)
    {
        media::remove_if_unused(&app.db, services.store.as_ref(), &before.key).await?;
    }
    Ok(thumbnail)
}
