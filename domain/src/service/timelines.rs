//! Timelines: home, local, public and an account's statuses (narrowed, or with its pins
//! first), a page at a time.

use sea_orm::ConnectionTrait;

use crate::{DomainError, DomainResult};
use std::collections::{HashMap, HashSet};

use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::{accounts, filters, tags};
use crate::store::{
    self,
    statuses::{AccountTimeline, Timeline},
};
use crate::types::{AccountStatusesFilter, FilterContext, Status, Viewer};

/// `page` without the statuses the viewer's filters for `context` hide (a page may come out
/// shorter; its cursors stay right).
pub(crate) async fn filtered(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    context: FilterContext,
    mut page: Page<Status>,
) -> DomainResult<Page<Status>> {
    let filters = filters::active(db, viewer, context).await?;
    if filters.is_empty() {
        return Ok(page);
    }
    // A boost has no text of its own: the status it carries is what is read.
    let boosted: Vec<StatusId> = page
        .items
        .iter()
        .filter_map(|(_, s)| s.reblog_of_id)
        .collect();
    let hidden_boosted: HashSet<StatusId> = store::statuses::by_ids(db, &boosted)
        .await?
        .into_iter()
        .filter(|s| filters.hides(s))
        .map(|s| s.id)
        .collect();
    page.items.retain(|(_, status)| {
        !filters.hides(status)
            && !status
                .reblog_of_id
                .is_some_and(|id| hidden_boosted.contains(&id))
    });
    Ok(page)
}

/// The statuses a page of ids names (bookmarks, favourites: the store leaves out those the
/// viewer may not see), in the page's order and with its keys; one deleted meanwhile is
/// left out.
pub(crate) async fn statuses_in(
    db: &impl ConnectionTrait,
    page: Page<StatusId>,
) -> DomainResult<Page<Status>> {
    let ids: Vec<StatusId> = page.items.iter().map(|(_, id)| *id).collect();
    let mut found: HashMap<StatusId, Status> = store::statuses::by_ids(db, &ids)
        .await?
        .into_iter()
        .filter(|s| !s.is_deleted())
        .map(|s| (s.id, s))
        .collect();
    Ok(Page {
        items: page
            .items
            .into_iter()
            .filter_map(|(key, id)| found.remove(&id).map(|s| (key, s)))
            .collect(),
        has_previous: page.has_previous,
        has_next: page.has_next,
    })
}

/// The viewer's statuses and those of the accounts it follows.
pub async fn home(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let timeline = Timeline::Home(viewer.account_id);
    let page = store::statuses::timeline_page(db, timeline, Some(viewer.account_id), page).await?;
    filtered(db, Some(viewer.account_id), FilterContext::Home, page).await
}

/// Public statuses from this instance (`local_only`) or from everywhere, and local ones
/// for the instance's own accounts; archived ones left out, as on every timeline.
pub async fn public(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    local_only: bool,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let timeline = Timeline::Public { local_only };
    let page = store::statuses::timeline_page(db, timeline, viewer, page).await?;
    filtered(db, viewer, FilterContext::Public, page).await
}

/// An account's statuses, as far as the viewer may see them.
pub async fn account(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    account: AccountId,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    account_statuses(db, viewer, account, &AccountStatusesFilter::default(), page).await
}

/// An account's statuses that the viewer may see and `filter` lets through. With
/// `pinned_first`, the account's pinned statuses come ahead of the others (see
/// [`pinned_ahead`]) and nowhere else.
pub async fn account_statuses(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    account: AccountId,
    filter: &AccountStatusesFilter,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    accounts::get(db, account).await?;
    let tagged = match &filter.tagged {
        Some(tag) => {
            let name = tags::name_of(tag)
                .map_err(|_| DomainError::validation("tagged", "not a hashtag"))?;
            match store::tags::by_name(db, &name).await? {
                Some(id) => Some(id),
                // No status carries a tag never seen.
                None => return Ok(Page::empty()),
            }
        }
        None => None,
    };
    let selection = AccountTimeline {
        exclude_replies: filter.exclude_replies,
        exclude_reblogs: filter.exclude_reblogs,
        only_media: filter.only_media,
        tagged,
        ..AccountTimeline::all(account)
    };
    let page = if filter.pinned_first {
        let pinned = store::statuses::pinned_of(db, selection, viewer).await?;
        let rest = Timeline::Account(AccountTimeline {
            pinned: Some(false),
            ..selection
        });
        pinned_ahead(db, pinned, rest, viewer, page).await?
    } else {
        store::statuses::timeline_page(db, Timeline::Account(selection), viewer, page).await?
    };
    filtered(db, viewer, FilterContext::Account, page).await
}

/// A page of `pinned` (in its order) followed by the timeline `rest` (newest first), as one
/// list. Every item's key is its status's id, and a cursor is read by where its id lies:
/// after a pinned status come the pins after it, then `rest` from its newest; after any
/// other id, `rest` past it. So a first page with no cursor starts with the pins, which
/// take their share of its size, and no page shows one twice.
async fn pinned_ahead(
    db: &impl ConnectionTrait,
    pinned: Vec<Status>,
    rest: Timeline,
    viewer: Option<AccountId>,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    let at_pin = request
        .cursor
        .and_then(|cursor| pinned.iter().position(|s| s.id.0 == cursor));
    let keyed = |statuses: &[Status]| -> Vec<(uuid::Uuid, Status)> {
        statuses.iter().map(|s| (s.id.0, s.clone())).collect()
    };
    if request.backwards {
        if let Some(at) = at_pin {
            let from = at.saturating_sub(limit);
            return Ok(Page {
                items: keyed(&pinned[from..at]),
                has_previous: from > 0,
                has_next: true,
            });
        }
        let later = store::statuses::timeline_page(db, rest, viewer, request).await?;
        let room = limit.saturating_sub(later.items.len());
        // The pins come before the newest of the rest: they join a page that reaches it.
        let pins_taken = if later.has_previous {
            0
        } else {
            room.min(pinned.len())
        };
        let mut items = keyed(&pinned[pinned.len() - pins_taken..]);
        items.extend(later.items);
        return Ok(Page {
            items,
            has_previous: later.has_previous || pinned.len() > pins_taken,
            has_next: later.has_next,
        });
    }
    let (first_pin, rest_cursor) = match (request.cursor, at_pin) {
        (None, _) => (0, None),
        (Some(_), Some(at)) => (at + 1, None),
        (Some(cursor), None) => (pinned.len(), Some(cursor)),
    };
    let pins = &pinned[first_pin..pinned.len().min(first_pin.saturating_add(limit))];
    let room = limit - pins.len();
    // With no room left, one status of the rest tells whether a next page holds any.
    let rest_request = PageRequest {
        limit: u64::try_from(room.max(1)).unwrap_or(u64::MAX),
        backwards: false,
        cursor: rest_cursor,
    };
    let older = store::statuses::timeline_page(db, rest, viewer, &rest_request).await?;
    let pins_left = pinned.len() > first_pin + pins.len();
    let has_next = pins_left
        || if room == 0 {
            !older.items.is_empty()
        } else {
            older.has_next
        };
    let has_previous = match request.cursor {
        None => false,
        Some(_) if at_pin.is_some() => true,
        Some(_) => !pinned.is_empty() || older.has_previous,
    };
    let mut items = keyed(pins);
    if room > 0 {
        items.extend(older.items);
    }
    Ok(Page {
        items,
        has_previous,
        has_next,
    })
}
