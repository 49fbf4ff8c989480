//! Moving an account to another account (its new self), which names it among its earlier
//! selves: a local account's followers are told with a `Move`, and local followers of a
//! moving account, here or on another server, follow the new account.

use crate::ids::AccountId;
use crate::service::App;
use crate::service::{accounts, credentials, follows};
use crate::store;
use crate::types::{Account, ActivityKind, Viewer};
use crate::{DomainError, DomainResult};

/// Moves the viewer's account to `target`, whose `alsoKnownAs` (as its server serves it
/// now, or as stored for a local account) is `target_aliases`; the viewer's current
/// password confirms it. The account is marked moved, its followers elsewhere are sent a
/// `Move`, and its local followers follow `target` instead.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, target = %target.id))]
pub async fn move_to(
    app: &App,
    viewer: &Viewer,
    password: &str,
    target: &Account,
    target_aliases: &[String],
) -> DomainResult<Account> {
    credentials::confirm_password(&app.db, viewer, password).await?;
    let me = accounts::get(&app.db, viewer.account_id).await?;
    if target.id == me.id {
        return Err(DomainError::validation(
            "target",
            "an account cannot move to itself",
        ));
    }
    if target.moved_to.is_some() {
        return Err(DomainError::validation(
            "target",
            "that account has itself moved away",
        ));
    }
    if !target_aliases.contains(&me.actor_id) {
        return Err(DomainError::validation(
            "target",
            format!(
                "{} does not name this account as an alias (alsoKnownAs): add {} to its aliases first",
                target.acct(),
                me.actor_id
            ),
        ));
    }
    let txn = app.write().await?;
    store::accounts::set_moved_to(&txn, me.id, target.id).await?;
    let activity = app
        .outbox
        .to_account(me.id, ActivityKind::Move, target.id, None);
    txn.record(&activity).await?;
    txn.commit().await?;
    // Local followers follow the new account, as those of other servers do on receiving
    // the Move.
    let moved = moved(app, me.id, target.id).await?;
    tracing::info!(moved, "account moved");
    accounts::get(&app.db, me.id).await
}

/// A remote account moved to `target` (its server said so, and `target` names it as an
/// earlier self). Recorded on the account, and its local followers follow `target` instead;
/// returns how many did.
pub async fn moved(app: &App, account: AccountId, target: AccountId) -> DomainResult<u64> {
    if account == target {
        return Err(DomainError::validation(
            "target",
            "an account cannot move to itself",
        ));
    }
    store::accounts::set_moved_to(&app.db, account, target).await?;
    // Local followers follow the new account instead, as they would on Mastodon; one who
    // may not (a block between them) keeps following the old one.
    let mut moved = 0;
    for follower in store::follows::local_followers(&app.db, account).await? {
        match follows::follow_as(app, follower, target).await {
            Ok(_) => {
                follows::unfollow_as(app, follower, account).await?;
                moved += 1;
            }
            Err(error @ (DomainError::Database(_) | DomainError::Internal(_))) => {
                return Err(error);
            }
            Err(error) => tracing::debug!(%error, %follower, "a follower stays behind"),
        }
    }
    Ok(moved)
}
