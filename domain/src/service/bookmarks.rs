//! Bookmarks: statuses an account keeps for later; no one else learns of them.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::{timelines, visibility};
use crate::store;
use crate::types::{Status, Viewer};

/// Bookmarks a status the viewer may see; bookmarking it again changes nothing.
pub async fn bookmark(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: StatusId,
) -> DomainResult<Status> {
    let status = visibility::acted_on(db, viewer.account_id, id).await?;
    store::bookmarks::insert(db, viewer.account_id, status.id).await?;
    Ok(status)
}

/// Forgets a bookmark, even of a status the viewer may no longer see.
pub async fn unbookmark(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: StatusId,
) -> DomainResult<Status> {
    let status = visibility::undone_on(db, viewer.account_id, id).await?;
    if !store::bookmarks::delete(db, viewer.account_id, status.id).await? {
        visibility::get(db, Some(viewer.account_id), status.id).await?;
    }
    Ok(status)
}

/// The viewer's bookmarks, the latest first, as far as it may still see them.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    let page = store::bookmarks::page_of(db, viewer.account_id, request).await?;
    timelines::statuses_in(db, page).await
}

/// Which of the statuses the viewer bookmarked.
pub async fn bookmarked_among(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    ids: &[StatusId],
) -> DomainResult<HashSet<StatusId>> {
    Ok(store::bookmarks::bookmarked_among(db, viewer, ids).await?)
}
