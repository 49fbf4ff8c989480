//! Statuses other servers tell us of: a received Create, Update or Delete of a status,
//! and the threads they join.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::db::{SharedWrite, WriteGroup, WriteTransaction};
use crate::ids::{AccountId, Kind, NotificationId, StatusId, TagId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::policies::{self, Interaction};
use crate::service::polls::RemotePoll;
use crate::service::quotes::{self, RemoteQuote};
use crate::service::remote::{clean, web_url};
use crate::service::tags::TagIds;
use crate::service::{conversations, edits, media};
use crate::store;
use crate::types::{
    InteractionPolicy, MediaAttachment, NotificationKind, RemoteMedia, Status, Visibility,
};
use crate::{DomainError, DomainResult};

/// The most accounts a remote status mentions that are looked up and kept.
pub const MAX_REMOTE_MENTIONS: usize = 100;

/// The actor ids a remote status mentions, as looked up: each once, http(s) URLs of a sane
/// length only, at most [`MAX_REMOTE_MENTIONS`] of them.
pub fn mention_ids(hrefs: impl IntoIterator<Item = String>) -> Vec<String> {
    first_distinct(
        hrefs.into_iter().filter_map(|href| web_url(Some(href))),
        MAX_REMOTE_MENTIONS,
    )
}

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
    app: &App,
    tag_ids: &TagIds,
    group: &WriteGroup,
    remote: RemoteStatus,
) -> DomainResult<Status> {
    let parent = match &remote.in_reply_to {
        Some(ap_id) => store::statuses::by_ap_id(&app.db, ap_id).await?,
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
        && !policies::allows(&app.db, remote.author, parent, Interaction::Reply).await?
    {
        return Err(DomainError::Forbidden);
    }
    let Some(ap_id) = web_url(Some(remote.ap_id)) else {
        return Err(DomainError::validation("id", "not an http(s) URL"));
    };
    // A moderator may have marked the author's media sensitive from now on.
    let sensitized = !remote.attachments.is_empty()
        && store::accounts::by_id(&app.db, remote.author)
            .await?
            .is_some_and(|author| author.restrictions.sensitized());
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
        sensitive: remote.sensitive || !remote.content_warning.is_empty() || sensitized,
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
        .ids_for(&app.db, &clean_hashtags(remote.hashtags))
        .await?;
    // Read before the write turn to keep it short. A reply stored meanwhile is not missed
    // for good: it queued the fetch of its parent, which joins it to the thread.
    let waiting = store::statuses::waiting_threads(&app.db, &status.ap_id).await?;
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
    group.write(&app.db, new.clone()).await?;
    let written = new
        .written
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .ok_or_else(|| DomainError::Internal("a remote status's write left no outcome".into()))?;
    let status = new.status.clone();
    let Some(notified) = written.notified else {
        return store::statuses::by_ap_id(&app.db, &status.ap_id)
            .await?
            .ok_or(DomainError::NotFound(Kind::Status));
    };
    media::queue_ids(
        app.outbox.queue().as_ref(),
        new.media.iter().map(|m| m.id).collect(),
    )
    .await;
    app.outbox
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
pub async fn update_status(app: &App, remote: RemoteStatus) -> DomainResult<bool> {
    let Some(existing) = store::statuses::by_ap_id(&app.db, &remote.ap_id).await? else {
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
    let shown = store::media_attachments::of_statuses(&app.db, &[existing.id]).await?;
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
        let txn = app.write().await?;
        if let Some(poll) = remote.poll.clone() {
            crate::service::polls::refresh_remote(&txn, existing.id, poll).await?;
        }
        if let Some(policy) = &remote.policy {
            store::interaction_policies::put(&txn, existing.id, policy).await?;
        }
        quotes::record_remote(&txn, &existing, remote.quote).await?;
        txn.tell([LiveEvent::StatusEdited(existing.id)]);
        txn.commit().await?;
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
    let txn = app.write().await?;
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
    txn.tell(
        std::iter::once(LiveEvent::StatusEdited(edited.id)).chain(LiveEvent::notified(notified)),
    );
    txn.commit().await?;
    media::queue_ids(app.outbox.queue().as_ref(), fresh).await;
    Ok(true)
}

/// Deletes a remote status on its author's word; false when there was none to delete.
pub async fn delete_status(app: &App, author: AccountId, ap_id: &str) -> DomainResult<bool> {
    let Some(status) = store::statuses::by_ap_id(&app.db, ap_id).await? else {
        return Ok(false);
    };
    if status.account_id != author {
        return Err(DomainError::Forbidden);
    }
    if status.is_deleted() {
        return Ok(false);
    }
    let txn = app.write().await?;
    store::statuses::tombstone(&txn, status.id, Utc::now()).await?;
    conversations::forget(&txn, &status).await?;
    store::tags::detach_all(&txn, status.id).await?;
    store::media_attachments::detach_all(&txn, status.id).await?;
    quotes::forget(&txn, status.id).await?;
    txn.tell([LiveEvent::StatusDeleted(status.id)]);
    txn.commit().await?;
    Ok(true)
}
