//! Blocks: an account refuses another. Follows between them end, neither sees the other's
//! statuses or hears of the other, and neither can follow the other until it ends.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::AccountId;
use crate::service::App;
use crate::service::accounts;
use crate::store;
use crate::types::{Account, ActivityKind, Viewer};
use crate::{DomainError, DomainResult};

/// Ends every follow and request between two accounts, both ways, and leaves no trace of
/// either with the other: what each was told of the other is deleted (as Mastodon does), and
/// so are their conversations with each other, which would end in statuses neither sees.
async fn sever(db: &impl ConnectionTrait, a: AccountId, b: AccountId) -> DomainResult<()> {
    for (follower, followee) in [(a, b), (b, a)] {
        store::follows::delete(db, follower, followee).await?;
        store::follow_requests::delete(db, follower, followee).await?;
        store::lists::remove_everywhere(db, follower, followee).await?;
    }
    store::notifications::delete_between(db, a, b).await?;
    crate::service::conversations::forget_between(db, a, b).await
}

/// The viewer blocks `target`; blocking again changes nothing. A remote account's server
/// gets a `Block`.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, target = %target))]
pub async fn block(app: &App, viewer: &Viewer, target: AccountId) -> DomainResult<Account> {
    if target == viewer.account_id {
        return Err(DomainError::validation(
            "accountId",
            "you cannot block yourself",
        ));
    }
    let account = accounts::get(&app.db, target).await?;
    let activity = app
        .outbox
        .to_account(viewer.account_id, ActivityKind::Block, target, None);
    let txn = app.write().await?;
    let ap_id = Some(activity.ap_id.clone());
    if store::blocks::insert(&txn, viewer.account_id, target, ap_id).await? {
        sever(&txn, viewer.account_id, target).await?;
        if !account.is_local() {
            txn.record(&activity).await?;
        }
    }
    txn.commit().await?;
    Ok(account)
}

/// The viewer stops blocking `target`; a remote account's server gets the `Undo`.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, target = %target))]
pub async fn unblock(app: &App, viewer: &Viewer, target: AccountId) -> DomainResult<Account> {
    let account = accounts::get(&app.db, target).await?;
    let txn = app.write().await?;
    if let Some(block_id) = store::blocks::delete(&txn, viewer.account_id, target).await?
        && !account.is_local()
    {
        let undo =
            app.outbox
                .to_account(viewer.account_id, ActivityKind::UndoBlock, target, block_id);
        txn.record(&undo).await?;
    }
    txn.commit().await?;
    Ok(account)
}

/// A remote account blocked a local one (`Block` `block_id`): follows between them end.
pub async fn block_received(
    db: &DatabaseConnection,
    blocker: AccountId,
    target_actor_id: &str,
    block_id: Option<String>,
) -> DomainResult<bool> {
    let Some(target) = store::accounts::by_actor_id(db, target_actor_id)
        .await?
        .filter(Account::is_local)
    else {
        return Ok(false);
    };
    let txn = crate::db::begin_write(db).await?;
    let new = store::blocks::insert(&txn, blocker, target.id, block_id).await?;
    sever(&txn, blocker, target.id).await?;
    txn.commit().await?;
    Ok(new)
}

/// A remote account stopped blocking a local one.
pub async fn unblock_received(
    db: &DatabaseConnection,
    blocker: AccountId,
    target_actor_id: &str,
) -> DomainResult<bool> {
    let Some(target) = store::accounts::by_actor_id(db, target_actor_id).await? else {
        return Ok(false);
    };
    Ok(store::blocks::delete(db, blocker, target.id)
        .await?
        .is_some())
}

/// Refuses what a block forbids between two accounts (following, say).
pub async fn refuse_across(
    db: &impl ConnectionTrait,
    account: AccountId,
    other: AccountId,
) -> DomainResult<()> {
    let (blocking, blocked_by) = store::blocks::between(db, account, &[other]).await?;
    if blocking.is_empty() && blocked_by.is_empty() {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// The accounts the viewer blocks, the latest block first.
pub async fn blocked(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: &crate::page::PageRequest,
) -> DomainResult<crate::page::Page<AccountId>> {
    Ok(store::blocks::page_of(db, viewer.account_id, page).await?)
}
