//! Hashtags: their timelines, and the ones an account follows (their public statuses reach
//! its home timeline).

use std::collections::HashMap;
use std::sync::Mutex;

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, TagId};
use crate::page::{Page, PageRequest};
use crate::store::{self, statuses::Timeline};
use crate::types::{Status, Viewer};
use crate::{DomainError, DomainResult};

/// Tag ids by name, as one process has read them: tags are never deleted, so an id once
/// read stays right, and statuses received with known tags cost one query less.
#[derive(Debug, Default)]
pub struct TagIds(Mutex<HashMap<String, TagId>>);

/// Names remembered at most; past it the memory starts afresh.
const TAG_IDS_KEPT: usize = 50_000;

impl TagIds {
    /// The ids of the tags `names` (made for those that are new).
    pub async fn ids_for(
        &self,
        db: &impl ConnectionTrait,
        names: &[String],
    ) -> DomainResult<Vec<TagId>> {
        let (mut ids, missing) = {
            let known = self.lock();
            let mut ids = Vec::with_capacity(names.len());
            let mut missing = Vec::new();
            for name in names {
                match known.get(name) {
                    Some(id) => ids.push(*id),
                    None => missing.push(name.clone()),
                }
            }
            (ids, missing)
        };
        if !missing.is_empty() {
            let found = store::tags::ids_by_name(db, &missing).await?;
            let mut known = self.lock();
            if known.len() + found.len() > TAG_IDS_KEPT {
                known.clear();
            }
            for (name, id) in found {
                ids.push(id);
                known.insert(name, id);
            }
        }
        Ok(ids)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, TagId>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A hashtag's name as statuses carry it: without `#`, lowercased.
pub(crate) fn name_of(tag: &str) -> DomainResult<String> {
    let name = tag.trim().trim_start_matches('#').to_lowercase();
    let valid = !name.is_empty()
        && name.chars().count() <= 100
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(DomainError::validation("tag", "not a hashtag"));
    }
    Ok(name)
}

/// The viewer follows `tag`; returns its name. Following it again changes nothing.
pub async fn follow(db: &impl ConnectionTrait, viewer: &Viewer, tag: &str) -> DomainResult<String> {
    let name = name_of(tag)?;
    let ids = store::tags::ids_for(db, std::slice::from_ref(&name)).await?;
    for id in ids {
        store::followed_tags::insert(db, viewer.account_id, id).await?;
    }
    Ok(name)
}

pub async fn unfollow(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    tag: &str,
) -> DomainResult<String> {
    let name = name_of(tag)?;
    if let Some(id) = store::tags::by_name(db, &name).await? {
        store::followed_tags::delete(db, viewer.account_id, id).await?;
    }
    Ok(name)
}

/// The hashtags the viewer follows, alphabetically.
pub async fn followed(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<String>> {
    Ok(store::followed_tags::names_of(db, viewer.account_id).await?)
}

/// Public statuses carrying `tag`, newest first.
pub async fn timeline(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    tag: &str,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let name = name_of(tag)?;
    let Some(id) = store::tags::by_name(db, &name).await? else {
        return Ok(Page::empty());
    };
    let context = crate::types::FilterContext::Public;
    crate::service::timelines::filtered_timeline(db, Timeline::Tag(id), viewer, context, page).await
}
