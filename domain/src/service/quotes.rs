//! Quote posts (FEP-044f): asked for, decided, revoked, and shown as each reader may see.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, NotificationId, StatusId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::outbox::Write;
use crate::service::policies::{self, Interaction};
use crate::service::visibility;
use crate::store;
use crate::types::{
    Account, ActivityKind, Instance, NotificationKind, OutboxActivity, Quote, QuoteState, Status,
};
use crate::{DomainError, DomainResult};

/// The URL of the stamp (`QuoteAuthorization`) by which `quoted_author` allows the quote
/// post `quote_post`.
pub fn stamp_url(instance: &Instance, quoted_author: &Account, quote_post: StatusId) -> String {
    instance.url(&format!(
        "/users/{}/quote_authorizations/{quote_post}",
        quoted_author.username
    ))
}

/// Tells `quoted`'s author that `quote_post` quotes it, when it may see the quote post
/// (a followers-only quote is told to its author's followers alone); inside the caller's
/// transaction.
async fn notify_quoted(
    db: &impl ConnectionTrait,
    quote_post: &Status,
    quoted_author: AccountId,
) -> DomainResult<Vec<NotificationId>> {
    let seen =
        visibility::retain_visible(db, Some(quoted_author), vec![quote_post.clone()]).await?;
    if seen.is_empty() {
        return Ok(Vec::new());
    }
    notify(
        db,
        NotificationKind::Quote,
        quote_post.account_id,
        Some(quote_post.id),
        &[quoted_author],
    )
    .await
}

/// The status a new quote post may quote: one the viewer may see (a boost stands for the
/// status boosted) whose policy lets the viewer quote it. A quote of another server's
/// status must be able to reach that server.
pub(crate) async fn quotable(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    id: StatusId,
    quote_visibility: crate::types::Visibility,
) -> DomainResult<Status> {
    let quoted = visibility::acted_on(db, viewer, id).await?;
    policies::check(db, viewer, &quoted, Interaction::Quote).await?;
    if !quoted.local && !quote_visibility.federates() {
        return Err(DomainError::validation(
            "visibility",
            "a quote of a status from another server cannot be private or local: its author \
             must be asked",
        ));
    }
    Ok(quoted)
}

/// Records that the new local `quote_post` quotes `quoted` (checked by [`quotable`]),
/// inside the caller's write: a local status's quote is accepted at once and its author
/// told; another server's author is sent a `QuoteRequest` and the quote waits.
pub(crate) async fn start(
    db: &Write<'_>,
    quote_post: &Status,
    quoted: &Status,
) -> DomainResult<()> {
    let outbox = db.outbox();
    let now = Utc::now();
    let mut quote = Quote {
        status_id: quote_post.id,
        quoted_status_id: Some(quoted.id),
        quoted_ap_id: quoted.ap_id.clone(),
        quoted_account_id: Some(quoted.account_id),
        state: QuoteState::Pending,
        authorization_ap_id: None,
        request_ap_id: None,
        created_at: now,
        updated_at: now,
    };
    if quoted.local {
        let quoted_author = crate::service::accounts::get(db, quoted.account_id).await?;
        quote.state = QuoteState::Accepted;
        quote.authorization_ap_id =
            Some(stamp_url(outbox.instance(), &quoted_author, quote_post.id));
        store::quotes::put(db, &quote).await?;
        let notified = notify_quoted(db, quote_post, quoted.account_id).await?;
        db.tell(LiveEvent::notified(notified));
    } else {
        let request = OutboxActivity {
            target_account: Some(quoted.account_id),
            ..outbox.about_status(
                quote_post.account_id,
                ActivityKind::QuoteRequest,
                quote_post.id,
            )
        };
        quote.request_ap_id = Some(request.ap_id.clone());
        store::quotes::put(db, &quote).await?;
        db.record(&request).await?;
    }
    Ok(())
}

/// The authors of the live quote posts quoting `quoted` with leave (told of its edits).
pub(crate) async fn quoters_of(
    db: &impl ConnectionTrait,
    quoted: StatusId,
) -> DomainResult<Vec<AccountId>> {
    Ok(store::quotes::quoters_of(db, quoted).await?)
}

/// Forgets the quote of a quote post that was deleted, inside the caller's transaction.
pub(crate) async fn forget(db: &impl ConnectionTrait, quote_post: StatusId) -> DomainResult<()> {
    Ok(store::quotes::delete(db, quote_post).await?)
}

/// Records a changed quote and, when the quote post is local and federates, an `Update`
/// of it so that its readers elsewhere learn its stamp (or its loss).
async fn settle(app: &App, quote: &Quote) -> DomainResult<()> {
    let quote_post = store::statuses::by_id(&app.db, quote.status_id).await?;
    let txn = app.write().await?;
    store::quotes::put(&txn, quote).await?;
    if let Some(post) = quote_post
        .as_ref()
        .filter(|p| p.local && p.visibility.federates() && !p.is_deleted())
    {
        let update = app
            .outbox
            .about_status(post.account_id, ActivityKind::UpdateNote, post.id);
        txn.record(&update).await?;
    }
    txn.tell([LiveEvent::StatusEdited(quote.status_id)]);
    txn.commit().await?;
    Ok(())
}

/// The quoted author takes back its leave for the quote post `quote_post` (a status the
/// viewer may see, quoting one of the viewer's): the quote is revoked for everyone, and
/// the stamp's `Delete` goes where the quote post went. Returns the quote post.
#[tracing::instrument(skip_all, fields(status = %quote_post))]
pub async fn revoke(
    app: &App,
    viewer: &crate::types::Viewer,
    quote_post: StatusId,
) -> DomainResult<Status> {
    let post = visibility::acted_on(&app.db, viewer.account_id, quote_post).await?;
    let mut quote = store::quotes::by_status(&app.db, post.id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Status))?;
    if quote.quoted_account_id != Some(viewer.account_id) {
        // The quoting author sees its own quote, but only the quoted author revokes it.
        return Err(if post.account_id == viewer.account_id {
            DomainError::Forbidden
        } else {
            DomainError::NotFound(Kind::Status)
        });
    }
    if matches!(quote.state, QuoteState::Revoked | QuoteState::Rejected) {
        return Ok(post);
    }
    quote.state = QuoteState::Revoked;
    quote.updated_at = Utc::now();
    let txn = app.write().await?;
    store::quotes::put(&txn, &quote).await?;
    if let Some(stamp) = quote.authorization_ap_id.clone()
        && post.visibility.federates()
    {
        let delete = OutboxActivity {
            object_ap_id: Some(stamp),
            ..app
                .outbox
                .about_status(viewer.account_id, ActivityKind::RevokeQuote, post.id)
        };
        txn.record(&delete).await?;
    }
    txn.tell([LiveEvent::StatusEdited(post.id)]);
    txn.commit().await?;
    Ok(post)
}

/// Another server's account asks (`QuoteRequest` `request_ap_id`) to quote the local
/// status `quoted` in its post `quote_post`: allowed when it may see the status and the
/// status's policy lets it quote (and the quote was not revoked before), answered with an
/// `Accept` carrying a stamp, and the quoted author is told; otherwise with a `Reject`.
#[tracing::instrument(skip_all, fields(request = request_ap_id))]
pub async fn request_received(
    app: &App,
    requester: &Account,
    request_ap_id: &str,
    quoted: &Status,
    quote_post: &Status,
) -> DomainResult<QuoteState> {
    if quote_post.account_id != requester.id {
        return Err(DomainError::Forbidden);
    }
    if !quoted.local || quoted.reblog_of_id.is_some() {
        return Err(DomainError::NotFound(Kind::Status));
    }
    let existing = store::quotes::by_status(&app.db, quote_post.id).await?;
    let revoked = existing
        .as_ref()
        .is_some_and(|q| q.state == QuoteState::Revoked && q.quoted_status_id == Some(quoted.id));
    let visible = !quoted.is_deleted()
        && visibility::get(&app.db, Some(requester.id), quoted.id)
            .await
            .is_ok();
    // The post must quote that very status (as its own note says).
    let quotes_it = existing
        .as_ref()
        .is_some_and(|q| q.quoted_ap_id == quoted.ap_id);
    let allowed = !revoked
        && visible
        && quotes_it
        && policies::allows(&app.db, requester.id, quoted, Interaction::Quote).await?;
    let quoted_author = crate::service::accounts::get(&app.db, quoted.account_id).await?;
    let now = Utc::now();
    let was_accepted = existing
        .as_ref()
        .is_some_and(|q| q.state == QuoteState::Accepted && q.quoted_status_id == Some(quoted.id));
    let quote = Quote {
        status_id: quote_post.id,
        quoted_status_id: Some(quoted.id),
        quoted_ap_id: quoted.ap_id.clone(),
        quoted_account_id: Some(quoted.account_id),
        state: if allowed {
            QuoteState::Accepted
        } else if revoked {
            QuoteState::Revoked
        } else {
            QuoteState::Rejected
        },
        authorization_ap_id: (allowed || revoked)
            .then(|| stamp_url(app.outbox.instance(), &quoted_author, quote_post.id)),
        request_ap_id: Some(request_ap_id.to_owned()),
        created_at: existing.as_ref().map_or(now, |q| q.created_at),
        updated_at: now,
    };
    let answer = OutboxActivity {
        target_account: Some(requester.id),
        object_ap_id: Some(request_ap_id.to_owned()),
        ..app.outbox.about_status(
            quoted.account_id,
            if allowed {
                ActivityKind::AcceptQuote
            } else {
                ActivityKind::RejectQuote
            },
            quote_post.id,
        )
    };
    let txn = app.write().await?;
    store::quotes::put(&txn, &quote).await?;
    txn.record(&answer).await?;
    let notified = if allowed && !was_accepted {
        notify_quoted(&txn, quote_post, quoted.account_id).await?
    } else {
        Vec::new()
    };
    txn.tell(
        std::iter::once(LiveEvent::StatusEdited(quote_post.id))
            .chain(LiveEvent::notified(notified)),
    );
    txn.commit().await?;
    Ok(quote.state)
}

/// Another server's account answers a local quote post's `QuoteRequest`, found by the
/// request's id or by the quote post (`instrument`): `stamp` (its `Accept`'s result)
/// allows the quote, a `Reject` (`stamp` None) refuses it. False when the answer is about
/// no quote here; refused when it comes from someone else than the quoted author.
pub async fn answered(
    app: &App,
    quoted_author: AccountId,
    request_ap_id: Option<&str>,
    instrument: Option<&str>,
    accepted: bool,
    stamp: Option<String>,
) -> DomainResult<bool> {
    let mut quote = match request_ap_id {
        Some(request) => store::quotes::by_request(&app.db, request).await?,
        None => None,
    };
    if quote.is_none()
        && let Some(post) = instrument
        && let Some(post) = store::statuses::by_ap_id(&app.db, post)
            .await?
            .filter(|p| p.local)
    {
        quote = store::quotes::by_status(&app.db, post.id).await?;
    }
    let Some(mut quote) = quote else {
        return Ok(false);
    };
    if quote.quoted_account_id != Some(quoted_author) {
        return Err(DomainError::Forbidden);
    }
    match (accepted, stamp) {
        (true, Some(stamp)) => {
            quote.state = QuoteState::Accepted;
            quote.authorization_ap_id = Some(stamp);
        }
        // An Accept without a stamp allows nothing anyone could check.
        (true, None) => return Ok(true),
        (false, _) => {
            quote.state = QuoteState::Rejected;
            quote.authorization_ap_id = None;
        }
    }
    quote.updated_at = Utc::now();
    settle(app, &quote).await?;
    Ok(true)
}

/// Another server's account deleted the stamp `stamp` by which it allowed quotes of its
/// status: they are revoked. False when no quote here rests on it.
pub async fn stamp_deleted(app: &App, quoted_author: AccountId, stamp: &str) -> DomainResult<bool> {
    let quotes: Vec<Quote> = store::quotes::by_authorization(&app.db, stamp)
        .await?
        .into_iter()
        .filter(|q| q.quoted_account_id == Some(quoted_author))
        .collect();
    for mut quote in quotes.clone() {
        if quote.state == QuoteState::Revoked {
            continue;
        }
        quote.state = QuoteState::Revoked;
        quote.updated_at = Utc::now();
        settle(app, &quote).await?;
    }
    Ok(!quotes.is_empty())
}

/// A quote as another server describes its post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteQuote {
    /// The quoted status's ActivityPub id.
    pub quoted_ap_id: String,
    /// The stamp the post names (`quoteAuthorization`).
    pub authorization: Option<String>,
    /// Whether the stamp was fetched from the quoted author's server and names exactly
    /// this post, this status and that author (the federation layer checks it; for a local
    /// quoted status only a stamp issued here counts, whatever this says).
    pub stamp_checked: bool,
}

/// Records the quote a remote quote post carries (or that it carries none any more),
/// inside the caller's transaction. A quote of a local status stands as decided here; one
/// of another server's status is accepted when its stamp checked out, or when its author
/// quotes itself.
pub(crate) async fn record_remote(
    db: &impl ConnectionTrait,
    quote_post: &Status,
    remote: Option<RemoteQuote>,
) -> DomainResult<()> {
    let existing = store::quotes::by_status(db, quote_post.id).await?;
    let Some(remote) = remote else {
        if existing.is_some() {
            store::quotes::delete(db, quote_post.id).await?;
        }
        return Ok(());
    };
    if remote.quoted_ap_id.len() > 2048 {
        return Ok(());
    }
    let quoted = store::statuses::by_ap_id(db, &remote.quoted_ap_id).await?;
    let existing = existing.filter(|q| q.quoted_ap_id == remote.quoted_ap_id);
    let (state, authorization) = match &quoted {
        // Only what was decided here counts: the stamp of a local status is ours.
        Some(quoted) if quoted.local => match &existing {
            Some(q) => (q.state, q.authorization_ap_id.clone()),
            None => (QuoteState::Pending, None),
        },
        _ => {
            let self_quote = quoted
                .as_ref()
                .is_some_and(|q| q.account_id == quote_post.account_id);
            let revoked = existing.as_ref().is_some_and(|q| {
                q.state == QuoteState::Revoked && q.authorization_ap_id == remote.authorization
            });
            let state = if revoked {
                QuoteState::Revoked
            } else if self_quote || (remote.stamp_checked && remote.authorization.is_some()) {
                QuoteState::Accepted
            } else {
                QuoteState::Pending
            };
            (state, remote.authorization.filter(|a| a.len() <= 2048))
        }
    };
    let now = Utc::now();
    let quote = Quote {
        status_id: quote_post.id,
        quoted_status_id: quoted.as_ref().map(|q| q.id),
        quoted_ap_id: remote.quoted_ap_id,
        quoted_account_id: quoted.as_ref().map(|q| q.account_id),
        state,
        authorization_ap_id: authorization,
        request_ap_id: existing.as_ref().and_then(|q| q.request_ap_id.clone()),
        created_at: existing.as_ref().map_or(now, |q| q.created_at),
        updated_at: now,
    };
    store::quotes::put(db, &quote).await?;
    Ok(())
}

/// Joins the quotes that arrived before `status` (the status they quote) to it.
pub(crate) async fn link_quoted(db: &impl ConnectionTrait, status: &Status) -> DomainResult<()> {
    store::quotes::link_quoted(db, status).await?;
    Ok(())
}

/// The quotes of those of `ids` that are quote posts, as recorded (for building notes).
pub async fn of_statuses(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, Quote>> {
    Ok(store::quotes::by_statuses(db, ids).await?)
}

/// How many accepted quotes each status has.
pub async fn counts(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, u64>> {
    Ok(store::quotes::accepted_counts(db, ids).await?)
}

/// Where a quote stands as readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Pending,
    Accepted,
    Rejected,
    Revoked,
    /// The quoted status was deleted.
    Deleted,
}

/// A quote post's quote as one reader sees it.
#[derive(Debug, Clone)]
pub struct QuoteView {
    pub state: Shown,
    /// The quoted status: only when the quote is accepted and the reader may see it.
    pub quoted: Option<Status>,
}

/// The quotes of those of `ids` that are quote posts, as `viewer` sees them, in a few
/// queries whatever their number: a quoted status shows only through an accepted quote,
/// and only to a reader who may see it.
pub async fn views(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ids: &[StatusId],
) -> DomainResult<HashMap<StatusId, QuoteView>> {
    let quotes = store::quotes::by_statuses(db, ids).await?;
    let quoted_ids: Vec<StatusId> = quotes
        .values()
        .filter_map(|q| q.quoted_status_id)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let quoted: HashMap<StatusId, Status> = store::statuses::by_ids(db, &quoted_ids)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let showable: Vec<Status> = quotes
        .values()
        .filter(|q| q.state == QuoteState::Accepted)
        .filter_map(|q| quoted.get(&q.quoted_status_id?))
        .filter(|s| !s.is_deleted())
        .cloned()
        .collect();
    let visible: HashMap<StatusId, Status> = visibility::retain_visible(db, viewer, showable)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(quotes
        .into_iter()
        .map(|(id, quote)| {
            let target = quote.quoted_status_id.and_then(|q| quoted.get(&q));
            let state = match quote.state {
                _ if target.is_some_and(Status::is_deleted) => Shown::Deleted,
                QuoteState::Pending => Shown::Pending,
                QuoteState::Accepted => Shown::Accepted,
                QuoteState::Rejected => Shown::Rejected,
                QuoteState::Revoked => Shown::Revoked,
            };
            let shown = match (state, quote.quoted_status_id) {
                (Shown::Accepted, Some(q)) => visible.get(&q).cloned(),
                _ => None,
            };
            (
                id,
                QuoteView {
                    state,
                    quoted: shown,
                },
            )
        })
        .collect())
}

/// A stamp served at its URL: the quote it allows, with the quote post's and the quoted
/// status's ids and its author. Only a stamp in force is served.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub id: String,
    pub author: Account,
    pub quote_post_ap_id: String,
    pub quoted_ap_id: String,
}

/// The stamp by which the local account `username` allows the quote post `quote_post`.
pub async fn stamp(
    db: &impl ConnectionTrait,
    instance: &Instance,
    username: &str,
    quote_post: StatusId,
) -> DomainResult<Stamp> {
    let author = crate::service::accounts::local_by_username(db, username).await?;
    let quote = store::quotes::by_status(db, quote_post)
        .await?
        .filter(|q| q.state == QuoteState::Accepted && q.quoted_account_id == Some(author.id))
        .ok_or(DomainError::NotFound(Kind::Status))?;
    let id = stamp_url(instance, &author, quote_post);
    if quote.authorization_ap_id.as_deref() != Some(id.as_str()) {
        return Err(DomainError::NotFound(Kind::Status));
    }
    let post = store::statuses::by_id(db, quote_post)
        .await?
        .filter(|p| !p.is_deleted())
        .ok_or(DomainError::NotFound(Kind::Status))?;
    Ok(Stamp {
        id,
        author,
        quote_post_ap_id: post.ap_id,
        quoted_ap_id: quote.quoted_ap_id,
    })
}
