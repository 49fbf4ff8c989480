//! Media attachments: uploads checked before anything is kept, processed on the `media`
//! queue, attached to statuses; remote attachments copied here, and both pruned in time.

use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use crate::db::DatabaseConnection;
use crate::ids::{AccountId, Kind, MediaId, StatusId};
use crate::media::{DecodeBudget, MediaKind, MediaLimits, Processed, probe, process};
use crate::ports::{MediaStore, TaskQueue};
use crate::store;
use crate::types::{Focus, Instance, MediaAttachment, MediaState, RemoteMedia, StoredFile, Viewer};
use crate::{DomainError, DomainResult};

/// The longest alt text, in characters (Mastodon's limit).
pub const MAX_DESCRIPTION_CHARS: usize = 1500;
/// Attachments handled per batch when pruning.
const BATCH: u64 = 100;

/// What media use cases need besides the database.
#[derive(Debug, Clone)]
pub struct MediaServices {
    pub store: Arc<dyn MediaStore>,
    pub queue: Arc<dyn TaskQueue>,
    pub limits: MediaLimits,
    /// The memory the process's decodes may take together.
    pub decode_budget: Arc<DecodeBudget>,
}

/// Whether `key` names a kept version of a picture (never an upload as received).
pub fn is_served_key(key: &str) -> bool {
    key.split_once('.').is_some_and(|(hash, extension)| {
        hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && content_type_of(key) != "application/octet-stream"
            && !extension.contains('.')
    })
}

/// Where clients fetch the file kept under `key`.
pub fn url(instance: &Instance, key: &str) -> String {
    instance.url(&format!("/media/{key}"))
}

/// The type a kept file has, from its key's extension.
pub fn content_type_of(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map_or("", |(_, ext)| ext);
    [
        MediaKind::Jpeg,
        MediaKind::Png,
        MediaKind::Webp,
        MediaKind::Gif,
    ]
    .into_iter()
    .find(|kind| kind.extension() == extension)
    .map_or("application/octet-stream", |kind| kind.mime_type())
}

/// An upload as received.
#[derive(Debug, Clone)]
pub struct NewUpload {
    pub bytes: Vec<u8>,
    pub description: Option<String>,
    pub focus: Option<Focus>,
}

fn checked_description(description: Option<String>) -> DomainResult<String> {
    let description = description.unwrap_or_default().trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(DomainError::validation(
            "description",
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    Ok(description)
}

fn checked_focus(focus: Option<Focus>) -> DomainResult<Option<Focus>> {
    if focus.is_some_and(|f| !(-1.0..=1.0).contains(&f.x) || !(-1.0..=1.0).contains(&f.y)) {
        return Err(DomainError::validation(
            "focus",
            "x and y go from -1.0 to 1.0",
        ));
    }
    Ok(focus)
}

/// Takes an upload: its kind and size are checked from its bytes before anything is
/// kept; then it waits on the `media` queue to be processed.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id))]
pub async fn upload(
    db: &DatabaseConnection,
    media: &MediaServices,
    viewer: &Viewer,
    new: NewUpload,
) -> DomainResult<MediaAttachment> {
    let description = checked_description(new.description)?;
    let focus = checked_focus(new.focus)?;
    probe(&new.bytes, &media.limits)?;
    let id = MediaId::new();
    let upload_key = format!("uploads/{id}");
    let attachment = MediaAttachment {
        id,
        account_id: viewer.account_id,
        status_id: None,
        state: MediaState::Processing,
        error: None,
        upload_key: Some(upload_key.clone()),
        original: None,
        thumbnail: None,
        width: None,
        height: None,
        animated: false,
        blurhash: None,
        focus,
        description,
        remote_url: None,
        cached_at: None,
        created_at: Utc::now(),
    };
    media.store.put(&upload_key, new.bytes).await?;
    if let Err(error) =
        store::media_attachments::insert(db, std::slice::from_ref(&attachment)).await
    {
        let _ = media.store.delete(&upload_key).await;
        return Err(error.into());
    }
    queue_ids(media.queue.as_ref(), vec![id]).await;
    Ok(attachment)
}

/// Queues processing; when the queue fails, maintenance queues it again later.
pub(crate) async fn queue_ids(queue: &dyn TaskQueue, ids: Vec<MediaId>) {
    if ids.is_empty() {
        return;
    }
    if let Err(error) = queue.process_media(ids).await {
        tracing::warn!(%error, "media not queued; maintenance will queue it again");
    }
}

/// One of the viewer's own attachments.
pub async fn own(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: MediaId,
) -> DomainResult<MediaAttachment> {
    store::media_attachments::by_id(db, id)
        .await?
        .filter(|media| media.account_id == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::Media))
}

/// Changes an upload's alt text and focus, until it is posted.
pub async fn describe(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: MediaId,
    description: Option<String>,
    focus: Option<Focus>,
) -> DomainResult<MediaAttachment> {
    let mut media = own(db, viewer, id).await?;
    if media.status_id.is_some() {
        return Err(DomainError::validation(
            "id",
            "an attachment cannot be changed once it is posted",
        ));
    }
    if description.is_some() {
        media.description = checked_description(description)?;
    }
    if focus.is_some() {
        media.focus = checked_focus(focus)?;
    }
    store::media_attachments::update(db, &media).await?;
    Ok(media)
}

/// The attachments of `statuses`, each status's in order. Visibility is the statuses'.
pub async fn of_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> DomainResult<Vec<MediaAttachment>> {
    Ok(store::media_attachments::of_statuses(db, statuses).await?)
}

/// Attaches the author's uploads to a status being posted, in a transaction with it.
pub(crate) async fn attach(
    txn: &impl ConnectionTrait,
    author: AccountId,
    media: &[MediaId],
    status: StatusId,
) -> DomainResult<()> {
    let attached = store::media_attachments::attach(txn, author, media, status).await?;
    if attached != media.len() {
        return Err(DomainError::validation(
            "mediaIds",
            "every attachment must be one's own upload, processed and not posted yet",
        ));
    }
    Ok(())
}

/// What remote statuses carry, recorded to be copied here by the `media` queue.
pub(crate) fn remote(
    account: AccountId,
    status: StatusId,
    attachments: &[RemoteMedia],
) -> Vec<MediaAttachment> {
    attachments
        .iter()
        .map(|remote| MediaAttachment {
            id: MediaId::new(),
            account_id: account,
            status_id: Some(status),
            state: MediaState::Processing,
            error: None,
            upload_key: None,
            original: None,
            thumbnail: None,
            width: remote.width,
            height: remote.height,
            animated: remote.media_type.as_deref() == Some("image/gif"),
            blurhash: remote.blurhash.clone(),
            focus: remote.focus,
            description: remote.description.clone(),
            remote_url: Some(remote.url.clone()),
            cached_at: None,
            created_at: Utc::now(),
        })
        .collect()
}

/// An attachment waiting to be processed or copied; None when there is nothing to do.
pub async fn waiting(
    db: &impl ConnectionTrait,
    id: MediaId,
) -> DomainResult<Option<MediaAttachment>> {
    Ok(store::media_attachments::by_id(db, id)
        .await?
        .filter(|media| media.state == MediaState::Processing))
}

/// Processes an upload waiting on the queue: the bytes as uploaded are made into the
/// versions kept, or the attachment fails with the reason.
#[tracing::instrument(skip_all, fields(media = %media.id))]
pub async fn process_upload(
    db: &impl ConnectionTrait,
    services: &MediaServices,
    media: MediaAttachment,
) -> DomainResult<MediaAttachment> {
    let Some(upload_key) = media.upload_key.clone() else {
        return Ok(media);
    };
    match services.store.get(&upload_key).await? {
        Some(bytes) => keep(db, services, media, bytes).await,
        None => fail(db, media, "the upload is gone".into()).await,
    }
}

/// Keeps a remote attachment's bytes, fetched by the queue.
pub async fn keep_fetched(
    db: &impl ConnectionTrait,
    services: &MediaServices,
    media: MediaAttachment,
    bytes: Vec<u8>,
) -> DomainResult<MediaAttachment> {
    keep(db, services, media, bytes).await
}

/// Marks an attachment failed, saying why.
/// Whether the media of `account`'s posts is refused here: its server's block says so
/// (or cuts it off). The media is then not fetched, and clients link to its server.
pub async fn refused_for(db: &impl ConnectionTrait, account: AccountId) -> DomainResult<bool> {
    match store::accounts::by_id(db, account).await? {
        Some(found) => match &found.domain {
            Some(domain) => crate::service::domain_blocks::rejects_media(db, domain).await,
            None => Ok(false),
        },
        None => Ok(false),
    }
}

pub async fn fail(
    db: &impl ConnectionTrait,
    mut media: MediaAttachment,
    error: String,
) -> DomainResult<MediaAttachment> {
    media.state = MediaState::Failed;
    media.error = Some(error);
    store::media_attachments::update(db, &media).await?;
    Ok(media)
}

/// [`process`] on a blocking thread (decoding and encoding a picture take a core a while),
/// once the decode's worst case fits the process's budget.
async fn process_blocking(services: &MediaServices, bytes: Vec<u8>) -> DomainResult<Processed> {
    process_within(services, bytes, services.limits).await
}

/// [`process_blocking`] within other limits than uploads' (custom emoji's).
pub(crate) async fn process_within(
    services: &MediaServices,
    bytes: Vec<u8>,
    limits: MediaLimits,
) -> DomainResult<Processed> {
    let worst_case = probe(&bytes, &limits)?.decoded_bytes();
    let _reserved = services.decode_budget.reserve(worst_case).await?;
    tokio::task::spawn_blocking(move || process(&bytes, &limits))
        .await
        .map_err(|e| DomainError::Internal(format!("processing a picture: {e}")))?
}

/// Processes `bytes` and keeps the versions, under keys made of their content.
async fn keep(
    db: &impl ConnectionTrait,
    services: &MediaServices,
    mut media: MediaAttachment,
    bytes: Vec<u8>,
) -> DomainResult<MediaAttachment> {
    match process_blocking(services, bytes).await {
        Ok(Processed {
            kind,
            original,
            width,
            height,
            thumbnail,
            thumbnail_kind,
            blurhash,
            animated,
        }) => {
            media.original = Some(put(services, original, kind).await?);
            media.thumbnail = Some(put(services, thumbnail, thumbnail_kind).await?);
            media.width = Some(width);
            media.height = Some(height);
            media.blurhash = Some(blurhash);
            media.animated = animated;
            media.state = MediaState::Ready;
            media.error = None;
            if media.remote_url.is_some() {
                media.cached_at = Some(Utc::now());
            }
        }
        Err(
            error @ (DomainError::UnsupportedMedia(_)
            | DomainError::MediaTooLarge(_)
            | DomainError::CorruptMedia(_)),
        ) => {
            media.state = MediaState::Failed;
            media.error = Some(error.to_string());
        }
        Err(error) => return Err(error),
    }
    let upload = media.upload_key.take();
    store::media_attachments::update(db, &media).await?;
    if let Some(key) = upload {
        services.store.delete(&key).await?;
    }
    Ok(media)
}

/// Stores `bytes` under a key made of their SHA-256, so that a picture kept twice is
/// stored once.
pub(crate) async fn put(
    services: &MediaServices,
    bytes: Vec<u8>,
    kind: MediaKind,
) -> DomainResult<StoredFile> {
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let key = format!("{hex}.{}", kind.extension());
    services.store.put(&key, bytes).await?;
    Ok(StoredFile {
        key,
        content_type: kind.mime_type().into(),
    })
}

/// Which picture of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfilePicture {
    /// Kept at thumbnail size (640 pixels at most).
    Avatar,
    /// Kept at full size (4096 pixels at most).
    Header,
}

/// Checks and processes a profile picture at once (it is small, and the profile shows it
/// from now on); the key it is kept under.
pub(crate) async fn profile_picture(
    services: &MediaServices,
    bytes: Vec<u8>,
    purpose: ProfilePicture,
) -> DomainResult<String> {
    let processed = process_blocking(services, bytes).await?;
    let kept = match purpose {
        ProfilePicture::Avatar => put(services, processed.thumbnail, processed.thumbnail_kind),
        ProfilePicture::Header => put(services, processed.original, processed.kind),
    };
    Ok(kept.await?.key)
}

/// The URL of a profile picture: a key kept here, or a remote server's URL.
pub fn picture_url(instance: &Instance, reference: &str) -> String {
    if reference.starts_with("https://") || reference.starts_with("http://") {
        reference.to_owned()
    } else {
        url(instance, reference)
    }
}

/// Removes the files of `media` no attachment names any more.
async fn remove_unused_files(
    db: &impl ConnectionTrait,
    store: &dyn MediaStore,
    media: &MediaAttachment,
) -> DomainResult<()> {
    let keys = [
        media.original.as_ref().map(|f| f.key.as_str()),
        media.thumbnail.as_ref().map(|f| f.key.as_str()),
        media.upload_key.as_deref(),
    ];
    for key in keys.into_iter().flatten() {
        remove_if_unused(db, store, key).await?;
    }
    Ok(())
}

/// Removes the file kept under `key` when no attachment and no custom emoji names it any
/// more (files are shared by their content).
pub(crate) async fn remove_if_unused(
    db: &impl ConnectionTrait,
    store: &dyn MediaStore,
    key: &str,
) -> DomainResult<()> {
    let thumbnail = store::instance_settings::thumbnail(db).await?;
    if !store::media_attachments::key_in_use(db, key).await?
        && !store::custom_emojis::key_in_use(db, key).await?
        && thumbnail.is_none_or(|thumbnail| thumbnail.key != key)
    {
        store.delete(key).await?;
    }
    Ok(())
}

/// Removes attachments on no status (uploads never posted, or whose status was deleted)
/// made more than `age` ago, with their files; how many.
pub async fn remove_orphans(
    db: &DatabaseConnection,
    store: &dyn MediaStore,
    age: Duration,
) -> DomainResult<u64> {
    let before = Utc::now() - age;
    let mut removed = 0;
    loop {
        let orphans = store::media_attachments::orphans(db, before, BATCH).await?;
        if orphans.is_empty() {
            return Ok(removed);
        }
        for media in orphans {
            store::media_attachments::delete(db, media.id).await?;
            remove_unused_files(db, store, &media).await?;
            removed += 1;
        }
    }
}

/// How many remote attachments were copied here more than `age` ago.
pub async fn count_remote_cached(db: &DatabaseConnection, age: Duration) -> DomainResult<u64> {
    Ok(store::media_attachments::count_cached_before(db, Utc::now() - age).await?)
}

/// Forgets the copies of remote attachments made more than `age` ago (clients are sent to
/// the remote server again); `progress` hears of each one done. How many.
pub async fn prune_remote_cache(
    db: &DatabaseConnection,
    store: &dyn MediaStore,
    age: Duration,
    mut progress: impl FnMut(u64),
) -> DomainResult<u64> {
    let before = Utc::now() - age;
    let mut pruned = 0;
    loop {
        let cached = store::media_attachments::cached_before(db, before, BATCH).await?;
        if cached.is_empty() {
            return Ok(pruned);
        }
        for media in cached {
            let mut uncached = media.clone();
            uncached.original = None;
            uncached.thumbnail = None;
            uncached.cached_at = None;
            store::media_attachments::update(db, &uncached).await?;
            remove_unused_files(db, store, &media).await?;
            pruned += 1;
            progress(pruned);
        }
    }
}

/// Queues again uploads and copies whose processing task was lost; how many.
pub async fn requeue_lost(
    db: &impl ConnectionTrait,
    queue: &dyn TaskQueue,
    age: std::time::Duration,
) -> DomainResult<usize> {
    let age = Duration::from_std(age).unwrap_or_else(|_| Duration::minutes(1));
    let lost = store::media_attachments::processing_since(db, Utc::now() - age, BATCH).await?;
    let count = lost.len();
    if count > 0 {
        queue
            .process_media(lost)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}
