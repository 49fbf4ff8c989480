//! Sign-up, log-in, bearer tokens and passwords.

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use sha2::{Digest, Sha256};

use crate::ids::{AccountId, InviteId, Kind, TokenId, UserId, WebhookDeliveryId};
use crate::ports::TaskQueue;
use crate::service::sign_ups::{self, SignUpFrom};
use crate::service::{accounts, webhooks};
use crate::store;
use crate::types::{
    Account, AccountStanding, Instance, RoleKey, Scopes, Session, TokenKind, User, Viewer,
};
use crate::{DomainError, DomainResult};

/// How often a token's last use is written down, at most.
const TOUCH_INTERVAL: Duration = Duration::minutes(5);
const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 1024;
const MAX_EMAIL_CHARS: usize = 254;
const MAX_REASON_CHARS: usize = 1000;
/// The most of a device's description a log-in token keeps.
pub const MAX_DEVICE_CHARS: usize = 200;

/// What someone signing up gives.
#[derive(Debug, Clone)]
pub struct Registration {
    pub username: String,
    pub email: String,
    pub password: String,
    /// Why they want to join; shown to moderators in approval mode.
    pub reason: Option<String>,
}

/// The new account, and a token when it may log in at once.
#[derive(Debug, Clone)]
pub struct Registered {
    pub account: Account,
    pub user: User,
    pub token: Option<String>,
}

/// Signs someone up, as the instance's registration mode allows.
#[tracing::instrument(skip_all, fields(username = %registration.username))]
pub async fn register(
    db: &DatabaseConnection,
    queue: &dyn TaskQueue,
    instance: &Instance,
    registration: Registration,
) -> DomainResult<Registered> {
    register_from(db, queue, instance, registration, SignUpFrom::default()).await
}

/// [`register`] from an address, perhaps with an invite: the instance's sign-up rules
/// (`sign_ups::admit`) say whether it may, and whether it waits for approval.
pub async fn register_from(
    db: &DatabaseConnection,
    queue: &dyn TaskQueue,
    instance: &Instance,
    registration: Registration,
    from: SignUpFrom,
) -> DomainResult<Registered> {
    if let Some(reason) = &registration.reason
        && reason.chars().count() > MAX_REASON_CHARS
    {
        return Err(DomainError::validation(
            "reason",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    let admission = sign_ups::admit(db, instance, &registration.email, &from).await?;
    let new = NewUser {
        username: registration.username,
        email: registration.email,
        password: registration.password,
        role: RoleKey::User,
        approved: admission.approved,
        confirmed: false,
        reason: registration.reason,
    };
    let checked = CheckedUser::of(db, instance, new)
        .await?
        .signed_up(from.ip, admission.invite);
    let (account, user, hooks) = record(db, checked).await?;
    webhooks::queue(queue, hooks).await;
    let token = if admission.approved {
        Some(issue_token(db, user.id).await?)
    } else {
        None
    };
    Ok(Registered {
        account,
        user,
        token,
    })
}

/// A local user to create, whatever the registration mode (sign-up and the admin CLI).
#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub email: String,
    pub password: String,
    pub role: RoleKey,
    pub approved: bool,
    pub confirmed: bool,
    pub reason: Option<String>,
}

/// Creates a local account and its user, or nothing when any part is refused. Its
/// `account.created` webhook deliveries are left to the maintenance sweep to queue.
pub async fn create_user(
    db: &DatabaseConnection,
    instance: &Instance,
    new: NewUser,
) -> DomainResult<(Account, User)> {
    let (account, user, _) = create_recorded(db, instance, new).await?;
    Ok((account, user))
}

/// Creates a local account and its user, with the webhook deliveries telling of it.
async fn create_recorded(
    db: &DatabaseConnection,
    instance: &Instance,
    new: NewUser,
) -> DomainResult<(Account, User, Vec<WebhookDeliveryId>)> {
    record(db, CheckedUser::of(db, instance, new).await?).await
}

/// Writes a checked user, with the webhook deliveries telling of it.
async fn record(
    db: &DatabaseConnection,
    checked: CheckedUser,
) -> DomainResult<(Account, User, Vec<WebhookDeliveryId>)> {
    let txn = crate::db::begin_write(db).await?;
    let hooks = checked.insert(&txn).await?;
    txn.commit().await.map_err(|error| {
        if store::is_unique_violation(&error) {
            DomainError::UsernameTaken
        } else {
            error.into()
        }
    })?;
    Ok((checked.account, checked.user, hooks))
}

/// A new local account and user, validated and with its password hashed and keys made,
/// not yet written.
pub(crate) struct CheckedUser {
    pub account: Account,
    pub user: User,
    private_key: String,
    password_hash: String,
    reason: Option<String>,
    sign_up_ip: Option<std::net::IpAddr>,
    invite: Option<InviteId>,
}

impl CheckedUser {
    /// Checks `new` (name and address free, password acceptable) and prepares its rows.
    pub(crate) async fn of(
        db: &impl ConnectionTrait,
        instance: &Instance,
        new: NewUser,
    ) -> DomainResult<Self> {
        let username = new.username.trim().to_owned();
        accounts::validate_username(&username)?;
        let email = new.email.trim().to_lowercase();
        validate_email(&email)?;
        validate_password(&new.password)?;
        if store::accounts::by_handle(db, &username).await?.is_some() {
            return Err(DomainError::UsernameTaken);
        }
        if store::users::email_exists(db, &email).await? {
            return Err(DomainError::EmailTaken);
        }
        let password_hash = hash_password(new.password).await?;
        let (account, private_key) = accounts::new_local(instance, &username).await?;
        let now = Utc::now();
        let user = User {
            id: UserId::new(),
            account_id: account.id,
            email,
            role: new.role,
            approved: new.approved,
            confirmed_at: new.confirmed.then_some(now),
            disabled: false,
            created_at: now,
        };
        Ok(Self {
            account,
            user,
            private_key,
            password_hash,
            reason: new.reason,
            sign_up_ip: None,
            invite: None,
        })
    }

    /// The same user, signed up from `ip` with `invite`.
    pub(crate) fn signed_up(self, ip: Option<std::net::IpAddr>, invite: Option<InviteId>) -> Self {
        Self {
            sign_up_ip: ip,
            invite,
            ..self
        }
    }

    /// Writes the account and user in the caller's transaction; returns the webhook
    /// deliveries telling of it.
    pub(crate) async fn insert(
        &self,
        txn: &impl ConnectionTrait,
    ) -> DomainResult<Vec<WebhookDeliveryId>> {
        store::accounts::insert(txn, &self.account, Some(self.private_key.clone())).await?;
        store::users::insert(
            txn,
            store::users::NewUser {
                user: self.user.clone(),
                password_hash: self.password_hash.clone(),
                registration_reason: self.reason.clone(),
                sign_up_ip: self.sign_up_ip.map(|ip| ip.to_string()),
                invite: self.invite,
            },
        )
        .await
        .map_err(|error| {
            // Lost a race with another sign-up for the same address.
            if store::is_unique_violation(&error) {
                DomainError::EmailTaken
            } else {
                error.into()
            }
        })?;
        if let Some(invite) = self.invite
            && !store::invites::use_one(txn, invite, Utc::now()).await?
        {
            return Err(sign_ups::invalid_invite());
        }
        webhooks::record_account_created(txn, &self.account).await
    }
}

/// Logs in with a username or email and a password; one error for every wrong pair.
pub async fn login(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
) -> DomainResult<(User, String)> {
    login_from(db, login, password, None, None).await
}

/// [`login`] from a `device` (a browser's User-Agent, say), which the token keeps as its
/// name, cut to [`MAX_DEVICE_CHARS`], so its owner can tell their sessions apart; and from
/// `ip`, which moderators read for the instance's IP retention.
#[tracing::instrument(skip_all)]
pub async fn login_from(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
    device: Option<&str>,
    ip: Option<std::net::IpAddr>,
) -> DomainResult<(User, String)> {
    let user = with_password(db, login, password).await?;
    if user.disabled || suspended(db, user.account_id).await? {
        return Err(DomainError::AccountDisabled);
    }
    if !user.approved {
        return Err(DomainError::AccountPendingApproval);
    }
    let device = device
        .map(|device| {
            device
                .trim()
                .chars()
                .take(MAX_DEVICE_CHARS)
                .collect::<String>()
        })
        .filter(|device| !device.is_empty());
    let token = issue_named_token(db, user.id, device).await?;
    if let Some(ip) = ip {
        store::sign_ins::insert(db, user.id, &ip.to_string(), Utc::now()).await?;
    }
    Ok((user, token))
}

/// The user `login` names, when `password` is theirs.
async fn with_password(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
) -> DomainResult<User> {
    let found = store::users::with_password_hash(db, login.trim()).await?;
    let Some((user, hash)) = found else {
        // Spend the same time as a real check, so the answer does not tell who exists.
        let _ = verify_password(password.to_owned(), DUMMY_HASH.clone()).await;
        return Err(DomainError::InvalidCredentials);
    };
    if !verify_password(password.to_owned(), hash).await? {
        return Err(DomainError::InvalidCredentials);
    }
    Ok(user)
}

/// How long an appeal token lasts.
pub const APPEAL_TOKEN_LIFETIME: Duration = Duration::hours(1);

/// Signs a disabled or suspended person in to read their strikes and appeal them: a token
/// of kind [`TokenKind::Appeal`] (no scope, an hour long) and why they cannot log in. An
/// account in good standing is refused: it logs in.
#[tracing::instrument(skip_all)]
pub async fn login_to_appeal(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
    ip: Option<std::net::IpAddr>,
) -> DomainResult<(String, AccountStanding)> {
    let user = with_password(db, login, password).await?;
    let standing = if suspended(db, user.account_id).await? {
        AccountStanding::Suspended
    } else if user.disabled {
        AccountStanding::Disabled
    } else {
        return Err(DomainError::validation(
            "username",
            "this account is in good standing: log in instead",
        ));
    };
    let token = crate::secrets::new_secret("rk_");
    store::access_tokens::insert(
        db,
        store::access_tokens::NewToken {
            user_id: user.id,
            token_hash: token_hash(&token),
            kind: TokenKind::Appeal,
            name: None,
            scopes: Scopes::default(),
            expires_at: Some(Utc::now() + APPEAL_TOKEN_LIFETIME),
        },
    )
    .await?;
    if let Some(ip) = ip {
        store::sign_ins::insert(db, user.id, &ip.to_string(), Utc::now()).await?;
    }
    Ok((token, standing))
}

/// Whether a moderator suspended the account: its owner cannot sign in.
async fn suspended(db: &impl ConnectionTrait, account: AccountId) -> DomainResult<bool> {
    Ok(store::accounts::by_id(db, account)
        .await?
        .is_some_and(|account| account.restrictions.suspended()))
}

/// Revokes the log-in token `token`, whoever holds it; false when it was not one (or no
/// longer is).
pub async fn revoke_login_token(db: &impl ConnectionTrait, token: &str) -> DomainResult<bool> {
    Ok(store::access_tokens::delete_login_by_hash(db, &token_hash(token)).await?)
}

/// The viewer a bearer token stands for; expired and revoked tokens are refused.
pub async fn authenticate(db: &impl ConnectionTrait, token: &str) -> DomainResult<Viewer> {
    let (stored, user) = store::access_tokens::with_user_by_hash(db, &token_hash(token))
        .await?
        .ok_or(DomainError::InvalidToken)?;
    let now = Utc::now();
    if stored.expires_at.is_some_and(|expires| expires <= now) {
        return Err(DomainError::InvalidToken);
    }
    if user.disabled && stored.kind != TokenKind::Appeal {
        return Err(DomainError::AccountDisabled);
    }
    if stored
        .last_used_at
        .is_none_or(|last| now - last > TOUCH_INTERVAL)
    {
        store::access_tokens::touch(db, stored.id, now).await?;
    }
    let scopes = match stored.kind {
        TokenKind::Login => Scopes::all(),
        TokenKind::Personal => stored.scopes,
        TokenKind::Appeal => Scopes::default(),
    };
    Ok(Viewer {
        account_id: user.account_id,
        user_id: user.id,
        role: crate::service::roles::rank(db, user.role).await?,
        token_id: stored.id,
        scopes,
    })
}

/// Revokes the token the viewer used.
pub async fn logout(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<()> {
    store::access_tokens::delete(db, viewer.token_id).await?;
    Ok(())
}

/// The viewer's log-in sessions (each log-in token: the web client's and `login`'s), the
/// latest used first.
pub async fn sessions(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<Session>> {
    let tokens = store::access_tokens::login_for_user(db, viewer.user_id).await?;
    Ok(tokens
        .into_iter()
        .map(|token| Session {
            current: token.id == viewer.token_id,
            id: token.id,
            device: token.device,
            created_at: token.created_at,
            last_used_at: token.last_used_at,
        })
        .collect())
}

/// Ends one of the viewer's sessions (the current one too); another's is NOT_FOUND.
pub async fn revoke_session(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: TokenId,
) -> DomainResult<()> {
    if store::access_tokens::delete_of_kind(db, viewer.user_id, id, TokenKind::Login).await? {
        Ok(())
    } else {
        Err(DomainError::NotFound(Kind::Session))
    }
}

/// Revokes every token of a user; returns how many.
pub async fn revoke_all(db: &impl ConnectionTrait, user: UserId) -> DomainResult<u64> {
    Ok(store::access_tokens::delete_for_user(db, user).await?)
}

/// Checks the viewer's current password, as asked before grave changes (a move).
pub async fn confirm_password(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    password: &str,
) -> DomainResult<()> {
    let hash = store::users::password_hash(db, viewer.user_id)
        .await?
        .unwrap_or_else(|| DUMMY_HASH.clone());
    if !verify_password(password.to_owned(), hash).await? {
        return Err(DomainError::InvalidCredentials);
    }
    Ok(())
}

/// Sets a new password for a local user and logs them out everywhere.
pub async fn reset_password(
    db: &DatabaseConnection,
    username: &str,
    password: String,
) -> DomainResult<User> {
    validate_password(&password)?;
    let (user, _) = store::users::with_password_hash(db, username)
        .await?
        .ok_or(DomainError::NotFound(Kind::User))?;
    let hash = hash_password(password).await?;
    let txn = crate::db::begin_write(db).await?;
    store::users::set_password_hash(&txn, user.id, hash).await?;
    store::access_tokens::delete_for_user(&txn, user.id).await?;
    txn.commit().await?;
    Ok(user)
}

async fn issue_token(db: &impl ConnectionTrait, user: UserId) -> DomainResult<String> {
    issue_named_token(db, user, None).await
}

async fn issue_named_token(
    db: &impl ConnectionTrait,
    user: UserId,
    name: Option<String>,
) -> DomainResult<String> {
    let token = crate::secrets::new_secret("rk_");
    store::access_tokens::insert(
        db,
        store::access_tokens::NewToken {
            user_id: user,
            token_hash: token_hash(&token),
            kind: TokenKind::Login,
            name,
            scopes: Scopes::all(),
            expires_at: None,
        },
    )
    .await?;
    Ok(token)
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(b"rookery-no-such-user")
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

pub(crate) async fn hash_password(password: String) -> DomainResult<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|error| DomainError::Internal(format!("hashing a password: {error}")))
    })
    .await
    .map_err(|error| DomainError::Internal(error.to_string()))?
}

async fn verify_password(password: String, hash: String) -> DomainResult<bool> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .map_err(|error| DomainError::Internal(error.to_string()))
}

pub fn validate_password(password: &str) -> DomainResult<()> {
    validate_new_password("password", password)
}

/// [`validate_password`] for the input `field`.
pub(crate) fn validate_new_password(field: &'static str, password: &str) -> DomainResult<()> {
    if password.chars().all(char::is_whitespace) {
        return Err(DomainError::validation(field, "must not be only spaces"));
    }
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(DomainError::validation(
            field,
            format!("at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(DomainError::validation(
            field,
            format!("at most {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

pub(crate) fn validate_email(email: &str) -> DomainResult<()> {
    let valid = email.len() <= MAX_EMAIL_CHARS
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        });
    if valid {
        Ok(())
    } else {
        Err(DomainError::validation("email", "not an email address"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(validate_email("a@b.c").is_ok());
        assert!(validate_email("a@localhost").is_ok());
        for bad in ["", "a", "@b", "a@", "a b@c", "a@b@c"] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords() {
        assert!(validate_password("short").is_err());
        assert!(validate_password("long enough").is_ok());
        assert!(validate_password("        ").is_err());
        assert!(validate_password(" \t\u{3000}\n        ").is_err());
        assert!(validate_password(&"x".repeat(2000)).is_err());
    }

    #[test]
    fn token_hashes_are_hex_sha256() {
        assert_eq!(token_hash("abc").len(), 64);
        assert_ne!(token_hash("abc"), token_hash("abd"));
    }
}
