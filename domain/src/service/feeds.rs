//! Feeds of public statuses, as RSS and Atom readers get them: one local account's, or one
//! hashtag's.
//!
//! An account's feed holds its public statuses, without its boosts and its replies to
//! others (as Mastodon's do); a hashtag's feed every public status carrying it. Nothing
//! unlisted, followers-only or direct is ever in a feed.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::{accounts, media};
use crate::store;
use crate::types::{Account, MediaAttachment, MediaState, Status, Timeline, Visibility};
use crate::{DomainError, DomainResult};

/// Statuses a feed holds, the newest.
pub const FEED_SIZE: u64 = 20;

/// A status in a feed, with what a reader shows of it.
#[derive(Debug, Clone)]
pub struct FeedItem {
    pub status: Status,
    pub author: Account,
    /// Pictures ready to be shown, in order.
    pub media: Vec<MediaAttachment>,
    /// Hashtags, lowercased, without `#`.
    pub tags: Vec<String>,
}

/// The feed of the local account `username`; not found for unknown accounts and the
/// instance's own actor.
pub async fn account(
    db: &impl ConnectionTrait,
    username: &str,
) -> DomainResult<(Account, Vec<FeedItem>)> {
    let account = accounts::local_by_username(db, username).await?;
    if account.is_instance_actor() {
        return Err(DomainError::NotFound(Kind::Account));
    }
    let page = store::timelines::timeline_page(
        db,
        Timeline::PublicOf(account.id),
        None,
        &PageRequest::first(FEED_SIZE),
    )
    .await?;
    let items = items(db, page).await?;
    Ok((account, items))
}

/// The feed of the hashtag `tag` (with or without `#`) and its name; not found for a
/// hashtag no status here ever carried.
pub async fn hashtag(
    db: &impl ConnectionTrait,
    tag: &str,
) -> DomainResult<(String, Vec<FeedItem>)> {
    let name = crate::content::name_of(tag).map_err(|_| DomainError::NotFound(Kind::Object))?;
    let Some(id) = store::tags::by_name(db, &name).await? else {
        return Err(DomainError::NotFound(Kind::Object));
    };
    let page = store::timelines::timeline_page(
        db,
        Timeline::Tag(id),
        None,
        &PageRequest::first(FEED_SIZE),
    )
    .await?;
    let items = items(db, page).await?;
    Ok((name, items))
}

/// The page's public statuses with their authors, pictures and hashtags.
async fn items(db: &impl ConnectionTrait, page: Page<Status>) -> DomainResult<Vec<FeedItem>> {
    // The timelines already hold public statuses only; this keeps it so whatever they become.
    let statuses: Vec<Status> = page
        .items
        .into_iter()
        .map(|(_, status)| status)
        .filter(|status| {
            status.visibility == Visibility::Public
                && status.deleted_at.is_none()
                && status.reblog_of_id.is_none()
        })
        .collect();
    let ids: Vec<StatusId> = statuses.iter().map(|s| s.id).collect();
    let mut author_ids: Vec<AccountId> = statuses.iter().map(|s| s.account_id).collect();
    author_ids.sort_by_key(|id| id.0);
    author_ids.dedup();
    let authors: HashMap<AccountId, Account> = accounts::by_ids(db, &author_ids)
        .await?
        .into_iter()
        .map(|account| (account.id, account))
        .collect();
    let mut pictures: HashMap<StatusId, Vec<MediaAttachment>> = HashMap::new();
    for attachment in media::of_statuses(db, &ids).await? {
        if let Some(status) = attachment.status_id
            && attachment.state == MediaState::Ready
        {
            pictures.entry(status).or_default().push(attachment);
        }
    }
    let mut tags = store::tags::names_by_statuses(db, &ids).await?;
    Ok(statuses
        .into_iter()
        .filter_map(|status| {
            let author = authors.get(&status.account_id)?.clone();
            Some(FeedItem {
                media: pictures.remove(&status.id).unwrap_or_default(),
                tags: tags.remove(&status.id).unwrap_or_default(),
                author,
                status,
            })
        })
        .collect())
}
