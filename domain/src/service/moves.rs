//! Moving a local account to another account (its new self), which names it among its
//! earlier selves: followers are told with a `Move`, and local ones follow the new account.

use sea_orm::DatabaseConnection;

use crate::service::outbox::Outbox;
use crate::service::{accounts, auth, remote};
use crate::store;
use crate::types::{Account, ActivityKind, Viewer};
use crate::{DomainError, DomainResult};

/// Moves the viewer's account to `target`, whose `alsoKnownAs` (as its server serves it
/// now, or as stored for a local account) is `target_aliases`; the viewer's current
/// password confirms it. The account is marked moved, its followers elsewhere are sent a
/// `Move`, and its local followers follow `target` instead.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, target = %target.id))]
pub async fn move_to(
    db: &DatabaseConnection,
    outbox: &Outbox,
    viewer: &Viewer,
    password: &str,
    target: &Account,
    target_aliases: &[String],
) -> DomainResult<Account> {
    auth::confirm_password(db, viewer, password).await?;
    let me = accounts::get(db, viewer.account_id).await?;
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
    let txn = crate::db::begin_write(db).await?;
    store::accounts::set_moved_to(&txn, me.id, target.id).await?;
    let activity = outbox.to_account(me.id, ActivityKind::Move, target.id, None);
    let activity = outbox.record(&txn, &activity).await?;
    txn.commit().await?;
    outbox.publish(vec![activity]).await;
    // Local followers follow the new account, as those of other servers do on receiving
    // the Move.
    let moved = remote::moved(db, outbox, me.id, target.id).await?;
    tracing::info!(moved, "account moved");
    accounts::get(db, me.id).await
}
