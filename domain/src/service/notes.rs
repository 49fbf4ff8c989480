//! Notes: one's own statuses of every visibility, listed and searched, archived and back.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::StatusId;
use crate::page::{Page, PageRequest};
use crate::service::visibility;
use crate::store;
use crate::types::{NoteFilter, Status, Viewer};
use crate::{DomainError, DomainResult};

/// The most characters a text filter may have.
const MAX_TEXT_CHARS: usize = 200;

/// One of the viewer's own statuses (a boost standing for the status boosted), to archive
/// or bring back.
async fn own(db: &impl ConnectionTrait, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::acted_on(db, viewer.account_id, id).await?;
    if status.account_id != viewer.account_id {
        return Err(DomainError::Forbidden);
    }
    Ok(status)
}

/// Archives one of the viewer's statuses: it leaves every list of statuses (timelines, pins
/// and `featured`, search) but stays reachable by id (the status, its thread, bookmarks).
/// Archiving it again changes nothing. Nobody else is told.
pub async fn archive(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: StatusId,
) -> DomainResult<Status> {
    let status = own(db, viewer, id).await?;
    if status.archived_at.is_some() {
        return Ok(status);
    }
    let at = Utc::now();
    store::statuses::set_archived(db, status.id, Some(at)).await?;
    Ok(Status {
        archived_at: Some(at),
        ..status
    })
}

/// Brings an archived status of the viewer's back to the timelines.
pub async fn unarchive(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: StatusId,
) -> DomainResult<Status> {
    let status = own(db, viewer, id).await?;
    if status.archived_at.is_none() {
        return Ok(status);
    }
    store::statuses::set_archived(db, status.id, None).await?;
    Ok(Status {
        archived_at: None,
        ..status
    })
}

/// A page of the viewer's own statuses of every visibility, boosts left out, newest first,
/// as `filter` narrows them (a hashtag given with or without `#`, in any case).
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &NoteFilter,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    if filter
        .text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
    {
        return Err(DomainError::validation(
            "filter.text",
            format!("at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    let filter = NoteFilter {
        tag: filter
            .tag
            .as_ref()
            .map(|t| t.trim().trim_start_matches('#').to_lowercase()),
        ..filter.clone()
    };
    if filter.tag.as_ref().is_some_and(|t| t.is_empty()) {
        return Err(DomainError::validation("filter.tag", "an empty hashtag"));
    }
    Ok(store::statuses::notes_page(db, viewer.account_id, &filter, request).await?)
}
