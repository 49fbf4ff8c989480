//! Hashtags: their timelines, and the ones an account follows (their public statuses reach
//! its home timeline).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveTime, Utc};
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::content::name_of;
use crate::ids::{AccountId, TagId};
use crate::page::{Page, PageRequest};
use crate::store;
use crate::types::{Status, Timeline, Viewer};

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

/// Which of the hashtags named `names` `viewer` follows.
pub async fn followed_among(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    names: &[String],
) -> DomainResult<HashSet<String>> {
    Ok(store::followed_tags::followed_among(db, viewer, names).await?)
}

/// How much a hashtag was used on one day (UTC), as this server has seen it: public and
/// unlisted statuses, boosts left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayUsage {
    /// The day's first instant.
    pub day: DateTime<Utc>,
    /// Statuses carrying the tag.
    pub uses: u64,
    /// Accounts that wrote them.
    pub accounts: u64,
}

/// Days in a hashtag's history, today included.
pub const HISTORY_DAYS: usize = 7;

/// The use of each of the hashtags `names` on each of the last [`HISTORY_DAYS`] days up
/// to the one holding `now`, newest first (as Mastodon lists a tag's history); days
/// without use count zero.
pub async fn history(
    db: &impl ConnectionTrait,
    names: &[String],
    now: DateTime<Utc>,
) -> DomainResult<HashMap<String, Vec<DayUsage>>> {
    let today = now.date_naive().and_time(NaiveTime::MIN).and_utc();
    // Oldest first: the start of each day, then the end of today.
    let bounds: Vec<DateTime<Utc>> = (0..=HISTORY_DAYS as i64)
        .map(|i| today - Duration::days(HISTORY_DAYS as i64 - 1 - i))
        .collect();
    let mut usage = store::tags::usage(db, names, &bounds).await?;
    Ok(names
        .iter()
        .map(|name| {
            let counts = usage.remove(name).unwrap_or_default();
            let days = bounds[..HISTORY_DAYS]
                .iter()
                .enumerate()
                .rev()
                .map(|(i, day)| {
                    let (uses, accounts) = counts.get(i).copied().unwrap_or((0, 0));
                    DayUsage {
                        day: *day,
                        uses,
                        accounts,
                    }
                })
                .collect();
            (name.clone(), days)
        })
        .collect())
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
