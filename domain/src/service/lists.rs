//! Lists: named groups of accounts one follows, each with a timeline of their statuses.
//! A list is its owner's alone: to anyone else it does not exist.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, ListId};
use crate::page::{Page, PageRequest};
use crate::store;
use crate::types::{List, Status, Timeline, Viewer};
use crate::{DomainError, DomainResult};

/// The longest a list's title may be, in characters.
const MAX_TITLE: usize = 100;

fn title_of(title: &str) -> DomainResult<String> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        return Err(DomainError::validation(
            "title",
            format!("must have 1 to {MAX_TITLE} characters"),
        ));
    }
    Ok(title.to_owned())
}

pub async fn create(db: &impl ConnectionTrait, viewer: &Viewer, title: &str) -> DomainResult<List> {
    let list = List {
        id: ListId::new(),
        owner: viewer.account_id,
        title: title_of(title)?,
        created_at: Utc::now(),
    };
    store::lists::insert(db, &list).await?;
    Ok(list)
}

/// The viewer's list `id`; NOT_FOUND for anyone else's.
pub async fn get(db: &impl ConnectionTrait, viewer: &Viewer, id: ListId) -> DomainResult<List> {
    store::lists::by_id(db, id)
        .await?
        .filter(|list| list.owner == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::List))
}

pub async fn rename(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ListId,
    title: &str,
) -> DomainResult<List> {
    let mut list = get(db, viewer, id).await?;
    list.title = title_of(title)?;
    store::lists::rename(db, id, &list.title).await?;
    Ok(list)
}

pub async fn delete(db: &impl ConnectionTrait, viewer: &Viewer, id: ListId) -> DomainResult<()> {
    get(db, viewer, id).await?;
    Ok(store::lists::delete(db, id).await?)
}

/// The viewer's lists, by title.
pub async fn all(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<List>> {
    Ok(store::lists::of(db, viewer.account_id).await?)
}

/// Puts `accounts` on the list; each must be one the viewer follows.
pub async fn add(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ListId,
    accounts: &[AccountId],
) -> DomainResult<List> {
    let list = get(db, viewer, id).await?;
    let followed = store::follows::followed_among(db, viewer.account_id, accounts).await?;
    if accounts.iter().any(|account| !followed.contains(account)) {
        return Err(DomainError::validation(
            "accountIds",
            "only accounts you follow can be put on a list",
        ));
    }
    store::lists::add_members(db, id, accounts).await?;
    Ok(list)
}

pub async fn remove(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ListId,
    accounts: &[AccountId],
) -> DomainResult<List> {
    let list = get(db, viewer, id).await?;
    store::lists::remove_members(db, id, accounts).await?;
    Ok(list)
}

pub async fn members(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ListId,
) -> DomainResult<Vec<AccountId>> {
    get(db, viewer, id).await?;
    Ok(store::lists::members(db, id).await?)
}

/// Statuses of the list's accounts the viewer may see, newest first.
pub async fn timeline(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ListId,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    get(db, viewer, id).await?;
    let (timeline, viewer) = (Timeline::List(id), Some(viewer.account_id));
    let context = crate::types::FilterContext::Home;
    crate::service::timelines::filtered_timeline(db, timeline, viewer, context, page).await
}
