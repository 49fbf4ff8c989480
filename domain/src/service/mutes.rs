//! Mutes: an account stops seeing another's statuses in its timelines (and, if it asks,
//! stops hearing of it), without telling it or its server; for good or for a while.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, StatusId};
use crate::service::accounts;
use crate::store;
use crate::types::{Account, Status, Viewer};
use crate::{DomainError, DomainResult};

/// The longest a mute with an end may last, in seconds: a year.
const MAX_DURATION_SECONDS: i64 = 365 * 24 * 3600;

/// The viewer mutes `target`, its notifications too when `notifications`, until
/// `duration_seconds` (1 to a year) have passed when given. Muting again replaces the mute.
pub async fn mute(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    target: AccountId,
    notifications: bool,
    duration_seconds: Option<i64>,
) -> DomainResult<Account> {
    if target == viewer.account_id {
        return Err(DomainError::validation(
            "accountId",
            "you cannot mute yourself",
        ));
    }
    let expires_at = match duration_seconds {
        None => None,
        Some(seconds) if !(1..=MAX_DURATION_SECONDS).contains(&seconds) => {
            return Err(DomainError::validation(
                "durationSeconds",
                "must be between 1 second and a year",
            ));
        }
        Some(seconds) => Some(Utc::now() + chrono::Duration::seconds(seconds)),
    };
    let account = accounts::get(db, target).await?;
    store::mutes::upsert(db, viewer.account_id, target, notifications, expires_at).await?;
    Ok(account)
}

pub async fn unmute(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<Account> {
    let account = accounts::get(db, target).await?;
    store::mutes::delete(db, viewer.account_id, target).await?;
    Ok(account)
}

/// The viewer hears nothing more of the thread of a status it may see: no notifications of
/// mentions, favourites or boosts there. Muting it again changes nothing.
pub async fn mute_thread(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    status: StatusId,
) -> DomainResult<Status> {
    let status = crate::service::visibility::acted_on(db, viewer.account_id, status).await?;
    store::thread_mutes::insert(db, viewer.account_id, status.thread_id).await?;
    Ok(status)
}

/// The viewer hears of the thread again, even of one it may no longer see.
pub async fn unmute_thread(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    status: StatusId,
) -> DomainResult<Status> {
    use crate::service::visibility;
    let status = visibility::undone_on(db, viewer.account_id, status).await?;
    if !store::thread_mutes::delete(db, viewer.account_id, status.thread_id).await? {
        visibility::get(db, Some(viewer.account_id), status.id).await?;
    }
    Ok(status)
}

/// Which of `threads` the viewer muted.
pub async fn muted_threads(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    threads: &[StatusId],
) -> DomainResult<std::collections::HashSet<StatusId>> {
    Ok(store::thread_mutes::muted_among(db, viewer, threads).await?)
}

/// The accounts the viewer mutes now, the latest mute first.
pub async fn muted(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: &crate::page::PageRequest,
) -> DomainResult<crate::page::Page<AccountId>> {
    Ok(store::mutes::page_of(db, viewer.account_id, page).await?)
}
