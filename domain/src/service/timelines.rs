//! Timelines: home, local, public and an account's statuses, a page at a time.

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::ids::AccountId;
use crate::page::{Page, PageRequest};
use crate::service::accounts;
use crate::store::{self, statuses::Timeline};
use crate::types::{Status, Viewer};

/// The viewer's statuses and those of the accounts it follows.
pub async fn home(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let timeline = Timeline::Home(viewer.account_id);
    Ok(store::statuses::timeline_page(db, timeline, Some(viewer.account_id), page).await?)
}

/// Public statuses from this instance (`local_only`) or from everywhere.
pub async fn public(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    local_only: bool,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let timeline = Timeline::Public { local_only };
    Ok(store::statuses::timeline_page(db, timeline, viewer, page).await?)
}

/// An account's statuses, as far as the viewer may see them.
pub async fn account(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    account: AccountId,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    accounts::get(db, account).await?;
    Ok(store::statuses::timeline_page(db, Timeline::Account(account), viewer, page).await?)
}
