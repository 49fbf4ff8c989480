//! Two-factor sign-in with TOTP (RFC 6238): setting it up (a secret shown once, enabled by
//! a first code), ten single-use recovery codes, turning it off, and the second step of
//! logging in, where a right password opens a short-lived challenge that a code closes.
//! Each code counts once: a time step taken is never taken again.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;
use totp_rs::{Builder, Secret, Totp};

use crate::ids::UserId;
use crate::service::{App, credentials};
use crate::store;
use crate::types::Viewer;
use crate::{DomainError, DomainResult};

/// How long the second step of a log-in waits for its code.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(5);
/// Wrong codes a challenge takes before it is void (log in again).
pub const MAX_CHALLENGE_ATTEMPTS: u32 = 5;
/// How many recovery codes are made at a time.
pub const RECOVERY_CODES: usize = 10;
/// The bytes of a TOTP secret: 160 bits, as RFC 4226 recommends.
const SECRET_BYTES: usize = 20;

/// What is on of the viewer's second factors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TwoFactor {
    pub totp: bool,
    pub recovery_codes_left: u64,
}

/// A TOTP secret being set up: shown once, enabled by [`enable_totp`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSetup {
    /// The secret in base32, for typing into an authenticator.
    pub secret: String,
    /// The `otpauth://totp/…` URI an authenticator reads from a QR code.
    pub uri: String,
}

pub async fn of_viewer(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<TwoFactor> {
    Ok(TwoFactor {
        totp: store::totp_credentials::enabled(db, viewer.user_id).await?,
        recovery_codes_left: store::recovery_codes::count(db, viewer.user_id).await?,
    })
}

/// Starts setting up TOTP (the viewer's password needed): a new secret, replacing one set
/// up earlier and never enabled. VALIDATION when TOTP is on already.
pub async fn begin_totp(app: &App, viewer: &Viewer, password: &str) -> DomainResult<TotpSetup> {
    credentials::confirm_password(&app.db, viewer, password).await?;
    if store::totp_credentials::enabled(&app.db, viewer.user_id).await? {
        return Err(DomainError::validation(
            "totp",
            "two-factor sign-in is on already",
        ));
    }
    let mut bytes = [0u8; SECRET_BYTES];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
    let secret = Secret::new(Box::new(bytes)).to_base32();
    let account = crate::service::accounts::get(&app.db, viewer.account_id).await?;
    let totp = totp(&secret, &account.username, &app.instance().domain)?;
    let uri = totp
        .to_url()
        .map_err(|error| DomainError::Internal(format!("totp uri: {error}")))?;
    let txn = crate::db::begin_write(&app.db).await?;
    store::totp_credentials::put_pending(&txn, viewer.user_id, &secret).await?;
    txn.commit().await?;
    Ok(TotpSetup { secret, uri })
}

/// Enables the TOTP secret being set up with a first code from it, and makes ten recovery
/// codes, returned this once. INVALID_TWO_FACTOR_CODE for a wrong code; VALIDATION when
/// nothing is being set up.
pub async fn enable_totp(app: &App, viewer: &Viewer, code: &str) -> DomainResult<Vec<String>> {
    let txn = crate::db::begin_write(&app.db).await?;
    let Some(credential) = store::totp_credentials::of_user(&txn, viewer.user_id).await? else {
        return Err(nothing_set_up());
    };
    if credential.enabled_at.is_some() {
        return Err(DomainError::validation(
            "totp",
            "two-factor sign-in is on already",
        ));
    }
    let step = matching_step(&credential.secret, code)?.ok_or(DomainError::InvalidTwoFactorCode)?;
    if !store::totp_credentials::take_step(&txn, viewer.user_id, step, Some(Utc::now())).await? {
        return Err(DomainError::InvalidTwoFactorCode);
    }
    let codes = new_recovery_codes(&txn, viewer.user_id).await?;
    txn.commit().await?;
    Ok(codes)
}

/// Turns TOTP off (the password and a code, or a recovery code, needed); the recovery codes
/// go with it.
pub async fn disable_totp(
    app: &App,
    viewer: &Viewer,
    password: &str,
    code: &str,
) -> DomainResult<()> {
    credentials::confirm_password(&app.db, viewer, password).await?;
    let txn = crate::db::begin_write(&app.db).await?;
    if !store::totp_credentials::enabled(&txn, viewer.user_id).await? {
        return Err(DomainError::validation("totp", "two-factor sign-in is off"));
    }
    if !second_factor_taken(&txn, viewer.user_id, code).await? {
        return Err(DomainError::InvalidTwoFactorCode);
    }
    store::totp_credentials::delete(&txn, viewer.user_id).await?;
    store::recovery_codes::delete_for_user(&txn, viewer.user_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Makes ten new recovery codes in place of the old ones (the password and a code needed);
/// returned this once.
pub async fn regenerate_recovery_codes(
    app: &App,
    viewer: &Viewer,
    password: &str,
    code: &str,
) -> DomainResult<Vec<String>> {
    credentials::confirm_password(&app.db, viewer, password).await?;
    let txn = crate::db::begin_write(&app.db).await?;
    if !store::totp_credentials::enabled(&txn, viewer.user_id).await? {
        return Err(DomainError::validation("totp", "two-factor sign-in is off"));
    }
    if !second_factor_taken(&txn, viewer.user_id, code).await? {
        return Err(DomainError::InvalidTwoFactorCode);
    }
    let codes = new_recovery_codes(&txn, viewer.user_id).await?;
    txn.commit().await?;
    Ok(codes)
}

/// Whether logging in as `user` takes a second step.
pub(crate) async fn required(db: &impl ConnectionTrait, user: UserId) -> DomainResult<bool> {
    Ok(store::totp_credentials::enabled(db, user).await?)
}

/// Opens the second step of a log-in whose password was right: the challenge's token.
pub(crate) async fn challenge(
    db: &impl ConnectionTrait,
    user: UserId,
    device: Option<String>,
    ip: Option<std::net::IpAddr>,
) -> DomainResult<String> {
    let token = crate::secrets::new_secret("ch_");
    store::sign_in_challenges::insert(
        db,
        user,
        &credentials::token_hash(&token),
        device,
        ip.map(|ip| ip.to_string()),
        Utc::now() + CHALLENGE_LIFETIME,
    )
    .await?;
    Ok(token)
}

/// Takes `code` as `user`'s second factor: a TOTP code of a step not taken before, or a
/// recovery code, used up.
pub(crate) async fn second_factor_taken(
    db: &impl ConnectionTrait,
    user: UserId,
    code: &str,
) -> DomainResult<bool> {
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        let Some(credential) = store::totp_credentials::of_user(db, user).await? else {
            return Ok(false);
        };
        if credential.enabled_at.is_none() {
            return Ok(false);
        }
        return match matching_step(&credential.secret, &code)? {
            Some(step) => Ok(store::totp_credentials::take_step(db, user, step, None).await?),
            None => Ok(false),
        };
    }
    if code.is_empty() || code.len() > 64 {
        return Ok(false);
    }
    let hash = credentials::token_hash(&code.to_lowercase());
    Ok(store::recovery_codes::take(db, user, &hash).await?)
}

/// The time step `code` was made for, now or one step either side; None when it fits none.
fn matching_step(secret: &str, code: &str) -> DomainResult<Option<i64>> {
    // The names in the URI do not change the codes.
    let totp = totp(secret, "rookery", "rookery")?;
    let now = u64::try_from(Utc::now().timestamp()).unwrap_or_default();
    Ok(totp
        .check(code.trim(), now)
        .and_then(|step| i64::try_from(step).ok()))
}

fn totp(secret: &str, username: &str, domain: &str) -> DomainResult<Totp> {
    let secret = Secret::try_from_base32(secret)
        .map_err(|error| DomainError::Internal(format!("totp secret: {error:?}")))?;
    // Neither name may hold a colon; a port is no part of the name people know.
    let host = domain.split(':').next().unwrap_or(domain).to_owned();
    Builder::new()
        .with_secret(secret)
        .with_issuer(Some(host.clone()))
        .with_account_name(format!("{username}@{host}"))
        .build()
        .map_err(|error| DomainError::Internal(format!("totp: {error:?}")))
}

/// Makes and keeps (hashed) `user`'s new recovery codes, in place of any old ones.
async fn new_recovery_codes(db: &impl ConnectionTrait, user: UserId) -> DomainResult<Vec<String>> {
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let hashes: Vec<String> = codes
        .iter()
        .map(|code| credentials::token_hash(&code.replace('-', "")))
        .collect();
    store::recovery_codes::replace(db, user, &hashes).await?;
    Ok(codes)
}

/// A recovery code: ten letters and digits that cannot be misread (about 50 bits), written
/// in two halves, `abcde-fghjk`.
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    let chars: String = (0..10)
        .map(|_| char::from(ALPHABET[rand::Rng::gen_range(&mut rng, 0..ALPHABET.len())]))
        .collect();
    format!("{}-{}", &chars[..5], &chars[5..])
}

fn nothing_set_up() -> DomainError {
    DomainError::validation("totp", "two-factor sign-in is not being set up")
}
