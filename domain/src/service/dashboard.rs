//! The administrators' dashboard: sign-ups, active people, reports and storage per day
//! over a window, and the standing figures (open reports, sign-ups and appeals waiting,
//! accounts, servers, storage); and measuring the storage (hourly, by maintenance).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::ConnectionTrait;

use crate::ports::MediaStore;
use crate::store;
use crate::types::{Permission, Viewer};
use crate::{DomainError, DomainResult};

/// The longest window, in days.
pub const MAX_DAYS: u32 = 366;

/// One day's figures (UTC days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    pub day: NaiveDate,
    pub sign_ups: u64,
    /// People whose session or token was last used that day.
    pub active_users: u64,
    pub reports: u64,
    /// Bytes the media store held at that day's last measure, if it was measured.
    pub storage_bytes: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    /// Oldest first, one per day of the window, today last.
    pub days: Vec<Day>,
    pub open_reports: u64,
    pub pending_sign_ups: u64,
    pub pending_appeals: u64,
    pub local_accounts: u64,
    pub known_servers: u64,
    /// The media store's size at its last measure, and when that was.
    pub storage: Option<(u64, DateTime<Utc>)>,
}

/// The figures over the last `days` days (needs VIEW_DASHBOARD).
pub async fn figures(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    days: u32,
) -> DomainResult<Dashboard> {
    viewer.require(Permission::ViewDashboard)?;
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(DomainError::validation(
            "days",
            format!("1 to {MAX_DAYS} days"),
        ));
    }
    let today = Utc::now().date_naive();
    let first = today - Duration::days(i64::from(days) - 1);
    let since = first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut by_day: BTreeMap<NaiveDate, Day> = (0..days)
        .map(|n| {
            let day = first + Duration::days(i64::from(n));
            (
                day,
                Day {
                    day,
                    sign_ups: 0,
                    active_users: 0,
                    reports: 0,
                    storage_bytes: None,
                },
            )
        })
        .collect();
    for at in store::dashboard::sign_ups_since(db, since).await? {
        if let Some(day) = by_day.get_mut(&at.date_naive()) {
            day.sign_ups += 1;
        }
    }
    for at in store::dashboard::reports_since(db, since).await? {
        if let Some(day) = by_day.get_mut(&at.date_naive()) {
            day.reports += 1;
        }
    }
    let seen: HashSet<(uuid::Uuid, NaiveDate)> = store::dashboard::token_uses_since(db, since)
        .await?
        .into_iter()
        .map(|(user, at)| (user, at.date_naive()))
        .collect();
    for (_, date) in seen {
        if let Some(day) = by_day.get_mut(&date) {
            day.active_users += 1;
        }
    }
    let first_day = first.format("%Y-%m-%d").to_string();
    for (day, bytes, _) in store::storage_readings::since(db, &first_day).await? {
        let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok();
        if let Some(day) = date.and_then(|date| by_day.get_mut(&date)) {
            day.storage_bytes = Some(bytes);
        }
    }
    let storage = store::storage_readings::latest(db)
        .await?
        .map(|(_, bytes, at)| (bytes, at));
    Ok(Dashboard {
        days: by_day.into_values().collect(),
        storage,
        open_reports: store::dashboard::open_reports(db).await?,
        pending_sign_ups: store::users::count_unapproved(db).await?,
        pending_appeals: store::appeals::count_pending(db).await?,
        local_accounts: store::accounts::count_local(db).await?,
        known_servers: store::dashboard::known_servers(db).await?,
    })
}

/// Measures how many bytes the media store holds and keeps it as today's figure; run
/// hourly by maintenance, as listing a large bucket is too slow for each look.
pub async fn measure_storage(
    db: &impl ConnectionTrait,
    media: &dyn MediaStore,
) -> DomainResult<u64> {
    let bytes = media.usage().await?;
    store::storage_readings::put(db, bytes, Utc::now()).await?;
    Ok(bytes)
}
