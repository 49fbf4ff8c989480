//! The instance's settings: configured defaults, overridden by values administrators set at
//! run time.

use std::ops::RangeInclusive;

use sea_orm::ConnectionTrait;

use crate::ids::AccountId;
use crate::service::{App, accounts, audit, two_factor};
use crate::store;
use crate::types::{Instance, InstanceAbout, Permission, RegistrationMode, Viewer};
use crate::{DomainError, DomainResult};

/// Setting keys stored in `instance_settings`.
pub const NAME: &str = "name";
pub const DESCRIPTION: &str = "description";
pub const REGISTRATION_MODE: &str = "registration_mode";
pub const MAX_STATUS_CHARS: &str = "max_status_chars";
pub const LONG_DESCRIPTION: &str = "long_description";
pub const CONTACT_EMAIL: &str = "contact_email";
pub const CONTACT_ACCOUNT: &str = "contact_account_id";
pub const DEFAULT_LOCALE: &str = "default_locale";
pub const IP_RETENTION_DAYS: &str = "ip_retention_days";
pub const REQUIRE_EMAIL_CONFIRMATION: &str = "require_email_confirmation";
pub const REQUIRE_STAFF_TWO_FACTOR: &str = "require_staff_two_factor";
/// What the days addresses are kept may be set to.
pub const IP_RETENTION: RangeInclusive<u32> = 1..=3650;

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
    if let Some(required) = stored
        .get(REQUIRE_EMAIL_CONFIRMATION)
        .and_then(|v| v.as_bool())
    {
        instance.require_email_confirmation = required;
    }
    Ok(instance)
}

/// What administrators set of the instance for `/about`; defaults where nothing was set.
pub async fn about(db: &impl ConnectionTrait) -> DomainResult<InstanceAbout> {
    let stored = store::instance_settings::all(db).await?;
    let text = |key: &str| stored.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let defaults = InstanceAbout::default();
    Ok(InstanceAbout {
        long_description: text(LONG_DESCRIPTION).unwrap_or(defaults.long_description),
        contact_email: text(CONTACT_EMAIL).unwrap_or(defaults.contact_email),
        contact_account: text(CONTACT_ACCOUNT)
            .and_then(|id| uuid::Uuid::parse_str(&id).ok())
            .map(AccountId),
        default_locale: text(DEFAULT_LOCALE).unwrap_or(defaults.default_locale),
        ip_retention_days: stored
            .get(IP_RETENTION_DAYS)
            .and_then(|v| v.as_u64())
            .and_then(|days| u32::try_from(days).ok())
            .unwrap_or(defaults.ip_retention_days),
        require_staff_two_factor: stored
            .get(REQUIRE_STAFF_TWO_FACTOR)
            .and_then(|v| v.as_bool())
            .unwrap_or(defaults.require_staff_two_factor),
    })
}

/// The most characters of the instance's long description.
pub const MAX_LONG_DESCRIPTION_CHARS: usize = 20_000;
/// The most characters of a language tag.
pub const MAX_LOCALE_CHARS: usize = 35;

/// `tag` once it has the shape of a BCP 47 language tag: a language of 2 or 3 letters, then
/// subtags of 1 to 8 letters or digits, split by `-`.
pub fn checked_locale(tag: &str) -> DomainResult<String> {
    let tag = tag.trim();
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    let valid = tag.len() <= MAX_LOCALE_CHARS
        && (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if !valid {
        return Err(DomainError::validation(
            "defaultLocale",
            "a language tag such as en or pt-BR",
        ));
    }
    Ok(tag.to_owned())
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
    pub long_description: Option<String>,
    /// An email address, or empty to clear it.
    pub contact_email: Option<String>,
    /// A local account's username, or empty to clear it.
    pub contact_username: Option<String>,
    pub default_locale: Option<String>,
    pub ip_retention_days: Option<u32>,
    pub require_email_confirmation: Option<bool>,
    pub require_staff_two_factor: Option<bool>,
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
    let long_description = change
        .long_description
        .as_deref()
        .map(str::trim)
        .map(|text| {
            if text.chars().count() > MAX_LONG_DESCRIPTION_CHARS {
                return Err(DomainError::validation(
                    "longDescription",
                    format!("at most {MAX_LONG_DESCRIPTION_CHARS} characters"),
                ));
            }
            Ok(text.to_owned())
        })
        .transpose()?;
    let contact_email = change
        .contact_email
        .as_deref()
        .map(str::trim)
        .map(|email| {
            if !email.is_empty() {
                crate::service::credentials::validate_email(email)
                    .map_err(|_| DomainError::validation("contactEmail", "not an email address"))?;
            }
            Ok::<_, DomainError>(email.to_owned())
        })
        .transpose()?;
    let contact_account = match change.contact_username.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(username) => match accounts::local_by_username(&app.db, username).await {
            Ok(account) if !account.is_instance_actor() => Some(Some(account.id)),
            Ok(_) | Err(DomainError::NotFound(_)) => {
                return Err(DomainError::validation(
                    "contactUsername",
                    "no account of this server has that name",
                ));
            }
            Err(error) => return Err(error),
        },
    };
    let default_locale = change
        .default_locale
        .as_deref()
        .map(checked_locale)
        .transpose()?;
    if let Some(days) = change.ip_retention_days
        && !IP_RETENTION.contains(&days)
    {
        return Err(DomainError::validation(
            "ipRetentionDays",
            format!("{} to {} days", IP_RETENTION.start(), IP_RETENTION.end()),
        ));
    }
    if change.require_staff_two_factor == Some(true)
        && !two_factor::required(&app.db, viewer.user_id).await?
    {
        return Err(DomainError::validation(
            "requireStaffTwoFactor",
            "turn on two-factor sign-in for yourself first",
        ));
    }
    let before = describe(&app.settings().await?, &about(&app.db).await?);
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
    if let Some(text) = long_description {
        store::instance_settings::set(&txn, LONG_DESCRIPTION, text.into()).await?;
    }
    if let Some(email) = contact_email {
        store::instance_settings::set(&txn, CONTACT_EMAIL, email.into()).await?;
    }
    if let Some(account) = contact_account {
        let value = account.map_or(String::new(), |id| id.0.to_string());
        store::instance_settings::set(&txn, CONTACT_ACCOUNT, value.into()).await?;
    }
    if let Some(locale) = default_locale {
        store::instance_settings::set(&txn, DEFAULT_LOCALE, locale.into()).await?;
    }
    if let Some(days) = change.ip_retention_days {
        store::instance_settings::set(&txn, IP_RETENTION_DAYS, days.into()).await?;
    }
    if let Some(required) = change.require_email_confirmation {
        store::instance_settings::set(&txn, REQUIRE_EMAIL_CONFIRMATION, required.into()).await?;
    }
    if let Some(required) = change.require_staff_two_factor {
        store::instance_settings::set(&txn, REQUIRE_STAFF_TWO_FACTOR, required.into()).await?;
    }
    let after = describe(&load(&txn, app.instance()).await?, &about(&txn).await?);
    audit::record(
        &txn,
        Some(viewer),
        "instance.update",
        None,
        audit::change(before, after),
    )
    .await?;
    txn.commit().await?;
    app.settings().await
}

/// The settings administrators change, as the audit log keeps them.
fn describe(instance: &Instance, about: &InstanceAbout) -> serde_json::Value {
    serde_json::json!({
        "name": instance.name,
        "description": instance.description,
        "registrationMode": instance.registration_mode.as_str(),
        "maxStatusChars": instance.max_status_chars,
        "requireEmailConfirmation": instance.require_email_confirmation,
        "longDescription": about.long_description,
        "contactEmail": about.contact_email,
        "contactAccount": about.contact_account.map(|id| id.0.to_string()),
        "defaultLocale": about.default_locale,
        "ipRetentionDays": about.ip_retention_days,
        "requireStaffTwoFactor": about.require_staff_two_factor,
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
