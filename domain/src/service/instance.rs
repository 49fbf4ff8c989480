//! The instance's settings: configured defaults, overridden by values administrators set at
//! run time.

use std::ops::RangeInclusive;

use sea_orm::ConnectionTrait;

use crate::service::{App, audit};
use crate::store;
use crate::types::{Instance, Permission, RegistrationMode, Viewer};
use crate::{DomainError, DomainResult};

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

/// The most characters of the instance's name.
pub const MAX_NAME_CHARS: usize = 100;
/// The most characters of the instance's description.
pub const MAX_DESCRIPTION_CHARS: usize = 5000;
/// What the most characters of a status may be set to.
pub const STATUS_CHARS: RangeInclusive<usize> = 100..=100_000;

/// `name` trimmed, once it is 1 to [`MAX_NAME_CHARS`] characters.
pub fn checked_name(name: &str) -> DomainResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(DomainError::validation(
            "name",
            format!("1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    Ok(name.to_owned())
}

/// `description` trimmed, once it is at most [`MAX_DESCRIPTION_CHARS`] characters.
pub fn checked_description(description: &str) -> DomainResult<String> {
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(DomainError::validation(
            "description",
            format!("at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    Ok(description.to_owned())
}

/// What an administrator changes of the instance's settings; what is None stays.
#[derive(Debug, Clone, Default)]
pub struct SettingsChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub registration_mode: Option<RegistrationMode>,
    pub max_status_chars: Option<usize>,
}

/// Changes the instance's settings (administrators only), all or, when one is refused,
/// none; the instance as it is then.
pub async fn update(app: &App, viewer: &Viewer, change: SettingsChange) -> DomainResult<Instance> {
    viewer.require(Permission::ManageSettings)?;
    let name = change.name.as_deref().map(checked_name).transpose()?;
    let description = change
        .description
        .as_deref()
        .map(checked_description)
        .transpose()?;
    if let Some(max) = change.max_status_chars
        && !STATUS_CHARS.contains(&max)
    {
        return Err(DomainError::validation(
            "maxStatusChars",
            format!(
                "{} to {} characters",
                STATUS_CHARS.start(),
                STATUS_CHARS.end()
            ),
        ));
    }
    let before = app.settings().await?;
    let txn = app.write().await?;
    if let Some(name) = name {
        store::instance_settings::set(&txn, NAME, name.into()).await?;
    }
    if let Some(description) = description {
        store::instance_settings::set(&txn, DESCRIPTION, description.into()).await?;
    }
    if let Some(mode) = change.registration_mode {
        set_registration_mode(&txn, mode).await?;
    }
    if let Some(max) = change.max_status_chars {
        store::instance_settings::set(&txn, MAX_STATUS_CHARS, (max as u64).into()).await?;
    }
    let after = load(&txn, app.instance()).await?;
    audit::record(
        &txn,
        Some(viewer),
        "instance.update",
        None,
        audit::change(describe(&before), describe(&after)),
    )
    .await?;
    txn.commit().await?;
    app.settings().await
}

/// The settings administrators change, as the audit log keeps them.
fn describe(instance: &Instance) -> serde_json::Value {
    serde_json::json!({
        "name": instance.name,
        "description": instance.description,
        "registrationMode": instance.registration_mode.as_str(),
        "maxStatusChars": instance.max_status_chars,
    })
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
