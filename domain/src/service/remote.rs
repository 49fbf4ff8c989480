//! What other servers tell us: their accounts, their statuses, follows of our accounts.
//! Remote HTML is sanitised here, before anything is stored.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::content;
use crate::db::{SharedWrite, WriteGroup, WriteTransaction};
use crate::ids::{AccountId, Kind, NotificationId, StatusId, TagId};
use crate::origin::{authority, same_origin};
use crate::ports::LiveEvent;
use crate::service::notifications::notify;
use crate::service::outbox::Outbox;
use crate::service::policies::{self, Interaction};
use crate::service::polls::RemotePoll;
use crate::service::quotes::{self, RemoteQuote};
use crate::service::tags::TagIds;
use crate::service::{conversations, edits, media};
use crate::store;
use crate::types::{
    Account, ActivityKind, InteractionPolicy, MAX_COUNT, MediaAttachment, NotificationKind,
    ProfileField, RemoteMedia, Status, Visibility,
};
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
fn clean(html: &str) -> String {
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

/// The most accounts a remote status mentions that are looked up and kept.
pub const MAX_REMOTE_MENTIONS: usize = 100;

/// The first `max` distinct items of `items`.
fn first_distinct<T: PartialEq>(items: impl IntoIterator<Item = T>, max: usize) -> Vec<T> {
    let mut kept = Vec::new();
    for item in items {
        if kept.len() == max {
            break;
        }
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

/// The actor ids a remote status mentions, as looked up: each once, http(s) URLs of a sane
/// length only, at most [`MAX_REMOTE_MENTIONS`] of them.
pub fn mention_ids(hrefs: impl IntoIterator<Item = String>) -> Vec<String> {
    first_distinct(
        hrefs.into_iter().filter_map(|href| web_url(Some(href))),
        MAX_REMOTE_MENTIONS,
    )
}

/// `url` when it is an http(s) URL of a sane length: anything else is not shown.
fn web_url(url: Option<String>) -> Option<String> {
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

/// A status as its server describes it.
#[derive(Debug, Clone)]
pub struct RemoteStatus {
    pub ap_id: String,
    pub url: String,
    pub author: AccountId,
    /// HTML, not yet sanitised.
    pub content_html: String,
    pub content_warning: String,
    pub sensitive: bool,
    pub visibility: Visibility,
    pub language: Option<String>,
    pub in_reply_to: Option<String>,
    pub published: DateTime<Utc>,
    pub mentioned: Vec<AccountId>,
    pub hashtags: Vec<String>,
    /// Pictures, to be copied here by the `media` queue.
    pub attachments: Vec<RemoteMedia>,
    /// Its poll, when it is a `Question`.
    pub poll: Option<RemotePoll>,
    /// The status it quotes, when it is a quote post.
    pub quote: Option<RemoteQuote>,
    /// Who may quote, reply to and boost it, as its server publishes (`interactionPolicy`);
    /// None when it publishes none.
    pub policy: Option<InteractionPolicy>,
}

/// Hashtag names as stored: lowercased, without `#`, at most 32 distinct ones of at most
/// 100 bytes.
fn clean_hashtags(hashtags: Vec<String>) -> Vec<String> {
    first_distinct(
        hashtags
            .into_iter()
            .map(|t| t.trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty() && t.len() <= 100),
        32,
    )
}

/// Stores a remote status once; receiving it again returns the stored one.
pub async fn store_status(
    db: &DatabaseConnection,
    outbox: &Outbox,
    tag_ids: &TagIds,
    group: &WriteGroup,
    remote: RemoteStatus,
) -> DomainResult<Status> {
    let parent = match &remote.in_reply_to {
        Some(ap_id) => store::statuses::by_ap_id(db, ap_id).await?,
        None => None,
    };
    // Private and local statuses are never sent anywhere: a reply to one from another
    // server answers something its author cannot have seen.
    if parent.as_ref().is_some_and(|p| !p.visibility.federates()) {
        return Err(DomainError::validation(
            "inReplyTo",
            "replies to a status that is never federated",
        ));
    }
    // A reply that a local status's policy does not allow is refused, not kept apart: it
    // answers that status, and its author asked not to be answered so (as GoToSocial
    // drops such replies). Another server's status is its own server's to rule on.
    if let Some(parent) = parent.as_ref().filter(|p| p.local)
        && !policies::allows(db, remote.author, parent, Interaction::Reply).await?
    {
        return Err(DomainError::Forbidden);
    }
    let Some(ap_id) = web_url(Some(remote.ap_id)) else {
        return Err(DomainError::validation("id", "not an http(s) URL"));
    };
    let id = StatusId::new();
    let status = Status {
        id,
        url: web_url(Some(remote.url)).unwrap_or_else(|| ap_id.clone()),
        ap_id,
        account_id: remote.author,
        local: false,
        source: String::new(),
        content_html: clean(&remote.content_html),
        content_warning: remote.content_warning.chars().take(1000).collect(),
        sensitive: remote.sensitive || !remote.content_warning.is_empty(),
        visibility: remote.visibility,
        language: remote.language.filter(|l| l.len() <= 16),
        in_reply_to_id: parent.as_ref().map(|p| p.id),
        in_reply_to_account_id: parent.as_ref().map(|p| p.account_id),
        in_reply_to_ap_id: remote.in_reply_to.filter(|ap_id| ap_id.len() <= 2048),
        reblog_of_id: None,
        thread_id: parent.as_ref().map_or(id, |p| p.thread_id),
        created_at: remote.published,
        edited_at: None,
        deleted_at: None,
        archived_at: None,
    };
    let tags = tag_ids
        .ids_for(db, &clean_hashtags(remote.hashtags))
        .await?;
    // Read before the write turn to keep it short. A reply stored meanwhile is not missed
    // for good: it queued the fetch of its parent, which joins it to the thread.
    let waiting = store::statuses::waiting_threads(db, &status.ap_id).await?;
    let media = media::remote(status.account_id, status.id, &remote.attachments);
    let new = Arc::new(NewRemoteStatus {
        status,
        mentioned: first_distinct(remote.mentioned, MAX_REMOTE_MENTIONS),
        tags,
        waiting,
        media,
        poll: remote.poll,
        policy: remote.policy,
        quote: remote.quote,
        written: std::sync::Mutex::new(None),
    });
    group.write(db, new.clone()).await?;
    let written = new
        .written
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .ok_or_else(|| DomainError::Internal("a remote status's write left no outcome".into()))?;
    let status = new.status.clone();
    let Some(notified) = written.notified else {
        return store::statuses::by_ap_id(db, &status.ap_id)
            .await?
            .ok_or(DomainError::NotFound(Kind::Status));
    };
    media::queue_ids(
        outbox.queue().as_ref(),
        new.media.iter().map(|m| m.id).collect(),
    )
    .await;
    outbox
        .tell(
            std::iter::once(LiveEvent::StatusCreated(status.id))
                .chain(LiveEvent::notified(notified)),
        )
        .await;
    if written.adopted > 0 {
        tracing::debug!(
            adopted = written.adopted,
            "replies that came first joined their thread"
        );
    }
    Ok(status)
}

/// A remote status to store, with everything written with it. Received statuses are
/// the inbox's most frequent write, so they are committed together with others that
/// arrive at the same moment (see [`WriteGroup::write`]).
struct NewRemoteStatus {
    status: Status,
    mentioned: Vec<AccountId>,
    tags: Vec<TagId>,
    /// Threads of replies that arrived before this status.
    waiting: Vec<uuid::Uuid>,
    media: Vec<MediaAttachment>,
    poll: Option<RemotePoll>,
    policy: Option<InteractionPolicy>,
    quote: Option<RemoteQuote>,
    written: std::sync::Mutex<Option<Written>>,
}

/// What storing a remote status did.
struct Written {
    /// The notifications made, or None when the status was known already.
    notified: Option<Vec<NotificationId>>,
    adopted: u64,
}

#[async_trait::async_trait]
impl SharedWrite for NewRemoteStatus {
    /// Its ActivityPub id: the unique key its row is written under, and that a copy of it
    /// waits on.
    fn order(&self) -> &str {
        &self.status.ap_id
    }

    async fn write(&self, txn: &WriteTransaction) -> DomainResult<()> {
        let status = &self.status;
        let written = if store::statuses::insert_unless_known(txn, status).await? {
            store::mentions::insert(txn, status.id, &self.mentioned).await?;
            conversations::record(txn, status, &self.mentioned).await?;
            store::tags::link(txn, status.id, &self.tags).await?;
            let notified = notify(
                txn,
                NotificationKind::Mention,
                status.account_id,
                Some(status.id),
                &self.mentioned,
            )
            .await?;
            let adopted = store::statuses::adopt(txn, status, &self.waiting).await?;
            store::media_attachments::insert(txn, &self.media).await?;
            if let Some(poll) = &self.poll {
                crate::service::polls::store_remote(txn, status.id, poll.clone()).await?;
            }
            if let Some(policy) = &self.policy {
                store::interaction_policies::put(txn, status.id, policy).await?;
            }
            if self.quote.is_some() {
                quotes::record_remote(txn, status, self.quote.clone()).await?;
            }
            quotes::link_quoted(txn, status).await?;
            Written {
                notified: Some(notified),
                adopted,
            }
        } else {
            Written {
                notified: None,
                adopted: 0,
            }
        };
        *self
            .written
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(written);
        Ok(())
    }
}

/// A status by its ActivityPub id, whoever may see it: for threading, not for showing.
pub async fn status_by_ap_id(
    db: &impl ConnectionTrait,
    ap_id: &str,
) -> DomainResult<Option<Status>> {
    Ok(store::statuses::by_ap_id(db, ap_id).await?)
}

/// The id of the status `id` replies to, while that status is unknown here.
pub async fn missing_parent(
    db: &impl ConnectionTrait,
    id: StatusId,
) -> DomainResult<Option<String>> {
    Ok(store::statuses::by_id(db, id)
        .await?
        .filter(|status| status.in_reply_to_id.is_none() && !status.is_deleted())
        .and_then(|status| status.in_reply_to_ap_id))
}

/// Joins the replies waiting for `parent`, known now, to it.
pub async fn adopt_replies(db: &DatabaseConnection, parent: &Status) -> DomainResult<u64> {
    let txn = crate::db::begin_write(db).await?;
    let adopted = store::statuses::adopt_replies(&txn, parent).await?;
    txn.commit().await?;
    Ok(adopted)
}

/// Applies a remote author's edit: text, content warning, sensitivity, language,
/// attachments, mentions (the newly mentioned are notified) and hashtags change;
/// visibility and thread do not. False when the status is unknown.
pub async fn update_status(
    db: &DatabaseConnection,
    outbox: &Outbox,
    remote: RemoteStatus,
) -> DomainResult<bool> {
    let Some(existing) = store::statuses::by_ap_id(db, &remote.ap_id).await? else {
        return Ok(false);
    };
    if existing.account_id != remote.author {
        return Err(DomainError::Forbidden);
    }
    if existing.is_deleted() {
        return Ok(false);
    }
    let content_warning: String = remote.content_warning.chars().take(1000).collect();
    let language = remote.language.clone().filter(|l| l.len() <= 16);
    let shown = store::media_attachments::of_statuses(db, &[existing.id]).await?;
    let same_media = shown
        .iter()
        .map(|m| m.remote_url.as_deref())
        .eq(remote.attachments.iter().map(|a| Some(a.url.as_str())));
    // An Update that changes only a poll's counts, a quote's stamp or a policy is no edit.
    if clean(&remote.content_html) == existing.content_html
        && content_warning == existing.content_warning
        && language == existing.language
        && (remote.sensitive || !content_warning.is_empty()) == existing.sensitive
        && same_media
    {
        let txn = crate::db::begin_write(db).await?;
        if let Some(poll) = remote.poll.clone() {
            crate::service::polls::refresh_remote(&txn, existing.id, poll).await?;
        }
        if let Some(policy) = &remote.policy {
            store::interaction_policies::put(&txn, existing.id, policy).await?;
        }
        quotes::record_remote(&txn, &existing, remote.quote).await?;
        txn.commit().await?;
        outbox.tell([LiveEvent::StatusEdited(existing.id)]).await;
        return Ok(true);
    }
    let existing_version = existing.clone();
    let edited = Status {
        content_html: clean(&remote.content_html),
        content_warning: remote.content_warning.chars().take(1000).collect(),
        sensitive: remote.sensitive || !remote.content_warning.is_empty(),
        language: remote.language.filter(|l| l.len() <= 16),
        edited_at: Some(Utc::now()),
        ..existing
    };
    let hashtags = clean_hashtags(remote.hashtags);
    let mentioned = first_distinct(remote.mentioned, MAX_REMOTE_MENTIONS);
    let previous = crate::types::StatusVersion::current(
        &existing_version,
        shown.iter().map(|m| m.id).collect(),
    );
    let txn = crate::db::begin_write(db).await?;
    store::status_edits::insert(&txn, edited.id, &previous).await?;
    store::statuses::update_content(&txn, &edited).await?;
    let fresh =
        edits::show_remote_media(&txn, &edited, &shown, &remote.attachments, Utc::now()).await?;
    let newly_mentioned = edits::remention(&txn, edited.id, &mentioned).await?;
    conversations::rementioned(&txn, &edited, &mentioned, &newly_mentioned).await?;
    // Those here who boosted it or quoted it are told, as of a local status's edit.
    let mut told = store::statuses::boosters_of(&txn, edited.id).await?;
    told.extend(quotes::quoters_of(&txn, edited.id).await?);
    told.sort_by_key(|account| account.0);
    told.dedup();
    let mut notified = notify(
        &txn,
        NotificationKind::Update,
        edited.account_id,
        Some(edited.id),
        &told,
    )
    .await?;
    notified.extend(
        notify(
            &txn,
            NotificationKind::Mention,
            edited.account_id,
            Some(edited.id),
            &newly_mentioned,
        )
        .await?,
    );
    store::tags::detach_all(&txn, edited.id).await?;
    store::tags::attach(&txn, edited.id, &hashtags).await?;
    if let Some(poll) = remote.poll {
        crate::service::polls::refresh_remote(&txn, edited.id, poll).await?;
    }
    if let Some(policy) = &remote.policy {
        store::interaction_policies::put(&txn, edited.id, policy).await?;
    }
    quotes::record_remote(&txn, &edited, remote.quote).await?;
    txn.commit().await?;
    media::queue_ids(outbox.queue().as_ref(), fresh).await;
    outbox
        .tell(
            std::iter::once(LiveEvent::StatusEdited(edited.id))
                .chain(LiveEvent::notified(notified)),
        )
        .await;
    Ok(true)
}

/// Deletes a remote status on its author's word; false when there was none to delete.
pub async fn delete_status(
    db: &DatabaseConnection,
    outbox: &Outbox,
    author: AccountId,
    ap_id: &str,
) -> DomainResult<bool> {
    let Some(status) = store::statuses::by_ap_id(db, ap_id).await? else {
        return Ok(false);
    };
    if status.account_id != author {
        return Err(DomainError::Forbidden);
    }
    if status.is_deleted() {
        return Ok(false);
    }
    let txn = crate::db::begin_write(db).await?;
    store::statuses::tombstone(&txn, status.id, Utc::now()).await?;
    conversations::forget(&txn, &status).await?;
    store::tags::detach_all(&txn, status.id).await?;
    store::media_attachments::detach_all(&txn, status.id).await?;
    quotes::forget(&txn, status.id).await?;
    txn.commit().await?;
    outbox.tell([LiveEvent::StatusDeleted(status.id)]).await;
    Ok(true)
}

/// A remote account moved to `target` (its server said so, and `target` names it as an
/// earlier self). Recorded on the account, and its local followers follow `target` instead;
/// returns how many did.
pub async fn moved(
    db: &DatabaseConnection,
    outbox: &Outbox,
    account: AccountId,
    target: AccountId,
) -> DomainResult<u64> {
    if account == target {
        return Err(DomainError::validation(
            "target",
            "an account cannot move to itself",
        ));
    }
    store::accounts::set_moved_to(db, account, target).await?;
    // Local followers follow the new account instead, as they would on Mastodon; one who
    // may not (a block between them) keeps following the old one.
    let mut moved = 0;
    for follower in store::follows::local_followers(db, account).await? {
        match crate::service::follows::follow_as(db, outbox, follower, target).await {
            Ok(_) => {
                crate::service::follows::unfollow_as(db, outbox, follower, account).await?;
                moved += 1;
            }
            Err(error @ (DomainError::Database(_) | DomainError::Internal(_))) => {
                return Err(error);
            }
            Err(error) => tracing::debug!(%error, %follower, "a follower stays behind"),
        }
    }
    Ok(moved)
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
    let removed = store::statuses::tombstone_all_of(&txn, account, Utc::now()).await?;
    store::tags::detach_all_of(&txn, account).await?;
    store::media_attachments::detach_all_of(&txn, account).await?;
    store::quotes::delete_all_of(&txn, account).await?;
    store::follows::delete_all_of(&txn, account).await?;
    store::follow_requests::delete_all_of(&txn, account).await?;
    txn.commit().await?;
    Ok(removed)
}

/// How a received Follow ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowOutcome {
    Following,
    Requested,
    /// Refused across a block; the follower's server gets a `Reject`.
    Rejected,
}

/// A remote account follows (or asks to follow) a local one; an unlocked account accepts
/// at once.
pub async fn follow_received(
    db: &DatabaseConnection,
    outbox: &Outbox,
    follower: AccountId,
    target_actor_id: &str,
    activity_id: Option<String>,
) -> DomainResult<(Account, FollowOutcome)> {
    let target = store::accounts::by_actor_id(db, target_actor_id)
        .await?
        .filter(Account::is_local)
        .ok_or(DomainError::NotFound(Kind::Account))?;
    match crate::service::blocks::refuse_across(db, follower, target.id).await {
        Ok(()) => {}
        Err(DomainError::Forbidden) => {
            let reject =
                outbox.to_account(target.id, ActivityKind::RejectFollow, follower, activity_id);
            let txn = crate::db::begin_write(db).await?;
            let rejected = outbox.record(&txn, &reject).await?;
            txn.commit().await?;
            outbox.publish(vec![rejected]).await;
            return Ok((target, FollowOutcome::Rejected));
        }
        Err(other) => return Err(other),
    }
    let txn = crate::db::begin_write(db).await?;
    let mut published = Vec::new();
    let mut notified = Vec::new();
    let outcome = if target.locked {
        if store::follow_requests::insert(&txn, follower, target.id, activity_id).await? {
            notified = notify(
                &txn,
                NotificationKind::FollowRequest,
                follower,
                None,
                &[target.id],
            )
            .await?;
        }
        FollowOutcome::Requested
    } else {
        if store::follows::insert(&txn, follower, target.id, activity_id.clone()).await? {
            notified = notify(&txn, NotificationKind::Follow, follower, None, &[target.id]).await?;
        }
        let accept =
            outbox.to_account(target.id, ActivityKind::AcceptFollow, follower, activity_id);
        published.push(outbox.record(&txn, &accept).await?);
        FollowOutcome::Following
    };
    txn.commit().await?;
    outbox.publish(published).await;
    outbox.tell(LiveEvent::notified(notified)).await;
    Ok((target, outcome))
}

/// A remote account answers a local account's request to follow it: the request becomes a
/// follow (`accepted`) or goes away. The request is found by the follower's actor id or by
/// the Follow's id; an answer to no request changes nothing.
pub async fn follow_answered(
    db: &DatabaseConnection,
    followee: AccountId,
    follower_actor_id: Option<&str>,
    follow_ap_id: Option<&str>,
    accepted: bool,
) -> DomainResult<()> {
    let follower = match (follower_actor_id, follow_ap_id) {
        (Some(actor_id), _) => store::accounts::by_actor_id(db, actor_id)
            .await?
            .filter(Account::is_local)
            .map(|account| account.id),
        (None, Some(ap_id)) => store::follow_requests::by_ap_id(db, ap_id)
            .await?
            .filter(|(_, requested)| *requested == followee)
            .map(|(follower, _)| follower),
        (None, None) => None,
    };
    let Some(follower) = follower else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let request = store::follow_requests::find(&txn, follower, followee).await?;
    if accepted {
        if let Some(ap_id) = request {
            store::follow_requests::delete(&txn, follower, followee).await?;
            store::follows::insert(&txn, follower, followee, ap_id).await?;
        }
    } else {
        // A Reject also ends a follow that was accepted before.
        store::follow_requests::delete(&txn, follower, followee).await?;
        store::follows::delete(&txn, follower, followee).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A remote account stops following (or withdraws its request to follow) a local one.
pub async fn unfollow_received(
    db: &DatabaseConnection,
    follower: AccountId,
    target_actor_id: &str,
) -> DomainResult<()> {
    let Some(target) = store::accounts::by_actor_id(db, target_actor_id).await? else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    store::follows::delete(&txn, follower, target.id).await?;
    crate::service::follows::end_request(&txn, follower, target.id).await?;
    txn.commit().await?;
    Ok(())
}
