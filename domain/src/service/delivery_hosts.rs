//! Hosts that stay unreachable: a host deliveries fail to on seven different days is
//! marked unavailable and skipped, until it answers again (a delivery succeeds, or it
//! delivers to us).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rookery_entity::delivery_hosts::Model;
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::store;

/// Days with failures after which a host is given up on.
pub const FAILURE_DAYS: i32 = 7;

/// How deliveries to a host have gone lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostHealth {
    /// No failure on record.
    Fine,
    /// Failures on record, on fewer than [`FAILURE_DAYS`] days.
    Failing,
    /// Given up on: deliveries are skipped.
    Unavailable,
}

/// Every host with failures on record, and how it stands; a host not listed is
/// [`HostHealth::Fine`].
pub async fn all(db: &impl ConnectionTrait) -> DomainResult<HashMap<String, HostHealth>> {
    Ok(store::delivery_hosts::all(db)
        .await?
        .into_iter()
        .map(|row| {
            let health = if row.unavailable {
                HostHealth::Unavailable
            } else {
                HostHealth::Failing
            };
            (row.host, health)
        })
        .collect())
}

/// Counts a failed delivery to `host` (at most one failure day per calendar day); returns
/// whether the host is now unavailable.
pub async fn failed(
    db: &impl ConnectionTrait,
    host: &str,
    at: DateTime<Utc>,
) -> DomainResult<bool> {
    let today = at.format("%Y-%m-%d").to_string();
    let row = match store::delivery_hosts::find(db, host).await? {
        Some(row) if row.last_failure_on == today => return Ok(row.unavailable),
        Some(row) => Model {
            failure_days: row.failure_days + 1,
            last_failure_on: today,
            ..row
        },
        None => Model {
            host: host.to_owned(),
            failure_days: 1,
            last_failure_on: today,
            unavailable: false,
        },
    };
    let row = Model {
        unavailable: row.failure_days >= FAILURE_DAYS,
        ..row
    };
    let unavailable = row.unavailable;
    store::delivery_hosts::save(db, row).await?;
    if unavailable {
        tracing::warn!(
            host,
            "deliveries failed on {FAILURE_DAYS} days: host marked unavailable"
        );
    }
    Ok(unavailable)
}

/// `host` answered: its failures are forgotten. Returns whether it had any.
pub async fn answered(db: &impl ConnectionTrait, host: &str) -> DomainResult<bool> {
    if store::delivery_hosts::find(db, host).await?.is_none() {
        return Ok(false);
    }
    Ok(store::delivery_hosts::delete(db, host).await?)
}
