//! Following: requests, answers, and the lists of who follows whom.

use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

use crate::ids::{AccountId, Kind};
use crate::page::{Page, PageRequest};
use crate::service::accounts;
use crate::store;
use crate::types::{Account, Relationship, Viewer};
use crate::{DomainError, DomainResult};

async fn relationship(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<Relationship> {
    Ok(accounts::relationships(db, viewer.account_id, &[target])
        .await?
        .remove(&target)
        .unwrap_or_default())
}

/// Follows `target`, or asks to when it is locked. Following again changes nothing.
#[tracing::instrument(skip_all, fields(follower = %viewer.account_id, target = %target))]
pub async fn follow(
    db: &DatabaseConnection,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    if target == viewer.account_id {
        return Err(DomainError::validation(
            "accountId",
            "you cannot follow yourself",
        ));
    }
    let account = accounts::get(db, target).await?;
    if !account.is_local() {
        // A remote follow is a Follow delivered and an Accept awaited; delivery comes with
        // the job queue.
        return Err(DomainError::NotSupportedYet(
            "following accounts on other servers",
        ));
    }
    let current = relationship(db, viewer, target).await?;
    if !current.following && !current.requested {
        if account.locked {
            store::follow_requests::insert(db, viewer.account_id, target, None).await?;
        } else {
            store::follows::insert(db, viewer.account_id, target, None).await?;
        }
    }
    Ok((account, relationship(db, viewer, target).await?))
}

/// Stops following `target` and withdraws any waiting request.
#[tracing::instrument(skip_all, fields(follower = %viewer.account_id, target = %target))]
pub async fn unfollow(
    db: &DatabaseConnection,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    let account = accounts::get(db, target).await?;
    let txn = db.begin().await?;
    store::follows::delete(&txn, viewer.account_id, target).await?;
    store::follow_requests::delete(&txn, viewer.account_id, target).await?;
    txn.commit().await?;
    Ok((account, relationship(db, viewer, target).await?))
}

/// Accepts `requester`'s request to follow the viewer.
#[tracing::instrument(skip_all, fields(followee = %viewer.account_id, requester = %requester))]
pub async fn accept(
    db: &DatabaseConnection,
    viewer: &Viewer,
    requester: AccountId,
) -> DomainResult<Account> {
    let txn = db.begin().await?;
    let ap_id = store::follow_requests::find(&txn, requester, viewer.account_id)
        .await?
        .ok_or(DomainError::NotFound(Kind::FollowRequest))?;
    store::follow_requests::delete(&txn, requester, viewer.account_id).await?;
    store::follows::insert(&txn, requester, viewer.account_id, ap_id).await?;
    txn.commit().await?;
    accounts::get(db, requester).await
}

/// Rejects `requester`'s request to follow the viewer.
#[tracing::instrument(skip_all, fields(followee = %viewer.account_id, requester = %requester))]
pub async fn reject(
    db: &DatabaseConnection,
    viewer: &Viewer,
    requester: AccountId,
) -> DomainResult<Account> {
    if !store::follow_requests::delete(db, requester, viewer.account_id).await? {
        return Err(DomainError::NotFound(Kind::FollowRequest));
    }
    accounts::get(db, requester).await
}

/// Who follows `account` (`followers = true`) or whom it follows.
pub async fn list(
    db: &impl ConnectionTrait,
    account: AccountId,
    followers: bool,
    page: &PageRequest,
) -> DomainResult<Page<AccountId>> {
    accounts::get(db, account).await?;
    Ok(store::follows::page(db, account, followers, page).await?)
}

/// The requests waiting for the viewer's answer.
pub async fn requests(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: &PageRequest,
) -> DomainResult<Page<AccountId>> {
    Ok(store::follow_requests::page_for(db, viewer.account_id, page).await?)
}
