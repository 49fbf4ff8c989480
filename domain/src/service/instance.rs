//! The instance's settings: configured defaults, overridden by values set at run time.

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::store;
use crate::types::{Instance, RegistrationMode};

/// Setting keys stored in `instance_settings`.
pub const NAME: &str = "name";
pub const DESCRIPTION: &str = "description";
pub const REGISTRATION_MODE: &str = "registration_mode";
pub const MAX_STATUS_CHARS: &str = "max_status_chars";

/// `defaults` with every stored setting applied over it.
pub async fn load(db: &impl ConnectionTrait, defaults: &Instance) -> DomainResult<Instance> {
    let stored = store::instance_settings::all(db).await?;
    let mut instance = defaults.clone();
    if let Some(name) = stored.get(NAME).and_then(|v| v.as_str()) {
        instance.name = name.to_owned();
    }
    if let Some(description) = stored.get(DESCRIPTION).and_then(|v| v.as_str()) {
        instance.description = description.to_owned();
    }
    if let Some(mode) = stored
        .get(REGISTRATION_MODE)
        .and_then(|v| v.as_str())
        .and_then(RegistrationMode::parse)
    {
        instance.registration_mode = mode;
    }
    if let Some(max) = stored.get(MAX_STATUS_CHARS).and_then(|v| v.as_u64()) {
        instance.max_status_chars = usize::try_from(max).unwrap_or(instance.max_status_chars);
    }
    Ok(instance)
}

/// Sets the registration mode at run time.
pub async fn set_registration_mode(
    db: &impl ConnectionTrait,
    mode: RegistrationMode,
) -> DomainResult<()> {
    store::instance_settings::set(db, REGISTRATION_MODE, mode.as_str().into()).await?;
    Ok(())
}

/// Figures for NodeInfo and the instance page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    pub local_accounts: u64,
    pub local_statuses: u64,
    /// Users seen (a token used) in the last 30 days.
    pub active_month: u64,
    /// Users seen in the last 180 days.
    pub active_half_year: u64,
}

pub async fn usage(db: &impl ConnectionTrait) -> DomainResult<Usage> {
    let now = chrono::Utc::now();
    Ok(Usage {
        local_accounts: store::accounts::count_local(db).await?,
        local_statuses: store::statuses::count_local(db).await?,
        active_month: store::access_tokens::users_active_since(
            db,
            now - chrono::Duration::days(30),
        )
        .await?,
        active_half_year: store::access_tokens::users_active_since(
            db,
            now - chrono::Duration::days(180),
        )
        .await?,
    })
}
