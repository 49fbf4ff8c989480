//! Notifications: what an account is told of, read and marked read.

use std::collections::HashSet;

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, NotificationId, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::filters;
use crate::store;
use crate::types::{FilterContext, Notification, NotificationFilter, NotificationKind, Viewer};
use crate::{DomainError, DomainResult};

/// Tells the local accounts among `recipients` (never `from` itself, nor one on the other
/// side of a block) that `from` did `kind`, about `status` where given; inside the
/// caller's transaction. Returns the notifications' ids, to be told live once committed.
pub(crate) async fn notify(
    db: &impl ConnectionTrait,
    kind: NotificationKind,
    from: AccountId,
    status: Option<StatusId>,
    recipients: &[AccountId],
) -> DomainResult<Vec<NotificationId>> {
    let mut candidates: Vec<AccountId> = recipients
        .iter()
        .copied()
        .filter(|id| *id != from)
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    // Nobody hears of an account across a block, or of one whose notifications they mute.
    let (blocking, blocked_by) = store::blocks::between(db, from, &candidates).await?;
    let muting = store::mutes::muting_notifications_of(db, from, &candidates).await?;
    candidates
        .retain(|id| !blocking.contains(id) && !blocked_by.contains(id) && !muting.contains(id));
    // Nor of an account on a server they block.
    let blocking = store::account_domain_blocks::blocking_domain_of(db, from, &candidates).await?;
    candidates.retain(|id| !blocking.contains(id));
    // Nor of anything in a thread they muted.
    if let Some(status) = status
        && !candidates.is_empty()
    {
        let muting = store::thread_mutes::muting_thread_of(db, status, &candidates).await?;
        candidates.retain(|id| !muting.contains(id));
    }
    let now = Utc::now();
    let notifications: Vec<Notification> = store::accounts::by_ids(db, &candidates)
        .await?
        .into_iter()
        .filter(|account| account.is_local())
        .map(|account| Notification {
            id: NotificationId::new(),
            recipient: account.id,
            kind,
            from: Some(from),
            status,
            report: None,
            read_at: None,
            created_at: now,
        })
        .collect();
    store::notifications::insert_many(db, &notifications).await?;
    Ok(notifications.iter().map(|n| n.id).collect())
}

/// The most unread notifications [`unread_count`] counts, newest first (as Mastodon's count
/// does, a client shows more as "1000+").
pub const MAX_UNREAD_COUNTED: u64 = 1000;

/// Which of `notifications` (all the viewer's) the viewer is not shown: those from an
/// account whose notifications it mutes, and those about a status one of its notification
/// filters hides. The list and the unread count both keep to this one rule. (What a
/// block or a domain block would hide is deleted with the block, as Mastodon does.)
async fn hidden<'a>(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    notifications: impl Iterator<Item = &'a Notification> + Clone,
) -> DomainResult<HashSet<NotificationId>> {
    let mut from: Vec<AccountId> = notifications.clone().filter_map(|n| n.from).collect();
    from.sort_unstable();
    from.dedup();
    let muted: HashSet<AccountId> = store::mutes::muting_among(db, viewer, &from)
        .await?
        .into_iter()
        .filter_map(|(account, muting)| muting.notifications.then_some(account))
        .collect();
    let filters = filters::active(db, Some(viewer), FilterContext::Notifications).await?;
    let filtered: HashSet<StatusId> = if filters.is_empty() {
        HashSet::new()
    } else {
        let mut about: Vec<StatusId> = notifications.clone().filter_map(|n| n.status).collect();
        about.sort_unstable();
        about.dedup();
        store::statuses::by_ids(db, &about)
            .await?
            .into_iter()
            .filter(|s| filters.hides(s))
            .map(|s| s.id)
            .collect()
    };
    Ok(notifications
        .filter(|n| {
            n.from.is_some_and(|from| muted.contains(&from))
                || n.status.is_some_and(|status| filtered.contains(&status))
        })
        .map(|n| n.id)
        .collect())
}

/// The viewer's notifications that `filter` lets through and [`hidden`] does not hide,
/// newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &NotificationFilter,
    request: &PageRequest,
) -> DomainResult<Page<Notification>> {
    let mut page = store::notifications::page_of(db, viewer.account_id, filter, request).await?;
    let hidden = hidden(db, viewer.account_id, page.items.iter().map(|(_, n)| n)).await?;
    page.items.retain(|(_, n)| !hidden.contains(&n.id));
    Ok(page)
}

/// One of the viewer's notifications that is shown (see [`hidden`]); another's is
/// NOT_FOUND.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: NotificationId,
) -> DomainResult<Notification> {
    let found = store::notifications::by_ids(db, &[id])
        .await?
        .into_iter()
        .find(|n| n.recipient == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::Notification))?;
    if hidden(db, viewer.account_id, std::iter::once(&found))
        .await?
        .contains(&found.id)
    {
        return Err(DomainError::NotFound(Kind::Notification));
    }
    Ok(found)
}

/// How many of the viewer's notifications are unread and shown (see [`hidden`]), among
/// the newest [`MAX_UNREAD_COUNTED`] unread.
/// Dismisses one of the viewer's notifications: it is gone from the list and the count.
/// Another's is NOT_FOUND.
pub async fn dismiss(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: NotificationId,
) -> DomainResult<()> {
    if store::notifications::delete_one(db, viewer.account_id, id).await? {
        Ok(())
    } else {
        Err(DomainError::NotFound(Kind::Notification))
    }
}

pub async fn unread_count(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<u64> {
    let unread = store::notifications::unread_of(db, viewer.account_id, MAX_UNREAD_COUNTED).await?;
    let hidden = hidden(db, viewer.account_id, unread.iter()).await?;
    Ok(unread.iter().filter(|n| !hidden.contains(&n.id)).count() as u64)
}

/// Marks read the viewer's notifications up to `up_to` (all when unset), which must be one
/// of the viewer's own; returns how many.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    up_to: Option<NotificationId>,
) -> DomainResult<u64> {
    if let Some(up_to) = up_to {
        let own = store::notifications::by_ids(db, &[up_to])
            .await?
            .iter()
            .any(|n| n.recipient == viewer.account_id);
        if !own {
            return Err(DomainError::NotFound(Kind::Notification));
        }
    }
    Ok(store::notifications::mark_read(db, viewer.account_id, up_to, Utc::now()).await?)
}
