//! Notifications: what an account is told of, read and marked read.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::ids::NotificationId;
use crate::page::{Page, PageRequest};
use crate::store;
use crate::types::{Notification, Viewer};

/// The viewer's notifications, newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> DomainResult<Page<Notification>> {
    Ok(store::notifications::page_of(db, viewer.account_id, request).await?)
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
