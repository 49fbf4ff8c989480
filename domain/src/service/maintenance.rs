//! Periodic upkeep: which process runs each task, and the clean-ups themselves.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::service::instance;
use crate::store;
use crate::types::Account;

/// How long activity ids received, mail sent and deliveries that failed for good are kept.
pub const KEEP_FOR: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);
/// How long finished tasks stay in the queue's table.
pub const KEEP_FINISHED_TASKS_FOR: std::time::Duration = std::time::Duration::from_secs(3600);

fn ago(span: std::time::Duration) -> chrono::DateTime<Utc> {
    Utc::now() - Duration::from_std(span).unwrap_or(Duration::MAX)
}

/// Claims the run of task `name`, due `every`; true for the one process that should run it
/// now, whichever of many asks.
pub async fn claim(
    db: &impl ConnectionTrait,
    name: &str,
    every: std::time::Duration,
) -> DomainResult<bool> {
    // A little slack, so that a process ticking a moment early still finds it due.
    let slack = every / 10;
    Ok(store::maintenance_runs::claim(db, name, Utc::now(), ago(every - slack)).await?)
}

/// What one pruning removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub activity_ids: u64,
    pub mails: u64,
    pub failed_deliveries: u64,
    pub expired_tokens: u64,
    pub webhook_deliveries: u64,
    /// Sign-ins, and sign-up addresses, past the instance's IP retention.
    pub sign_ins: u64,
    pub sign_up_ips: u64,
    /// Follows a suspension ended, past the days a suspension's data is kept.
    pub severed_follows: u64,
}

/// Forgets what is older than [`KEEP_FOR`]: received activity ids (deduplication needs
/// them only while a retry may come), sent mail, and deliveries that failed for good; the
/// addresses people signed up and in from, past the instance's IP retention.
/// Tokens (and password resets) past their expiry are forgotten too, webhook deliveries
/// sent or given up, and follows a suspension ended once its data is purged. Tombstones stay: they keep threads
/// whole and stop a deleted remote status from coming back with a late copy.
pub async fn prune_old(db: &impl ConnectionTrait) -> DomainResult<Pruned> {
    let before = ago(KEEP_FOR);
    let retention = instance::about(db).await?.ip_retention_days;
    let addresses_before = Utc::now() - Duration::days(i64::from(retention));
    let suspension_kept =
        Utc::now() - Duration::days(crate::types::account_actions::SUSPENSION_KEPT_DAYS);
    Ok(Pruned {
        sign_ins: store::sign_ins::delete_before(db, addresses_before).await?
            + store::access_tokens::forget_ips_before(db, addresses_before).await?,
        sign_up_ips: store::users::forget_sign_up_ips_before(db, addresses_before).await?,
        activity_ids: store::received_activities::delete_before(db, before).await?,
        mails: store::mails::delete_sent_before(db, before).await?,
        failed_deliveries: store::failed_deliveries::delete_before(db, before).await?,
        expired_tokens: store::access_tokens::delete_expired(db, Utc::now()).await?
            + store::password_resets::delete_expired(db, Utc::now()).await?
            + store::email_confirmations::delete_expired(db, Utc::now()).await?
            + store::sign_in_challenges::delete_expired(db, Utc::now()).await?,
        webhook_deliveries: store::webhooks::delete_finished_before(db, before).await?,
        severed_follows: store::severed_follows::delete_before(db, suspension_kept).await?,
    })
}

/// Removes finished tasks from the queue's table, where the queue is in the database.
pub async fn prune_finished_tasks(db: &impl ConnectionTrait) -> DomainResult<u64> {
    let secs = i64::try_from(KEEP_FINISHED_TASKS_FOR.as_secs()).unwrap_or(i64::MAX);
    Ok(store::queue_tasks::prune_finished(db, secs).await?)
}

/// A stale remote account could not be refreshed (its server is gone, say): it waits a
/// whole period before the next try, behind the others.
pub async fn refresh_failed(
    db: &impl ConnectionTrait,
    account: crate::ids::AccountId,
) -> DomainResult<()> {
    Ok(store::accounts::touch(db, account, Utc::now()).await?)
}

/// Remote accounts not refreshed for `older_than`, the stalest first.
pub async fn stale_remote_accounts(
    db: &impl ConnectionTrait,
    older_than: std::time::Duration,
    limit: u64,
) -> DomainResult<Vec<Account>> {
    Ok(store::accounts::stale_remote(db, ago(older_than), limit).await?)
}
