//! Timelines: home, local, public and an account's statuses, a page at a time.

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use std::collections::HashSet;

use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::service::{accounts, filters};
use crate::store::{self, statuses::Timeline};
use crate::types::{FilterContext, Status, Viewer};

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
    accounts::get(db, account).await?;
    let page = store::statuses::timeline_page(db, Timeline::Account(account), viewer, page).await?;
    filtered(db, viewer, FilterContext::Account, page).await
}
