//! What other servers tell us of their actors, and of which activities we have seen.
//! Remote HTML is sanitised here, before anything is stored.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::content;
use crate::ids::{AccountId, Kind};
use crate::origin::{authority, same_origin};
use crate::store;
use crate::types::{Account, AccountRestrictions, MAX_COUNT, ProfileField};
use crate::{DomainError, DomainResult};

/// An actor as its server describes it.
#[derive(Debug, Clone)]
pub struct RemoteActor {
    pub actor_id: String,
    pub key_id: String,
    pub public_key_pem: String,
    pub username: String,
    /// Host (and port) of the actor's server.
    pub domain: String,
    pub display_name: String,
    /// HTML, not yet sanitised.
    pub note_html: String,
    pub fields: Vec<ProfileField>,
    pub url: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub outbox_url: Option<String>,
    pub followers_url: Option<String>,
    pub following_url: Option<String>,
    pub featured_url: Option<String>,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub indexable: bool,
    pub published: Option<DateTime<Utc>>,
    /// The avatar's URL on the actor's server.
    pub avatar_url: Option<String>,
    /// The header picture's URL on the actor's server.
    pub header_url: Option<String>,
}

/// The most bytes of a remote text (a post, a bio, a field) read before it is sanitised,
/// and the most kept of it after: longer ones are cut. Parsing HTML costs more than linear
/// time in some inputs (many character references), so this bounds what one remote post
/// can cost; 64 KiB is about ten thousand words of HTML.
pub const MAX_REMOTE_TEXT_BYTES: usize = 64 * 1024;

/// Room left, when sanitised HTML is cut, for the end tags that close what was open.
const END_TAGS_ROOM: usize = 1024;

/// Sanitised HTML of at most [`MAX_REMOTE_TEXT_BYTES`]. Sanitising can make a text longer
/// (a `<` becomes `&lt;`): what it wrote past the cap is cut where no tag or character
/// reference is split, and sanitised again, which closes what the cut left open.
pub(crate) fn clean(html: &str) -> String {
    let mut cleaned = content::sanitize(prefix(html, MAX_REMOTE_TEXT_BYTES));
    let mut keep = MAX_REMOTE_TEXT_BYTES - END_TAGS_ROOM;
    while cleaned.len() > MAX_REMOTE_TEXT_BYTES {
        cleaned = content::sanitize(markup_prefix(&cleaned, keep));
        keep /= 2;
    }
    cleaned
}

/// The longest start of `text` of at most `max` bytes.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The longest start of sanitised `html` of at most `max` bytes that splits no tag and no
/// character reference.
fn markup_prefix(html: &str, max: usize) -> &str {
    let cut = prefix(html, max);
    let open_tag = cut.rfind('<').filter(|at| !cut[*at..].contains('>'));
    let open_reference = cut.rfind('&').filter(|at| !cut[*at..].contains(';'));
    match open_tag.into_iter().chain(open_reference).min() {
        Some(at) => &cut[..at],
        None => cut,
    }
}

/// The longest username of a remote account.
pub const MAX_REMOTE_USERNAME_CHARS: usize = 100;

/// Whether `username` can stand in a handle (`user@domain`): letters, digits, `_`, `.`,
/// `-` and `:` (GoToSocial names its instance actor for its host, port included), at most
/// [`MAX_REMOTE_USERNAME_CHARS`] of them. No control or formatting character, space or `@`
/// passes.
pub fn is_handle_username(username: &str) -> bool {
    !username.is_empty()
        && username.chars().count() <= MAX_REMOTE_USERNAME_CHARS
        && username
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | ':'))
}

/// `url` when it is an http(s) URL of a sane length: anything else is not shown.
pub(crate) fn web_url(url: Option<String>) -> Option<String> {
    url.filter(|url| {
        url.len() <= 2048 && (url.starts_with("https://") || url.starts_with("http://"))
    })
}

/// Checks that an actor document speaks only for its own server: its id and its key are
/// on the server it says it is on.
fn check_origin(actor: &RemoteActor) -> DomainResult<()> {
    if authority(&actor.actor_id).as_deref() != Some(actor.domain.to_lowercase().as_str()) {
        return Err(DomainError::ForeignOrigin(
            "the actor is not on the server it names",
        ));
    }
    if !same_origin(&actor.key_id, &actor.actor_id) {
        return Err(DomainError::ForeignOrigin(
            "the actor's key is on another server",
        ));
    }
    Ok(())
}

/// Stores a remote actor, or refreshes the one we have. A document never describes a local
/// account (nor, since this server's objects are never fetched, an account of this server),
/// nor an account of another server than its own.
pub async fn upsert_account(
    db: &impl ConnectionTrait,
    actor: RemoteActor,
) -> DomainResult<Account> {
    if actor.username.is_empty() || actor.domain.is_empty() {
        return Err(DomainError::validation(
            "actor",
            "an actor needs a username and a domain",
        ));
    }
    if !is_handle_username(&actor.username) {
        return Err(DomainError::validation(
            "preferredUsername",
            format!(
                "a username is at most {MAX_REMOTE_USERNAME_CHARS} letters, digits, '_', '.', \
                 '-' and ':'"
            ),
        ));
    }
    check_origin(&actor)?;
    let (Some(_), Some(inbox_url)) = (
        web_url(Some(actor.actor_id.clone())),
        web_url(Some(actor.inbox_url.clone())),
    ) else {
        return Err(DomainError::validation(
            "actor",
            "an actor's id and inbox are http(s) URLs",
        ));
    };
    let existing = store::accounts::by_actor_id(db, &actor.actor_id).await?;
    if existing.as_ref().is_some_and(Account::is_local) {
        return Err(DomainError::ForeignOrigin(
            "another server describes an account of this one",
        ));
    }
    let now = Utc::now();
    let mut account = Account {
        id: existing.as_ref().map_or_else(AccountId::new, |a| a.id),
        username: actor.username,
        domain: Some(actor.domain.to_lowercase()),
        display_name: actor.display_name.chars().take(200).collect(),
        note_source: String::new(),
        note_html: clean(&actor.note_html),
        fields: actor
            .fields
            .into_iter()
            .take(16)
            .map(|f| {
                // A remote field's value is HTML, sanitised as any other remote HTML.
                let html = clean(&f.value);
                ProfileField {
                    name: f.name.chars().take(255).collect(),
                    value: content::plain_text(&html),
                    value_html: html,
                    verified_at: None,
                }
            })
            .collect(),
        avatar_ref: web_url(actor.avatar_url),
        header_ref: web_url(actor.header_url),
        locked: actor.locked,
        bot: actor.bot,
        discoverable: actor.discoverable,
        indexable: actor.indexable,
        url: web_url(Some(actor.url)).unwrap_or_else(|| actor.actor_id.clone()),
        actor_id: actor.actor_id,
        inbox_url,
        shared_inbox_url: web_url(actor.shared_inbox_url),
        outbox_url: web_url(actor.outbox_url),
        followers_url: web_url(actor.followers_url),
        following_url: web_url(actor.following_url),
        featured_url: web_url(actor.featured_url),
        moved_to: existing.as_ref().and_then(|a| a.moved_to),
        also_known_as: Vec::new(),
        // What moderators set stays; a new account of a limited server starts limited.
        restrictions: match &existing {
            Some(existing) => existing.restrictions,
            None => AccountRestrictions {
                limited_at: crate::service::domain_blocks::limited_since(db, &actor.domain).await?,
                ..Default::default()
            },
        },
        public_key_pem: actor.public_key_pem,
        key_id: Some(actor.key_id),
        created_at: actor.published.unwrap_or(now),
        updated_at: now,
    };
    match existing {
        Some(existing) => {
            account.created_at = existing.created_at;
            store::accounts::update_remote(db, &account).await?;
        }
        None => match store::accounts::insert(db, &account, None).await {
            Ok(()) => {}
            // Stored meanwhile by a request that saw it first (a Follow and a Create
            // arriving together): refresh that one.
            Err(error) if store::is_unique_violation(&error) => {
                let stored = store::accounts::by_actor_id(db, &account.actor_id)
                    .await?
                    .ok_or(DomainError::Database(error))?;
                account.id = stored.id;
                account.created_at = stored.created_at;
                store::accounts::update_remote(db, &account).await?;
            }
            Err(error) => return Err(error.into()),
        },
    }
    Ok(account)
}

/// The counts a remote account's server publishes (its outbox's, followers' and
/// following collections' `totalItems`); None for one it does not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PublishedCounts {
    pub statuses: Option<u64>,
    pub followers: Option<u64>,
    pub following: Option<u64>,
}

/// Keeps what a remote account's server published of its counts, clamped to
/// [`MAX_COUNT`]; a count it did not publish stays as it was.
pub async fn set_published_counts(
    db: &impl ConnectionTrait,
    account: AccountId,
    counts: PublishedCounts,
) -> DomainResult<()> {
    let clamp = |count: Option<u64>| count.map(|n| n.min(MAX_COUNT));
    let counts = [
        clamp(counts.statuses),
        clamp(counts.followers),
        clamp(counts.following),
    ];
    Ok(store::accounts::set_published_counts(db, account, counts).await?)
}

pub async fn account_by_key_id(
    db: &impl ConnectionTrait,
    key_id: &str,
) -> DomainResult<Option<Account>> {
    Ok(store::accounts::by_key_id(db, key_id).await?)
}

pub async fn account_by_actor_id(
    db: &impl ConnectionTrait,
    actor_id: &str,
) -> DomainResult<Option<Account>> {
    Ok(store::accounts::by_actor_id(db, actor_id).await?)
}

/// Known accounts among actor ids (for mentions).
pub async fn accounts_by_actor_ids(
    db: &impl ConnectionTrait,
    ids: &[String],
) -> DomainResult<Vec<Account>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(store::accounts::by_actor_ids(db, ids).await?)
}

/// Records an activity id; false when it was seen before.
pub async fn first_sight(db: &impl ConnectionTrait, activity_id: &str) -> DomainResult<bool> {
    Ok(store::received_activities::record(db, activity_id).await?)
}

/// Forgets an activity id after it failed to apply, so a redelivery is applied.
pub async fn forget_sight(db: &impl ConnectionTrait, activity_id: &str) -> DomainResult<()> {
    Ok(store::received_activities::forget(db, activity_id).await?)
}

/// A remote account was deleted by its server: its statuses become tombstones (replies to
/// them stay in their threads) and its follows end. The account row stays, so that the
/// tombstones keep an author.
pub async fn delete_actor(db: &DatabaseConnection, account: AccountId) -> DomainResult<u64> {
    let found = store::accounts::by_id(db, account)
        .await?
        .ok_or(DomainError::NotFound(Kind::Account))?;
    if found.is_local() {
        return Err(DomainError::Forbidden);
    }
    let txn = crate::db::begin_write(db).await?;
    let removed = crate::service::accounts::erase_content(&txn, account).await?;
    txn.commit().await?;
    Ok(removed)
}
