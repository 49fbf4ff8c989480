//! Custom emoji: this server's own (added by administrators) and other servers' (as their
//! posts and profiles carry them), each shown from this server's copy of its picture.
//!
//! Which emoji a status or an account uses is not kept: it is computed when read, from the
//! `:shortcode:`s in its text and its author's domain (None for local authors), as
//! Mastodon does. A link table would have to be written in every transaction that stores
//! or edits a status or a profile, and kept in step with edits and with emoji received
//! later; reading by (shortcode, domain) needs neither, cannot disagree with the text, and
//! shows an emoji received after the post that uses it.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::db::DatabaseConnection;
use crate::ids::{CustomEmojiId, Kind};
use crate::media::{MediaLimits, Processed};
use crate::origin::authority;
use crate::ports::{MediaStore, TaskQueue};
use crate::service::media::{self, MediaServices};
use crate::store;
use crate::types::{
    CustomEmoji, Instance, MediaState, Permission, RemoteEmoji, StoredFile, Viewer,
};
use crate::{DomainError, DomainResult};

/// The most bytes an emoji's picture may have (Mastodon's limit).
pub const MAX_EMOJI_BYTES: usize = 256 * 1024;
/// The most pixels an emoji's picture (each frame of an animation) may have.
pub const MAX_EMOJI_PIXELS: u64 = 1024 * 1024;
/// The most emoji of one remote object (a note, an actor) that are kept.
pub const MAX_EMOJIS_PER_OBJECT: usize = 50;
/// The most distinct shortcodes of one text that are looked up.
const MAX_SHORTCODES_READ: usize = 50;
/// Emoji handled per batch when queued again.
const BATCH: u64 = 100;

/// The limits an emoji's picture must keep.
pub fn limits() -> MediaLimits {
    MediaLimits {
        max_bytes: MAX_EMOJI_BYTES,
        max_pixels: MAX_EMOJI_PIXELS,
    }
}

/// Whether `shortcode` may name an emoji: 2 to 64 ASCII letters, digits and `_`.
pub fn is_shortcode(shortcode: &str) -> bool {
    (2..=64).contains(&shortcode.len())
        && shortcode
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The distinct shortcodes written as `:shortcode:` in `texts`, in order, at most
/// [`MAX_SHORTCODES_READ`] of them.
pub fn shortcodes_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        let mut rest = text;
        while let Some(start) = rest.find(':') {
            let after = &rest[start + 1..];
            let length = after
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let code = &after[..length];
            if after[length..].starts_with(':') && is_shortcode(code) {
                if !found.iter().any(|f| f == code) {
                    if found.len() == MAX_SHORTCODES_READ {
                        return found;
                    }
                    found.push(code.to_owned());
                }
                // The closing colon may not open another.
                rest = &after[length + 1..];
            } else {
                rest = after;
            }
        }
    }
    found
}

/// The emoji of `domain`'s (None: this server's) that `texts` use and that can be shown
/// (their copy is made), by shortcode.
pub async fn used_in<'a>(
    db: &impl ConnectionTrait,
    domain: Option<&str>,
    texts: impl IntoIterator<Item = &'a str>,
) -> DomainResult<Vec<CustomEmoji>> {
    let shortcodes = shortcodes_in(texts);
    Ok(store::custom_emojis::ready_by_shortcodes(db, domain, &shortcodes).await?)
}

/// This server's emoji offered to its users (the picker), by shortcode.
pub async fn picker(db: &impl ConnectionTrait) -> DomainResult<Vec<CustomEmoji>> {
    Ok(store::custom_emojis::local_in_picker(db).await?)
}

/// An emoji whose copy is made, whoever's it is; None for any other.
pub async fn shown_by_id(
    db: &impl ConnectionTrait,
    id: CustomEmojiId,
) -> DomainResult<Option<CustomEmoji>> {
    Ok(store::custom_emojis::by_id(db, id)
        .await?
        .filter(|emoji| emoji.file.is_some()))
}

/// One of this server's own emoji, ready to be shown; None for any other.
pub async fn local(
    db: &impl ConnectionTrait,
    id: CustomEmojiId,
) -> DomainResult<Option<CustomEmoji>> {
    Ok(store::custom_emojis::by_id(db, id)
        .await?
        .filter(|emoji| emoji.is_local() && emoji.file.is_some()))
}

/// Where clients fetch an emoji's picture: this server's copy, or None while there is none.
pub fn url(instance: &Instance, emoji: &CustomEmoji) -> Option<String> {
    emoji
        .file
        .as_ref()
        .map(|file| media::url(instance, &file.key))
}

/// Where clients fetch a still version of an emoji's picture.
pub fn static_url(instance: &Instance, emoji: &CustomEmoji) -> Option<String> {
    emoji
        .still
        .as_ref()
        .or(emoji.file.as_ref())
        .map(|file| media::url(instance, &file.key))
}

/// An emoji's ActivityPub id: its own for another server's, else at `/emojis/<id>`.
pub fn ap_id(instance: &Instance, emoji: &CustomEmoji) -> String {
    match &emoji.uri {
        Some(uri) => uri.clone(),
        None => instance.url(&format!("/emojis/{}", emoji.id)),
    }
}

/// What of a remote emoji is believed: a valid shortcode, an http(s) picture, and an id (if
/// any) on the server that sent it. None for anything else.
fn believed(domain: &str, remote: RemoteEmoji) -> Option<(String, RemoteEmoji)> {
    let shortcode = remote
        .name
        .strip_prefix(':')
        .and_then(|name| name.strip_suffix(':'))
        .unwrap_or(&remote.name);
    if !is_shortcode(shortcode) {
        return None;
    }
    let web = |url: &str| {
        url.len() <= 2048 && (url.starts_with("https://") || url.starts_with("http://"))
    };
    if !web(&remote.image_url) {
        return None;
    }
    if let Some(id) = &remote.id
        && (!web(id) || authority(id).as_deref() != Some(domain))
    {
        return None;
    }
    Some((shortcode.to_owned(), remote))
}

/// Keeps the emoji another server's object carries: those believed (see [`believed`]),
/// each shortcode once, at most [`MAX_EMOJIS_PER_OBJECT`]. A new emoji, or one whose
/// picture changed, is copied here by the `media` queue. How many were new or changed.
/// Emoji that are not believed are left out without error: they only decorate.
#[tracing::instrument(skip_all, fields(domain = %domain))]
pub async fn record_remote(
    db: &DatabaseConnection,
    queue: &dyn TaskQueue,
    domain: &str,
    emojis: Vec<RemoteEmoji>,
) -> DomainResult<usize> {
    let domain = domain.to_lowercase();
    let mut seen: Vec<String> = Vec::new();
    let mut queued = Vec::new();
    for remote in emojis {
        if seen.len() == MAX_EMOJIS_PER_OBJECT {
            break;
        }
        let Some((shortcode, remote)) = believed(&domain, remote) else {
            continue;
        };
        if seen.contains(&shortcode) {
            continue;
        }
        seen.push(shortcode.clone());
        let now = Utc::now();
        let updated = remote.updated.filter(|t| *t <= now).unwrap_or(now);
        match store::custom_emojis::by_shortcode(db, Some(domain.as_str()), &shortcode).await? {
            Some(mut known) => {
                let same = known.image_url.as_deref() == Some(remote.image_url.as_str());
                // An older description than the one kept (sent late) changes nothing.
                if same || remote.updated.is_some_and(|t| t < known.updated) {
                    continue;
                }
                known.image_url = Some(remote.image_url);
                known.uri = remote.id;
                known.updated = updated;
                known.state = MediaState::Processing;
                known.error = None;
                store::custom_emojis::update(db, &known).await?;
                queued.push(known.id);
            }
            None => {
                let emoji = CustomEmoji {
                    id: CustomEmojiId::new(),
                    shortcode,
                    domain: Some(domain.clone()),
                    uri: remote.id,
                    image_url: Some(remote.image_url),
                    state: MediaState::Processing,
                    error: None,
                    file: None,
                    still: None,
                    visible_in_picker: false,
                    updated,
                    created_at: now,
                };
                match store::custom_emojis::insert(db, &emoji).await {
                    Ok(()) => queued.push(emoji.id),
                    // Kept meanwhile by another delivery.
                    Err(error) if store::is_unique_violation(&error) => {}
                    Err(error) => return Err(error.into()),
                }
            }
        }
    }
    let count = queued.len();
    queue_copies(queue, queued).await;
    Ok(count)
}

/// Queues copies; when the queue fails, maintenance queues them again later.
async fn queue_copies(queue: &dyn TaskQueue, ids: Vec<CustomEmojiId>) {
    if ids.is_empty() {
        return;
    }
    if let Err(error) = queue.copy_emojis(ids).await {
        tracing::warn!(%error, "emoji copies not queued; maintenance will queue them again");
    }
}

/// A remote emoji waiting for its copy; None when there is nothing to do.
pub async fn waiting(
    db: &impl ConnectionTrait,
    id: CustomEmojiId,
) -> DomainResult<Option<CustomEmoji>> {
    Ok(store::custom_emojis::by_id(db, id)
        .await?
        .filter(|emoji| emoji.state == MediaState::Processing && emoji.image_url.is_some()))
}

/// The versions of an emoji's picture that are kept: as received (an animation keeps its
/// frames, bounded in size) and a still one.
async fn kept_files(
    services: &MediaServices,
    bytes: Vec<u8>,
) -> DomainResult<(StoredFile, StoredFile)> {
    let Processed {
        kind,
        original,
        thumbnail,
        thumbnail_kind,
        ..
    } = media::process_within(services, bytes, limits()).await?;
    let file = media::put(services, original, kind).await?;
    let still = media::put(services, thumbnail, thumbnail_kind).await?;
    Ok((file, still))
}

/// Keeps a remote emoji's picture, fetched by the queue (at most [`MAX_EMOJI_BYTES`]): the
/// earlier copy, if any, gives way. A picture that is no picture, or too large, fails the
/// emoji; an earlier copy is then shown still.
pub async fn keep_fetched(
    db: &impl ConnectionTrait,
    services: &MediaServices,
    mut emoji: CustomEmoji,
    bytes: Vec<u8>,
) -> DomainResult<CustomEmoji> {
    match kept_files(services, bytes).await {
        Ok((file, still)) => {
            let earlier = [emoji.file.take(), emoji.still.take()];
            emoji.file = Some(file);
            emoji.still = Some(still);
            emoji.state = MediaState::Ready;
            emoji.error = None;
            store::custom_emojis::update(db, &emoji).await?;
            for old in earlier.into_iter().flatten() {
                media::remove_if_unused(db, services.store.as_ref(), &old.key).await?;
            }
        }
        Err(
            error @ (DomainError::UnsupportedMedia(_)
            | DomainError::MediaTooLarge(_)
            | DomainError::CorruptMedia(_)),
        ) => {
            emoji = fail(db, emoji, error.to_string()).await?;
        }
        Err(error) => return Err(error),
    }
    Ok(emoji)
}

/// Marks a remote emoji's copy failed, saying why.
pub async fn fail(
    db: &impl ConnectionTrait,
    mut emoji: CustomEmoji,
    error: String,
) -> DomainResult<CustomEmoji> {
    emoji.state = MediaState::Failed;
    emoji.error = Some(error);
    store::custom_emojis::update(db, &emoji).await?;
    Ok(emoji)
}

/// Adds one of this server's own emoji. Administrators only; the picture is checked
/// (JPEG, PNG, WebP or GIF of at most [`MAX_EMOJI_BYTES`]) and kept at once.
#[tracing::instrument(skip_all, fields(shortcode = %shortcode))]
pub async fn create(
    db: &impl ConnectionTrait,
    services: &MediaServices,
    viewer: &Viewer,
    shortcode: &str,
    visible_in_picker: bool,
    bytes: Vec<u8>,
) -> DomainResult<CustomEmoji> {
    viewer.require(Permission::ManageCustomEmojis)?;
    let shortcode = shortcode.trim().trim_matches(':');
    if !is_shortcode(shortcode) {
        return Err(DomainError::validation(
            "shortcode",
            "2 to 64 letters (a to z), digits and '_'",
        ));
    }
    if store::custom_emojis::by_shortcode(db, None, shortcode)
        .await?
        .is_some()
    {
        return Err(taken());
    }
    let (file, still) = kept_files(services, bytes).await?;
    let now = Utc::now();
    let emoji = CustomEmoji {
        id: CustomEmojiId::new(),
        shortcode: shortcode.to_owned(),
        domain: None,
        uri: None,
        image_url: None,
        state: MediaState::Ready,
        error: None,
        file: Some(file),
        still: Some(still),
        visible_in_picker,
        updated: now,
        created_at: now,
    };
    match store::custom_emojis::insert(db, &emoji).await {
        Ok(()) => Ok(emoji),
        Err(error) => {
            // Nothing is left behind: the files go unless something else keeps them.
            for file in [&emoji.file, &emoji.still].into_iter().flatten() {
                let _ = media::remove_if_unused(db, services.store.as_ref(), &file.key).await;
            }
            if store::is_unique_violation(&error) {
                Err(taken())
            } else {
                Err(error.into())
            }
        }
    }
}

fn taken() -> DomainError {
    DomainError::validation("shortcode", "an emoji of this server has this shortcode")
}

/// Deletes one of this server's own emoji and its files. Administrators only.
pub async fn delete(
    db: &impl ConnectionTrait,
    store: &dyn MediaStore,
    viewer: &Viewer,
    id: CustomEmojiId,
) -> DomainResult<CustomEmojiId> {
    viewer.require(Permission::ManageCustomEmojis)?;
    let emoji = store::custom_emojis::by_id(db, id)
        .await?
        .filter(CustomEmoji::is_local)
        .ok_or(DomainError::NotFound(Kind::CustomEmoji))?;
    store::custom_emojis::delete(db, id).await?;
    for file in [&emoji.file, &emoji.still].into_iter().flatten() {
        media::remove_if_unused(db, store, &file.key).await?;
    }
    Ok(id)
}

/// Queues again copies whose task was lost; how many.
pub async fn requeue_lost(
    db: &impl ConnectionTrait,
    queue: &dyn TaskQueue,
    age: std::time::Duration,
) -> DomainResult<usize> {
    let age = chrono::Duration::from_std(age).unwrap_or_else(|_| chrono::Duration::minutes(1));
    let lost = store::custom_emojis::processing_since(db, Utc::now() - age, BATCH).await?;
    let count = lost.len();
    if count > 0 {
        queue
            .copy_emojis(lost)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_are_read_from_text_and_checked() {
        assert_eq!(
            shortcodes_in([
                "<p>hi :blobcat: and :blob_fox::blobcat: 12:30:45 :a: :x-y: :ok_2:</p>",
                ":blobcat:"
            ]),
            ["blobcat", "blob_fox", "30", "ok_2"]
        );
        assert!(is_shortcode("blobcat"));
        assert!(!is_shortcode("a"));
        assert!(!is_shortcode(&"a".repeat(65)));
        assert!(!is_shortcode("blob cat"));
        assert!(!is_shortcode("blöb"));
        let many: String = (0..200).map(|n| format!(":code{n}: ")).collect();
        assert_eq!(shortcodes_in([many.as_str()]).len(), MAX_SHORTCODES_READ);
    }

    #[test]
    fn only_emoji_of_the_sender_are_believed() {
        let emoji = |name: &str, id: Option<&str>, url: &str| RemoteEmoji {
            name: name.into(),
            id: id.map(str::to_owned),
            image_url: url.into(),
            updated: None,
        };
        let ok = believed(
            "a.example",
            emoji(
                ":blobcat:",
                Some("https://a.example/emojis/1"),
                "https://cdn.example/1.png",
            ),
        );
        assert_eq!(ok.map(|(code, _)| code), Some("blobcat".into()));
        assert!(
            believed(
                "a.example",
                emoji("blobcat", None, "https://a.example/1.png")
            )
            .is_some()
        );
        for bad in [
            emoji(":b:", None, "https://a.example/1.png"),
            emoji(":blob cat:", None, "https://a.example/1.png"),
            emoji(
                ":blobcat:",
                Some("https://b.example/emojis/1"),
                "https://a.example/1.png",
            ),
            emoji(":blobcat:", None, "javascript:alert(1)"),
            emoji(":blobcat:", Some("urn:x"), "https://a.example/1.png"),
        ] {
            assert!(believed("a.example", bad.clone()).is_none(), "{bad:?}");
        }
    }
}
