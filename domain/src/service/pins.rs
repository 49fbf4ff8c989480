//! Pins: a few of one's own statuses, shown first on one's profile and served as its
//! `featured` collection.

use std::collections::{HashMap, HashSet};

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::{AccountId, StatusId};
use crate::service::App;
use crate::service::visibility;
use crate::store;
use crate::types::{ActivityKind, Status, Viewer, Visibility};
use crate::{DomainError, DomainResult};

/// How many statuses others may see elsewhere (public, unlisted, followers-only) one
/// account may pin, as on Mastodon.
pub const MAX_PINS: u64 = 5;
/// How many private and local notes one account may pin besides: notes are kept, and
/// pinned, more freely than posts, and nobody elsewhere sees them.
pub const MAX_NOTE_PINS: u64 = 100;
/// How many pins a remote account keeps here, whatever its server allows: the latest, as
/// the first items of its `featured` collection are the latest.
pub const MAX_REMOTE_PINS: usize = 20;

/// Whether other servers hear of pinning `status` (`Add`/`Remove`): a followers-only pin
/// is seen in the `featured` collection by those who may see it, and announced to nobody;
/// private and local pins never leave this server.
fn announced(status: &Status) -> bool {
    matches!(status.visibility, Visibility::Public | Visibility::Unlisted)
}

/// Pins one of the viewer's own statuses; pinning it again changes nothing.
pub async fn pin(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::acted_on(&app.db, viewer.account_id, id).await?;
    let id = status.id;
    if status.account_id != viewer.account_id {
        return Err(DomainError::Forbidden);
    }
    if status.visibility == Visibility::Direct {
        return Err(DomainError::validation(
            "statusId",
            "a direct status cannot be pinned",
        ));
    }
    let txn = app.write().await?;
    if store::pins::pinned_among(&txn, &[id]).await?.is_empty() {
        let (same_kind, limit, what): (&[Visibility], u64, &str) = if status.visibility.federates()
        {
            (
                &[
                    Visibility::Public,
                    Visibility::Unlisted,
                    Visibility::Followers,
                ],
                MAX_PINS,
                "statuses",
            )
        } else {
            (
                &[Visibility::Private, Visibility::Local],
                MAX_NOTE_PINS,
                "private or local notes",
            )
        };
        if store::pins::count_of(&txn, viewer.account_id, same_kind).await? >= limit {
            return Err(DomainError::validation(
                "statusId",
                format!("at most {limit} {what} can be pinned"),
            ));
        }
        store::pins::insert(&txn, viewer.account_id, id).await?;
        if announced(&status) {
            let add = app
                .outbox
                .about_status(viewer.account_id, ActivityKind::AddPin, id);
            txn.record(&add).await?;
        }
    }
    txn.commit().await?;
    Ok(status)
}

/// Unpins one of the viewer's statuses; unpinning one not pinned changes nothing.
pub async fn unpin(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::acted_on(&app.db, viewer.account_id, id).await?;
    let id = status.id;
    if status.account_id != viewer.account_id {
        return Err(DomainError::Forbidden);
    }
    let txn = app.write().await?;
    let was_pinned = !store::pins::pinned_among(&txn, &[id]).await?.is_empty();
    store::pins::delete(&txn, id).await?;
    if was_pinned && announced(&status) {
        let remove = app
            .outbox
            .about_status(viewer.account_id, ActivityKind::RemovePin, id);
        txn.record(&remove).await?;
    }
    txn.commit().await?;
    Ok(status)
}

/// The statuses `account` pinned that the viewer may see, the latest pinned first; archived
/// ones left out (they come back when brought back).
pub async fn of(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    account: AccountId,
) -> DomainResult<Vec<Status>> {
    Ok(of_accounts(db, viewer, &[account])
        .await?
        .remove(&account)
        .unwrap_or_default())
}

/// [`of`] for each of `accounts`, in one read per table whatever their number.
pub async fn of_accounts(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    accounts: &[AccountId],
) -> DomainResult<HashMap<AccountId, Vec<Status>>> {
    let pinned = store::pins::of_accounts(db, accounts).await?;
    let ids: Vec<StatusId> = pinned.values().flatten().copied().collect();
    let found = store::statuses::by_ids(db, &ids).await?;
    let visible = visibility::retain_visible(db, viewer, found).await?;
    Ok(pinned
        .into_iter()
        .map(|(account, ids)| {
            let statuses = ids
                .iter()
                .filter_map(|id| visible.iter().find(|s| s.id == *id && s.is_listable()))
                .cloned()
                .collect();
            (account, statuses)
        })
        .collect())
}

/// Which of `ids` their authors pinned.
pub async fn pinned_among(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> DomainResult<HashSet<StatusId>> {
    Ok(store::pins::pinned_among(db, ids).await?)
}

/// Whether a remote account may pin `status` here: its own statuses that others may see
/// elsewhere, as on Mastodon.
fn pinnable_for(account: AccountId, status: &Status) -> bool {
    status.account_id == account
        && !status.local
        && !status.is_deleted()
        && status.reblog_of_id.is_none()
        && status.visibility != Visibility::Direct
}

/// A remote account's `featured` collection, read from its server, holds `statuses` (the
/// latest pinned first): they become its pins here, in place of those it had. Statuses not
/// its own (or otherwise not pinnable) are left out; returns how many were pinned.
pub async fn replace_received(
    db: &DatabaseConnection,
    account: AccountId,
    statuses: &[Status],
) -> DomainResult<usize> {
    // A local account's pins are its own doing, never another server's.
    let remote = store::accounts::by_id(db, account)
        .await?
        .is_some_and(|a| !a.is_local());
    if !remote {
        return Ok(0);
    }
    let mut ids: Vec<StatusId> = Vec::new();
    for status in statuses.iter().filter(|s| pinnable_for(account, s)) {
        if !ids.contains(&status.id) && ids.len() < MAX_REMOTE_PINS {
            ids.push(status.id);
        }
    }
    let txn = crate::db::begin_write(db).await?;
    store::pins::replace(&txn, account, &ids).await?;
    txn.commit().await?;
    Ok(ids.len())
}

/// A remote account pinned `status` (its server sent an `Add` to its `featured`
/// collection). Only its own statuses that others may see elsewhere count, as on Mastodon;
/// past `MAX_REMOTE_PINS`, its earliest pins make way. False when nothing was pinned.
pub async fn pin_received(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: &Status,
) -> DomainResult<bool> {
    let pinnable = pinnable_for(account, status);
    if pinnable {
        store::pins::insert(db, account, status.id).await?;
        for earliest in store::pins::of(db, account)
            .await?
            .iter()
            .skip(MAX_REMOTE_PINS)
        {
            store::pins::delete(db, *earliest).await?;
        }
    }
    Ok(pinnable)
}

/// A remote account unpinned the status `ap_id` (a `Remove` from its `featured`
/// collection); false when it had no such status.
pub async fn unpin_received(
    db: &impl ConnectionTrait,
    account: AccountId,
    ap_id: &str,
) -> DomainResult<bool> {
    let Some(status) = store::statuses::by_ap_id(db, ap_id).await? else {
        return Ok(false);
    };
    if status.account_id != account || status.local {
        return Ok(false);
    }
    store::pins::delete(db, status.id).await?;
    Ok(true)
}
