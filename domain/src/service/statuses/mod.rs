//! Posting, reading and deleting statuses, and threads.

pub mod received;

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::content;
use crate::ids::{AccountId, Kind, MediaId, StatusId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::policies::{self, Interaction, PolicyChoice};
use crate::service::{conversations, edits, polls, quotes, text, visibility, webhooks};
use crate::store;
use crate::types::{
    Account, ActivityKind, FilterContext, Instance, MediaAttachment, NotificationKind,
    OutboxActivity, Status, StatusStats, StatusVersion, Viewer, Visibility, WebhookEvent,
};
use crate::{DomainError, DomainResult};

/// The most statuses a thread view reads.
const MAX_THREAD_STATUSES: u64 = 4000;
const MAX_LANGUAGE_CHARS: usize = 16;
/// However URLs are counted, no source grows past this (rendering time grows with it).
const MAX_SOURCE_BYTES: usize = 64 * 1024;

/// What the author writes.
#[derive(Debug, Clone)]
pub struct NewStatus {
    /// Markdown.
    pub text: String,
    pub content_warning: Option<String>,
    pub sensitive: bool,
    pub visibility: Visibility,
    pub in_reply_to: Option<StatusId>,
    pub language: Option<String>,
    /// The viewer's processed uploads, in the order shown.
    pub media: Vec<MediaId>,
    /// A poll; a status has either a poll or attachments.
    pub poll: Option<polls::NewPoll>,
    /// The status it quotes; a quote has text, and no poll.
    pub quote_of: Option<StatusId>,
    /// Who may quote, reply to and boost it; anyone (who may see it) for what is left out.
    pub policy: PolicyChoice,
}

/// The content warning, trimmed, once `text` and it keep the length limits.
fn checked_length(
    instance: &Instance,
    text: &str,
    content_warning: Option<String>,
) -> DomainResult<String> {
    let content_warning = content_warning
        .map(|cw| content::shown(&cw).to_owned())
        .unwrap_or_default();
    let length = content::length(text) + content::characters(&content_warning);
    if length > instance.max_status_chars || text.len() + content_warning.len() > MAX_SOURCE_BYTES {
        return Err(DomainError::validation(
            "text",
            format!(
                "{length} characters, more than the {} allowed",
                instance.max_status_chars
            ),
        ));
    }
    Ok(content_warning)
}

/// A language tag, trimmed; None when empty.
fn checked_language(language: Option<String>) -> DomainResult<Option<String>> {
    let language = language
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    if language.as_ref().is_some_and(|l| {
        l.len() > MAX_LANGUAGE_CHARS || !l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }) {
        return Err(DomainError::validation("language", "not a language tag"));
    }
    Ok(language)
}

/// What an edit changes; the text is always given, the rest stays when left out.
#[derive(Debug, Clone)]
pub struct StatusEdit {
    /// Markdown.
    pub text: String,
    pub content_warning: Option<String>,
    pub sensitive: Option<bool>,
    pub language: Option<String>,
    /// The attachments to show, in order: the status's own or new uploads.
    pub media: Option<Vec<MediaId>>,
    /// Changes to who may quote, reply to and boost it.
    pub policy: PolicyChoice,
}

/// Edits one of the viewer's statuses: the version it replaces is kept (`edits`, with its
/// attachments), mentions and hashtags follow the new text (the newly mentioned are
/// notified), and the edit is sent as an `Update`.
#[tracing::instrument(skip_all, fields(status = %id))]
pub async fn edit(
    app: &App,
    viewer: &Viewer,
    id: StatusId,
    edit: StatusEdit,
) -> DomainResult<Status> {
    let instance = app.settings().await?;
    let status = visibility::get(&app.db, Some(viewer.account_id), id).await?;
    if status.account_id != viewer.account_id || !status.local || status.reblog_of_id.is_some() {
        return Err(DomainError::Forbidden);
    }
    let text = content::shown(&edit.text).to_owned();
    let media = edits::checked_media(&app.db, &instance, id, edit.media).await?;
    let current_media: Vec<MediaId> = store::media_attachments::of_statuses(&app.db, &[id])
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if text.is_empty() && media.as_ref().unwrap_or(&current_media).is_empty() {
        return Err(DomainError::validation(
            "text",
            "a status needs some text or an attachment",
        ));
    }
    let content_warning = match edit.content_warning {
        Some(cw) => checked_length(&instance, &text, Some(cw))?,
        None => checked_length(&instance, &text, Some(status.content_warning.clone()))?,
    };
    let language = match edit.language {
        Some(language) => checked_language(Some(language))?,
        None => status.language.clone(),
    };
    let sensitive = edit.sensitive.unwrap_or(status.sensitive) || !content_warning.is_empty();
    let policy = if edit.policy.is_empty() {
        None
    } else {
        let current = policies::of(&app.db, &status).await?;
        Some(edit.policy.applied_to(current, status.visibility)).filter(|p| *p != current)
    };
    // An edit that changes nothing of what readers see is none: no version, nobody told.
    if text == status.source
        && content_warning == status.content_warning
        && sensitive == status.sensitive
        && language == status.language
        && media.as_ref().is_none_or(|media| *media == current_media)
    {
        return match policy {
            Some(policy) => edits::change_policy(app, status, &policy).await,
            None => Ok(status),
        };
    }
    let rendered = text::render(&app.db, &instance, &text).await?;
    let mentioned = rendered.mentioned_except(viewer.account_id);
    let previous = StatusVersion::current(&status, current_media);
    let edited = Status {
        source: text,
        content_html: rendered.html,
        sensitive,
        content_warning,
        language,
        edited_at: Some(Utc::now()),
        ..status
    };
    let txn = app.write().await?;
    store::status_edits::insert(&txn, id, &previous).await?;
    store::statuses::update_content(&txn, &edited).await?;
    if let Some(media) = &media {
        edits::show_media(&txn, &edited, media, Utc::now()).await?;
    }
    let newly_mentioned = edits::remention(&txn, id, &mentioned).await?;
    conversations::rementioned(&txn, &edited, &mentioned, &newly_mentioned).await?;
    store::tags::detach_all(&txn, id).await?;
    store::tags::attach(&txn, id, &rendered.hashtags).await?;
    if let Some(policy) = &policy {
        store::interaction_policies::put(&txn, id, policy).await?;
    }
    // Those who boosted it or quoted it are told.
    let mut told = store::statuses::boosters_of(&txn, id).await?;
    told.extend(quotes::quoters_of(&txn, id).await?);
    told.sort_by_key(|account| account.0);
    told.dedup();
    let mut notified = notify(
        &txn,
        NotificationKind::Update,
        viewer.account_id,
        Some(id),
        &told,
    )
    .await?;
    // As when it was posted: nobody hears of the mentions in a private note.
    if edited.visibility != Visibility::Private {
        notified.extend(
            notify(
                &txn,
                NotificationKind::Mention,
                viewer.account_id,
                Some(id),
                &newly_mentioned,
            )
            .await?,
        );
    }
    let mut hooks = Vec::new();
    if edited.visibility.federates() {
        // The Update is dated by the edit, which it says the note was `updated` at.
        let activity = OutboxActivity {
            created_at: edited.edited_at.unwrap_or_else(Utc::now),
            ..app
                .outbox
                .about_status(viewer.account_id, ActivityKind::UpdateNote, id)
        };
        txn.record(&activity).await?;
    } else {
        hooks = webhooks::record_for_note(&txn, WebhookEvent::StatusUpdated, &edited).await?;
    }
    txn.queue_webhooks(hooks);
    txn.tell(std::iter::once(LiveEvent::StatusEdited(id)).chain(LiveEvent::notified(notified)));
    txn.commit().await?;
    Ok(edited)
}

/// A version of a status with the attachments it had.
pub type VersionWithMedia = (StatusVersion, Vec<MediaAttachment>);

/// Every version of `id` the viewer may see, oldest first, the current one last, each
/// with the attachments it had.
pub async fn versions(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    id: StatusId,
) -> DomainResult<Vec<VersionWithMedia>> {
    versions_of(db, viewer, &[id])
        .await?
        .remove(&id)
        .ok_or(DomainError::NotFound(Kind::Status))
}

/// [`versions`] of each of `ids` the viewer may see, in one read per table whatever their
/// number; those it may not see are left out.
pub async fn versions_of(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, Vec<VersionWithMedia>>> {
    let found = store::statuses::by_ids(db, ids).await?;
    let mut visible = visibility::retain_visible(db, viewer, found).await?;
    visible.retain(|status| !status.is_deleted());
    let shown_ids: Vec<StatusId> = visible.iter().map(|status| status.id).collect();
    let shown = store::media_attachments::of_statuses(db, &shown_ids).await?;
    let mut edits = store::status_edits::of(db, &shown_ids).await?;
    let mut all: Vec<(StatusId, Vec<StatusVersion>)> = Vec::with_capacity(visible.len());
    for status in &visible {
        let mut versions = edits.remove(&status.id).unwrap_or_default();
        let current = shown
            .iter()
            .filter(|media| media.status_id == Some(status.id))
            .map(|media| media.id)
            .collect();
        versions.push(StatusVersion::current(status, current));
        all.push((status.id, versions));
    }
    let wanted: Vec<MediaId> = all
        .iter()
        .flat_map(|(_, versions)| versions.iter().flat_map(|v| v.media.clone()))
        .collect();
    let media = store::media_attachments::by_ids(db, &wanted).await?;
    Ok(all
        .into_iter()
        .map(|(id, versions)| {
            let with_media = versions
                .into_iter()
                .map(|version| {
                    // Only what this status carried: versions name nothing else.
                    let attachments = version
                        .media
                        .iter()
                        .filter_map(|wanted| {
                            media
                                .iter()
                                .find(|m| m.id == *wanted && m.status_id == Some(id))
                                .cloned()
                        })
                        .collect();
                    (version, attachments)
                })
                .collect();
            (id, with_media)
        })
        .collect())
}

/// The HTML [`create`] makes of `text`, for a preview before posting: Markdown, with its
/// links, hashtags and mentions of the accounts this instance knows made links. Text over the
/// length limit is refused as posting it would be.
pub async fn preview(app: &App, text: &str) -> DomainResult<String> {
    let instance = app.settings().await?;
    let text = content::shown(text);
    checked_length(&instance, text, None)?;
    Ok(text::render(&app.db, &instance, text).await?.html)
}

/// Posts a status as the viewer.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id))]
pub async fn create(app: &App, viewer: &Viewer, new: NewStatus) -> DomainResult<Status> {
    // Notes to oneself need no confirmed address; anything others read does.
    if new.visibility != Visibility::Private {
        viewer.require_confirmed_email()?;
    }
    let instance = app.settings().await?;
    let text = content::shown(&new.text).to_owned();
    let mut media = new.media;
    let mut seen = HashSet::new();
    media.retain(|id| seen.insert(*id));
    if text.is_empty() && media.is_empty() {
        return Err(DomainError::validation(
            "text",
            "a status needs some text or an attachment",
        ));
    }
    if media.len() > instance.max_media_attachments {
        return Err(DomainError::validation(
            "mediaIds",
            format!("at most {} attachments", instance.max_media_attachments),
        ));
    }
    if new.poll.is_some() && !media.is_empty() {
        return Err(DomainError::validation(
            "poll",
            "a status has either a poll or attachments",
        ));
    }
    if new.quote_of.is_some() && text.is_empty() {
        return Err(DomainError::validation("text", "a quote needs some text"));
    }
    if new.quote_of.is_some() && new.poll.is_some() {
        return Err(DomainError::validation(
            "poll",
            "a quote cannot carry a poll",
        ));
    }
    let content_warning = checked_length(&instance, &text, new.content_warning)?;
    let language = checked_language(new.language)?;
    let id = StatusId::new();
    let created_at = Utc::now();
    let poll = new
        .poll
        .map(|poll| polls::checked(poll, id, created_at))
        .transpose()?;
    let author = crate::service::accounts::get(&app.db, viewer.account_id).await?;
    let parent = match new.in_reply_to {
        Some(parent_id) => {
            let parent = visibility::acted_on(&app.db, viewer.account_id, parent_id).await?;
            policies::check(&app.db, viewer.account_id, &parent, Interaction::Reply).await?;
            // Other servers never hear of the parent, so they must not hear of replies.
            if !parent.visibility.federates() && new.visibility.federates() {
                return Err(DomainError::validation(
                    "visibility",
                    "a reply to a private or local status must be private or local too",
                ));
            }
            Some(parent)
        }
        None => None,
    };
    let quoted = match new.quote_of {
        Some(quoted) => {
            Some(quotes::quotable(&app.db, viewer.account_id, quoted, new.visibility).await?)
        }
        None => None,
    };
    let policy = new
        .policy
        .applied_to(crate::types::InteractionPolicy::OPEN, new.visibility);
    let rendered = text::render(&app.db, &instance, &text).await?;
    let mentioned = rendered.mentioned_except(author.id);
    let status = Status {
        id,
        ap_id: instance.url(&format!("/users/{}/statuses/{id}", author.username)),
        url: instance.url(&format!("/@{}/{id}", author.username)),
        account_id: author.id,
        local: true,
        source: text,
        content_html: rendered.html,
        // A moderator may have marked the author's media sensitive from now on.
        sensitive: new.sensitive
            || !content_warning.is_empty()
            || (author.restrictions.sensitized() && !media.is_empty()),
        content_warning,
        visibility: new.visibility,
        language,
        in_reply_to_id: parent.as_ref().map(|p| p.id),
        in_reply_to_account_id: parent.as_ref().map(|p| p.account_id),
        in_reply_to_ap_id: parent.as_ref().map(|p| p.ap_id.clone()),
        reblog_of_id: None,
        thread_id: parent.as_ref().map_or(id, |p| p.thread_id),
        created_at,
        edited_at: None,
        deleted_at: None,
        archived_at: None,
    };
    let txn = app.write().await?;
    store::statuses::insert(&txn, &status).await?;
    store::mentions::insert(&txn, status.id, &mentioned).await?;
    conversations::record(&txn, &status, &mentioned).await?;
    store::tags::attach(&txn, status.id, &rendered.hashtags).await?;
    crate::service::media::attach(&txn, author.id, &media, status.id).await?;
    if let Some(poll) = &poll {
        store::polls::insert(&txn, poll).await?;
    }
    store::interaction_policies::put(&txn, status.id, &policy).await?;
    if let Some(quoted) = &quoted {
        quotes::start(&txn, &status, quoted).await?;
    }
    // A private note is seen by its author alone, so nobody hears of its mentions; a
    // local one's reach this &instance's accounts only, as notifications do.
    let notified = if status.visibility != Visibility::Private {
        notify(
            &txn,
            NotificationKind::Mention,
            author.id,
            Some(status.id),
            &mentioned,
        )
        .await?
    } else {
        Vec::new()
    };
    let mut hooks = Vec::new();
    if status.visibility.federates() {
        let activity = app.outbox.create_of(author.id, &status);
        txn.record(&activity).await?;
    } else {
        hooks = webhooks::record_for_note(&txn, WebhookEvent::StatusCreated, &status).await?;
    }
    txn.queue_webhooks(hooks);
    txn.tell(std::iter::once(LiveEvent::StatusCreated(id)).chain(LiveEvent::notified(notified)));
    txn.commit().await?;
    Ok(status)
}

/// The ActivityPub ids of the statuses among `ids` that exist, for what the instance itself
/// sends (a forwarded report names the statuses reported).
pub async fn ap_ids_of(db: &impl ConnectionTrait, ids: &[StatusId]) -> DomainResult<Vec<String>> {
    Ok(store::statuses::by_ids(db, ids)
        .await?
        .into_iter()
        .map(|status| status.ap_id)
        .collect())
}

/// The statuses among `ids` the viewer may see, tombstones included (they show where a
/// deleted status stood in a thread).
pub async fn visible_by_ids(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> DomainResult<Vec<Status>> {
    Ok(store::statuses::visible_by_ids(db, viewer, ids).await?)
}

/// The ActivityPub ids of statuses, tombstones included; only for referring to them.
pub async fn ap_ids(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<std::collections::BTreeMap<StatusId, String>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let found = store::statuses::by_ids(db, ids).await?;
    Ok(found.into_iter().map(|s| (s.id, s.ap_id)).collect())
}

/// Deletes the viewer's own status; replies stay, pointing at its tombstone.
#[tracing::instrument(skip_all, fields(status = %id))]
pub async fn delete(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::get(&app.db, Some(viewer.account_id), id).await?;
    if status.account_id != viewer.account_id {
        return Err(DomainError::Forbidden);
    }
    let txn = app.write().await?;
    store::statuses::tombstone(&txn, id, Utc::now()).await?;
    conversations::forget(&txn, &status).await?;
    store::tags::detach_all(&txn, id).await?;
    store::media_attachments::detach_all(&txn, id).await?;
    store::pins::delete(&txn, id).await?;
    quotes::forget(&txn, id).await?;
    let mut hooks = Vec::new();
    if status.visibility.federates() {
        let activity = app
            .outbox
            .about_status(viewer.account_id, ActivityKind::DeleteNote, id);
        txn.record(&activity).await?;
    } else {
        let deleted = Status {
            deleted_at: Some(Utc::now()),
            ..status.clone()
        };
        hooks = webhooks::record_for_note(&txn, WebhookEvent::StatusDeleted, &deleted).await?;
    }
    txn.queue_webhooks(hooks);
    txn.tell([LiveEvent::StatusDeleted(id)]);
    txn.commit().await?;
    Ok(status)
}

/// A status in its conversation.
#[derive(Debug, Clone)]
pub struct Thread {
    /// From the root down to the status's parent; deleted ones as tombstones.
    pub ancestors: Vec<Status>,
    pub status: Status,
    /// Replies, depth first in the order they were written; deleted ones as tombstones
    /// where live replies hang below them.
    pub descendants: Vec<Status>,
}

pub async fn thread(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    id: StatusId,
) -> DomainResult<Thread> {
    let status = visibility::get(db, viewer, id).await?;
    let all = store::statuses::in_thread(db, status.thread_id, MAX_THREAD_STATUSES).await?;
    let visible: HashMap<StatusId, Status> = visibility::retain_visible(db, viewer, all.clone())
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let by_id: HashMap<StatusId, &Status> = all.iter().map(|s| (s.id, s)).collect();

    let mut ancestors = Vec::new();
    let mut seen = HashSet::from([status.id]);
    let mut parent = status.in_reply_to_id;
    while let Some(parent_id) = parent {
        if !seen.insert(parent_id) {
            break;
        }
        let Some(found) = by_id.get(&parent_id) else {
            break;
        };
        if let Some(visible) = visible.get(&parent_id) {
            ancestors.push(visible.clone());
        }
        parent = found.in_reply_to_id;
    }
    ancestors.reverse();

    let mut children: HashMap<StatusId, Vec<StatusId>> = HashMap::new();
    for s in &all {
        if let Some(parent) = s.in_reply_to_id {
            children.entry(parent).or_default().push(s.id);
        }
    }
    let mut order = Vec::new();
    let mut stack: Vec<StatusId> = children.get(&status.id).cloned().unwrap_or_default();
    stack.reverse();
    while let Some(next) = stack.pop() {
        if !seen.insert(next) {
            continue;
        }
        order.push(next);
        if let Some(kids) = children.get(&next) {
            stack.extend(kids.iter().rev());
        }
    }
    // A deleted reply stays, as a tombstone, where live replies the viewer sees hang below
    // it; children come after their parent in `order`, so they are settled first.
    let shown = |id: &StatusId| visible.get(id).is_some_and(|s| !s.is_deleted());
    let mut live_below: HashSet<StatusId> = HashSet::new();
    for id in order.iter().rev() {
        let kids = children.get(id).map(Vec::as_slice).unwrap_or_default();
        if kids
            .iter()
            .any(|kid| shown(kid) || live_below.contains(kid))
        {
            live_below.insert(*id);
        }
    }
    let mut descendants: Vec<Status> = order
        .iter()
        .filter_map(|id| visible.get(id))
        .filter(|s| !s.is_deleted() || live_below.contains(&s.id))
        .cloned()
        .collect();
    // The status asked for is shown whatever the filters; its neighbours are not.
    let filters = crate::service::filters::active(db, viewer, FilterContext::Thread).await?;
    if !filters.is_empty() {
        ancestors.retain(|s| !filters.hides(s));
        descendants.retain(|s| !filters.hides(s));
    }
    Ok(Thread {
        ancestors,
        status,
        descendants,
    })
}

/// The live statuses of the thread `thread` that `viewer` may see and that leave this
/// server (no private or local ones, no boosts), oldest first: the thread as other servers
/// read it (its `context` collection).
pub async fn in_context(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    thread: StatusId,
) -> DomainResult<Vec<Status>> {
    let all = store::statuses::in_thread(db, thread, MAX_THREAD_STATUSES).await?;
    let mut visible = visibility::retain_visible(db, viewer, all).await?;
    visible.retain(|s| !s.is_deleted() && s.reblog_of_id.is_none() && s.visibility.federates());
    Ok(visible)
}

/// The accounts each status mentions, in two queries whatever the number of statuses.
pub async fn mentions(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, Vec<Account>>> {
    let mentions = store::mentions::by_statuses(db, ids).await?;
    let wanted: Vec<AccountId> = mentions.values().flatten().copied().collect();
    if wanted.is_empty() {
        return Ok(HashMap::new());
    }
    let accounts: HashMap<AccountId, Account> = store::accounts::by_ids(db, &wanted)
        .await?
        .into_iter()
        .map(|account| (account.id, account))
        .collect();
    Ok(mentions
        .into_iter()
        .map(|(status, mentioned)| {
            let found = mentioned.iter().filter_map(|id| accounts.get(id).cloned());
            (status, found.collect())
        })
        .collect())
}

/// The hashtags each status carries.
pub async fn hashtags(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, Vec<String>>> {
    Ok(store::tags::names_by_statuses(db, ids).await?)
}

/// `stats` for many viewers at once, anonymous ones too, keyed by viewer and status: two
/// statements whatever their number (the counts, then what each viewer did).
pub async fn stats_for_viewers(
    db: &impl ConnectionTrait,
    keys: &[(Option<AccountId>, StatusId)],
) -> DomainResult<HashMap<(Option<AccountId>, StatusId), StatusStats>> {
    let ids: Vec<StatusId> = keys
        .iter()
        .map(|(_, id)| *id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let viewers: Vec<AccountId> = keys
        .iter()
        .filter_map(|(viewer, _)| *viewer)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let counts = store::statuses::stats(db, None, &ids).await?;
    let marks = store::statuses::viewer_marks(db, &viewers, &ids).await?;
    // Replies as each reader may see them.
    let mut wanted: HashMap<Option<AccountId>, Vec<StatusId>> = HashMap::new();
    for &(viewer, id) in keys {
        wanted.entry(viewer).or_default().push(id);
    }
    let wanted: Vec<_> = wanted.into_iter().collect();
    let replies = store::statuses::replies_visible_to(db, &wanted).await?;
    Ok(keys
        .iter()
        .filter_map(|&(viewer, id)| {
            let mut stats = *counts.get(&id)?;
            stats.replies = replies.get(&(viewer, id)).copied().unwrap_or(0);
            if let Some(viewer) = viewer {
                stats.favourited = marks.favourited.contains(&(viewer, id));
                stats.reblogged = marks.reblogged.contains(&(viewer, id));
            }
            Some(((viewer, id), stats))
        })
        .collect())
}

/// The counts of each status (its replies as the viewer may see them) and what the viewer
/// did to it.
pub async fn stats(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, StatusStats>> {
    let mut stats = store::statuses::stats(db, viewer, ids).await?;
    let replies = store::statuses::replies_visible_to(db, &[(viewer, ids.to_vec())]).await?;
    for (id, counts) in &mut stats {
        counts.replies = replies.get(&(viewer, *id)).copied().unwrap_or(0);
    }
    Ok(stats)
}
