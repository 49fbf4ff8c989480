//! Timelines: home, local, public and an account's statuses (narrowed, or with its pins
//! first), a page at a time.

use sea_orm::ConnectionTrait;

use crate::{DomainError, DomainResult};
use std::collections::{HashMap, HashSet};

use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::{accounts, filters};
use crate::store;
use crate::types::{
    AccountStatusesFilter, AccountTimeline, FilterContext, Status, Timeline, Viewer,
};

/// How many more reads fill a page that keyword filters thinned out.
const REFILL_READS: usize = 4;
/// The fewest statuses each of those reads asks for.
const REFILL_SIZE: u64 = 20;

/// One page of `timeline` without the statuses the viewer's filters for `context` hide.
/// A page they thin out is filled from further along (up to [`REFILL_READS`] more reads),
/// so that it comes back short, or empty with more to follow, only when nearly everything
/// there is hidden.
pub(crate) async fn filtered_timeline(
    db: &impl ConnectionTrait,
    timeline: Timeline,
    viewer: Option<AccountId>,
    context: FilterContext,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    // Two reads that wait for nothing of each other's, side by side.
    let (filters, page) = tokio::try_join!(filters::active(db, viewer, context), async {
        Ok(store::timelines::timeline_page(db, timeline, viewer, request).await?)
    })?;
    refilled(db, timeline, viewer, &filters, request, page).await
}

/// One page of `timeline` without what `filters` hide, filled from further along.
async fn unhidden_page(
    db: &impl ConnectionTrait,
    timeline: Timeline,
    viewer: Option<AccountId>,
    filters: &filters::ActiveFilters,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    let page = store::timelines::timeline_page(db, timeline, viewer, request).await?;
    refilled(db, timeline, viewer, filters, request, page).await
}

/// `page`, read by `request`, without what `filters` hide (and, on the timelines of
/// followed accounts, without repeats: see [`without_repeats`]), and filled from
/// further along.
async fn refilled(
    db: &impl ConnectionTrait,
    timeline: Timeline,
    viewer: Option<AccountId>,
    filters: &filters::ActiveFilters,
    request: &PageRequest,
    mut page: Page<Status>,
) -> DomainResult<Page<Status>> {
    let once = matches!(timeline, Timeline::Home(_) | Timeline::List(_));
    if filters.is_empty() && !once {
        return Ok(page);
    }
    let kept_of = |items: Vec<(uuid::Uuid, Status)>| {
        if once { without_repeats(items) } else { items }
    };
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    // The key farthest along in the direction of reading: where a further read starts.
    let far_end = |items: &[(uuid::Uuid, Status)]| {
        if request.backwards {
            items.first().map(|(key, _)| *key)
        } else {
            items.last().map(|(key, _)| *key)
        }
    };
    let mut end = far_end(&page.items);
    let mut kept = kept_of(unhidden(db, filters, std::mem::take(&mut page.items)).await?);
    let mut reads = 0;
    while kept.len() < limit && reads < REFILL_READS {
        let more = if request.backwards {
            page.has_previous
        } else {
            page.has_next
        };
        let (true, Some(cursor)) = (more, end) else {
            break;
        };
        let next = PageRequest {
            cursor: Some(cursor),
            limit: request.limit.max(REFILL_SIZE),
            backwards: request.backwards,
        };
        let further = store::timelines::timeline_page(db, timeline, viewer, &next).await?;
        end = far_end(&further.items);
        let further_kept = unhidden(db, filters, further.items).await?;
        if request.backwards {
            page.has_previous = further.has_previous;
            kept.splice(0..0, further_kept);
        } else {
            page.has_next = further.has_next;
            kept.extend(further_kept);
        }
        kept = kept_of(kept);
        reads += 1;
    }
    if kept.len() > limit {
        if request.backwards {
            kept.drain(..kept.len() - limit);
            page.has_previous = true;
        } else {
            kept.truncate(limit);
            page.has_next = true;
        }
    }
    page.items = kept;
    Ok(page)
}

/// `items` (newest first) showing each status once, as Mastodon's home feed does: a boost
/// of a status that is itself among them is left out, and of several boosts of one status
/// only the newest is kept. Pages apart may still show a status twice.
fn without_repeats(mut items: Vec<(uuid::Uuid, Status)>) -> Vec<(uuid::Uuid, Status)> {
    let originals: HashSet<StatusId> = items
        .iter()
        .filter(|(_, status)| status.reblog_of_id.is_none())
        .map(|(_, status)| status.id)
        .collect();
    let mut boosted = HashSet::new();
    items.retain(|(_, status)| match status.reblog_of_id {
        None => true,
        Some(id) => !originals.contains(&id) && boosted.insert(id),
    });
    items
}

/// `items` without the statuses `filters` hide, a boost hidden with the status it carries.
async fn unhidden(
    db: &impl ConnectionTrait,
    filters: &filters::ActiveFilters,
    mut items: Vec<(uuid::Uuid, Status)>,
) -> DomainResult<Vec<(uuid::Uuid, Status)>> {
    if filters.is_empty() {
        return Ok(items);
    }
    // A boost has no text of its own: the status it carries is what is read.
    let boosted: Vec<StatusId> = items.iter().filter_map(|(_, s)| s.reblog_of_id).collect();
    let hidden_boosted: HashSet<StatusId> = store::statuses::by_ids(db, &boosted)
        .await?
        .into_iter()
        .filter(|s| filters.hides(s))
        .map(|s| s.id)
        .collect();
    items.retain(|(_, status)| {
        !filters.hides(status)
            && !status
                .reblog_of_id
                .is_some_and(|id| hidden_boosted.contains(&id))
    });
    Ok(items)
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
    filtered_timeline(
        db,
        timeline,
        Some(viewer.account_id),
        FilterContext::Home,
        page,
    )
    .await
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
    filtered_timeline(db, timeline, viewer, FilterContext::Public, page).await
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
            let name = crate::content::name_of(tag)
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
    if !filter.pinned_first {
        let timeline = Timeline::Account(selection);
        return filtered_timeline(db, timeline, viewer, FilterContext::Account, page).await;
    }
    let filters = filters::active(db, viewer, FilterContext::Account).await?;
    let pinned = store::timelines::pinned_of(db, selection, viewer).await?;
    let pinned = pinned.into_iter().map(|s| (s.id.0, s)).collect();
    let pinned = unhidden(db, &filters, pinned).await?;
    let rest = Timeline::Account(AccountTimeline {
        pinned: Some(false),
        ..selection
    });
    pinned_ahead(db, pinned, rest, viewer, &filters, page).await
}

/// A page of `pinned` (in its order) followed by the timeline `rest` (newest first), as one
/// list. Every item's key is its status's id, and a cursor is read by where its id lies:
/// after a pinned status come the pins after it, then `rest` from its newest; after any
/// other id, `rest` past it. So a first page with no cursor starts with the pins, which
/// take their share of its size, and no page shows one twice. What `filters` hide is left
/// out of both, and reads of `rest` go on past it to fill the page.
async fn pinned_ahead(
    db: &impl ConnectionTrait,
    pinned: Vec<(uuid::Uuid, Status)>,
    rest: Timeline,
    viewer: Option<AccountId>,
    filters: &filters::ActiveFilters,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    let limit = usize::try_from(request.limit).unwrap_or(usize::MAX);
    let at_pin = request
        .cursor
        .and_then(|cursor| pinned.iter().position(|(key, _)| *key == cursor));
    if request.backwards {
        if let Some(at) = at_pin {
            let from = at.saturating_sub(limit);
            return Ok(Page {
                items: pinned[from..at].to_vec(),
                has_previous: from > 0,
                has_next: true,
            });
        }
        let later = unhidden_page(db, rest, viewer, filters, request).await?;
        let room = limit.saturating_sub(later.items.len());
        // The pins come before the newest of the rest: they join a page that reaches it.
        let pins_taken = if later.has_previous {
            0
        } else {
            room.min(pinned.len())
        };
        let mut items = pinned[pinned.len() - pins_taken..].to_vec();
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
    let older = unhidden_page(db, rest, viewer, filters, &rest_request).await?;
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
    let mut items = pins.to_vec();
    if room > 0 {
        items.extend(older.items);
    }
    Ok(Page {
        items,
        has_previous,
        has_next,
    })
}
