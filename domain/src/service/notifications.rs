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

/// The viewer's notifications that `filter` lets through, newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &NotificationFilter,
    request: &PageRequest,
) -> DomainResult<Page<Notification>> {
    let mut page = store::notifications::page_of(db, viewer.account_id, filter, request).await?;
    let filters =
        filters::active(db, Some(viewer.account_id), FilterContext::Notifications).await?;
    if !filters.is_empty() {
        let about: Vec<StatusId> = page.items.iter().filter_map(|(_, n)| n.status).collect();
        let hidden: HashSet<StatusId> = store::statuses::by_ids(db, &about)
            .await?
            .into_iter()
            .filter(|s| filters.hides(s))
            .map(|s| s.id)
            .collect();
        page.items
            .retain(|(_, n)| !n.status.is_some_and(|id| hidden.contains(&id)));
    }
    Ok(page)
}

/// One of the viewer's notifications; another's is NOT_FOUND.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: NotificationId,
) -> DomainResult<Notification> {
    store::notifications::by_ids(db, &[id])
        .await?
        .into_iter()
        .find(|n| n.recipient == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::Notification))
}

pub async fn unread_count(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<u64> {
    Ok(store::notifications::unread_count(db, viewer.account_id).await?)
}

/// Marks read the viewer's notifications up to `up_to` (all when unset); returns how many.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    up_to: Option<NotificationId>,
) -> DomainResult<u64> {
    Ok(store::notifications::mark_read(db, viewer.account_id, up_to, Utc::now()).await?)
}
