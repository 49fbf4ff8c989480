//! Following: requests, answers (given here or received from other servers), and the lists
//! of who follows whom.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::{AccountId, Kind};
use crate::page::{Page, PageRequest};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::accounts;
use crate::service::notifications::notify;
use crate::service::outbox::Write;
use crate::store;
use crate::types::{Account, ActivityKind, NotificationKind, Relationship, Viewer};
use crate::{DomainError, DomainResult};

async fn relationship(
    db: &impl ConnectionTrait,
    follower: AccountId,
    target: AccountId,
) -> DomainResult<Relationship> {
    Ok(accounts::relationships(db, follower, &[target])
        .await?
        .remove(&target)
        .unwrap_or_default())
}

/// Follows `target`, or asks to when it is locked or on another server (whose answer comes
/// as an Accept or Reject). Following again changes nothing.
#[tracing::instrument(skip_all, fields(follower = %viewer.account_id, target = %target))]
pub async fn follow(
    app: &App,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    viewer.require_confirmed_email()?;
    follow_as(app, viewer.account_id, target).await
}

/// [`follow`] on behalf of the local account `follower`.
pub(crate) async fn follow_as(
    app: &App,
    follower: AccountId,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    if target == follower {
        return Err(DomainError::validation(
            "accountId",
            "you cannot follow yourself",
        ));
    }
    let account = accounts::get(&app.db, target).await?;
    crate::service::blocks::refuse_across(&app.db, follower, target).await?;
    let current = relationship(&app.db, follower, target).await?;
    if !current.following && !current.requested {
        let txn = app.write().await?;
        let mut notified = Vec::new();
        if !account.is_local() {
            let activity = app
                .outbox
                .to_account(follower, ActivityKind::Follow, target, None);
            store::follow_requests::insert(&txn, follower, target, Some(activity.ap_id.clone()))
                .await?;
            txn.record(&activity).await?;
        } else if needs_approval(&app.db, follower, &account).await? {
            if store::follow_requests::insert(&txn, follower, target, None).await? {
                let kind = NotificationKind::FollowRequest;
                notified = notify(&txn, kind, follower, None, &[target]).await?;
            }
        } else if store::follows::insert(&txn, follower, target, None).await? {
            notified = notify(&txn, NotificationKind::Follow, follower, None, &[target]).await?;
        }
        txn.tell(LiveEvent::notified(notified));
        txn.commit().await?;
    }
    Ok((account, relationship(&app.db, follower, target).await?))
}

/// Stops following `target` and withdraws any waiting request.
#[tracing::instrument(skip_all, fields(follower = %viewer.account_id, target = %target))]
pub async fn unfollow(
    app: &App,
    viewer: &Viewer,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    unfollow_as(app, viewer.account_id, target).await
}

/// [`unfollow`] on behalf of the local account `follower`.
pub(crate) async fn unfollow_as(
    app: &App,
    follower: AccountId,
    target: AccountId,
) -> DomainResult<(Account, Relationship)> {
    let account = accounts::get(&app.db, target).await?;
    let txn = app.write().await?;
    let followed = store::follows::find(&txn, follower, target).await?;
    let requested = store::follow_requests::find(&txn, follower, target).await?;
    store::follows::delete(&txn, follower, target).await?;
    end_request(&txn, follower, target).await?;
    // Lists hold followed accounts only.
    store::lists::remove_everywhere(&txn, follower, target).await?;
    if let (false, Some(follow_ap_id)) = (account.is_local(), followed.or(requested)) {
        let activity =
            app.outbox
                .to_account(follower, ActivityKind::UndoFollow, target, follow_ap_id);
        txn.record(&activity).await?;
    }
    txn.commit().await?;
    Ok((account, relationship(&app.db, follower, target).await?))
}

/// Accepts `requester`'s request to follow the viewer.
#[tracing::instrument(skip_all, fields(followee = %viewer.account_id, requester = %requester))]
pub async fn accept(app: &App, viewer: &Viewer, requester: AccountId) -> DomainResult<Account> {
    answer(app, viewer, requester, true).await
}

/// Rejects `requester`'s request to follow the viewer.
#[tracing::instrument(skip_all, fields(followee = %viewer.account_id, requester = %requester))]
pub async fn reject(app: &App, viewer: &Viewer, requester: AccountId) -> DomainResult<Account> {
    answer(app, viewer, requester, false).await
}

async fn answer(
    app: &App,
    viewer: &Viewer,
    requester: AccountId,
    accepted: bool,
) -> DomainResult<Account> {
    let account = accounts::get(&app.db, requester).await?;
    let txn = app.write().await?;
    let ap_id = store::follow_requests::find(&txn, requester, viewer.account_id)
        .await?
        .ok_or(DomainError::NotFound(Kind::FollowRequest))?;
    answer_in(&txn, viewer.account_id, &account, ap_id, accepted).await?;
    txn.commit().await?;
    Ok(account)
}

/// Inside the caller's write, answers `requester`'s waiting request (made by the
/// Follow `ap_id`) to follow the local `followee`: the request and its notification go; an
/// accepted one becomes a follow, which notifies as a follow does; a remote requester's
/// server gets the Accept or Reject.
async fn answer_in(
    txn: &Write<'_>,
    followee: AccountId,
    requester: &Account,
    ap_id: Option<String>,
    accepted: bool,
) -> DomainResult<()> {
    end_request(txn, requester.id, followee).await?;
    if accepted && store::follows::insert(txn, requester.id, followee, ap_id.clone()).await? {
        let notified = notify(
            txn,
            NotificationKind::Follow,
            requester.id,
            None,
            &[followee],
        )
        .await?;
        txn.tell(LiveEvent::notified(notified));
    }
    if !requester.is_local() {
        let kind = if accepted {
            ActivityKind::AcceptFollow
        } else {
            ActivityKind::RejectFollow
        };
        let activity = txn.outbox().to_account(followee, kind, requester.id, ap_id);
        txn.record(&activity).await?;
    }
    Ok(())
}

/// Inside the caller's write, accepts every request waiting for `followee` (which is no
/// longer locked), as accepting each one would.
pub(crate) async fn accept_all(txn: &Write<'_>, followee: AccountId) -> DomainResult<()> {
    let waiting = store::follow_requests::all_for(txn, followee).await?;
    let requesters: Vec<AccountId> = waiting.iter().map(|(id, _)| *id).collect();
    let mut requesters: HashMap<AccountId, Account> = store::accounts::by_ids(txn, &requesters)
        .await?
        .into_iter()
        .map(|account| (account.id, account))
        .collect();
    for (requester, ap_id) in waiting {
        let Some(requester) = requesters.remove(&requester) else {
            continue;
        };
        answer_in(txn, followee, &requester, ap_id, true).await?;
    }
    Ok(())
}

/// Inside the caller's transaction, ends `follower`'s request to follow the local
/// `followee` (answered or withdrawn), and the notification of it.
pub(crate) async fn end_request(
    txn: &impl ConnectionTrait,
    follower: AccountId,
    followee: AccountId,
) -> DomainResult<()> {
    store::follow_requests::delete(txn, follower, followee).await?;
    store::notifications::delete_follow_request(txn, follower, followee).await?;
    Ok(())
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

/// How a received Follow ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowOutcome {
    Following,
    Requested,
    /// Refused across a block; the follower's server gets a `Reject`.
    Rejected,
}

/// Whether `follower`'s follow of the local `target` waits for its approval: the target is
/// locked, or a moderator limited the follower and the target does not follow it.
async fn needs_approval(
    db: &impl ConnectionTrait,
    follower: AccountId,
    target: &Account,
) -> DomainResult<bool> {
    if target.locked {
        return Ok(true);
    }
    if !accounts::get(db, follower).await?.restrictions.limited() {
        return Ok(false);
    }
    Ok(store::follows::find(db, target.id, follower)
        .await?
        .is_none())
}

/// A remote account follows (or asks to follow) a local one; an unlocked account accepts
/// at once.
pub async fn follow_received(
    app: &App,
    follower: AccountId,
    target_actor_id: &str,
    activity_id: Option<String>,
) -> DomainResult<(Account, FollowOutcome)> {
    let target = store::accounts::by_actor_id(&app.db, target_actor_id)
        .await?
        .filter(Account::is_local)
        .ok_or(DomainError::NotFound(Kind::Account))?;
    match crate::service::blocks::refuse_across(&app.db, follower, target.id).await {
        Ok(()) => {}
        Err(DomainError::Forbidden) => {
            let reject =
                app.outbox
                    .to_account(target.id, ActivityKind::RejectFollow, follower, activity_id);
            let txn = app.write().await?;
            txn.record(&reject).await?;
            txn.commit().await?;
            return Ok((target, FollowOutcome::Rejected));
        }
        Err(other) => return Err(other),
    }
    let approval = needs_approval(&app.db, follower, &target).await?;
    let txn = app.write().await?;
    let mut notified = Vec::new();
    let outcome = if approval {
        if store::follow_requests::insert(&txn, follower, target.id, activity_id).await? {
            notified = notify(
                &txn,
                NotificationKind::FollowRequest,
                follower,
                None,
                &[target.id],
            )
            .await?;
        }
        FollowOutcome::Requested
    } else {
        if store::follows::insert(&txn, follower, target.id, activity_id.clone()).await? {
            notified = notify(&txn, NotificationKind::Follow, follower, None, &[target.id]).await?;
        }
        let accept =
            app.outbox
                .to_account(target.id, ActivityKind::AcceptFollow, follower, activity_id);
        txn.record(&accept).await?;
        FollowOutcome::Following
    };
    txn.tell(LiveEvent::notified(notified));
    txn.commit().await?;
    Ok((target, outcome))
}

/// A remote account answers a local account's request to follow it: the request becomes a
/// follow (`accepted`) or goes away. The request is found by the follower's actor id or by
/// the Follow's id; an answer to no request changes nothing.
pub async fn follow_answered(
    db: &DatabaseConnection,
    followee: AccountId,
    follower_actor_id: Option<&str>,
    follow_ap_id: Option<&str>,
    accepted: bool,
) -> DomainResult<()> {
    let follower = match (follower_actor_id, follow_ap_id) {
        (Some(actor_id), _) => store::accounts::by_actor_id(db, actor_id)
            .await?
            .filter(Account::is_local)
            .map(|account| account.id),
        (None, Some(ap_id)) => store::follow_requests::by_ap_id(db, ap_id)
            .await?
            .filter(|(_, requested)| *requested == followee)
            .map(|(follower, _)| follower),
        (None, None) => None,
    };
    let Some(follower) = follower else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let request = store::follow_requests::find(&txn, follower, followee).await?;
    if accepted {
        if let Some(ap_id) = request {
            store::follow_requests::delete(&txn, follower, followee).await?;
            store::follows::insert(&txn, follower, followee, ap_id).await?;
        }
    } else {
        // A Reject also ends a follow that was accepted before.
        store::follow_requests::delete(&txn, follower, followee).await?;
        store::follows::delete(&txn, follower, followee).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A remote account stops following (or withdraws its request to follow) a local one.
pub async fn unfollow_received(
    db: &DatabaseConnection,
    follower: AccountId,
    target_actor_id: &str,
) -> DomainResult<()> {
    let Some(target) = store::accounts::by_actor_id(db, target_actor_id).await? else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    store::follows::delete(&txn, follower, target.id).await?;
    end_request(&txn, follower, target.id).await?;
    txn.commit().await?;
    Ok(())
}
