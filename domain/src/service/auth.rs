//! Sign-up, log-in, bearer tokens and passwords.

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::{AccountId, InviteId, Kind, TokenId, UserId, WebhookDeliveryId};
use crate::ports::TaskQueue;
use crate::service::credentials::{
    DUMMY_HASH, hash_password, token_hash, validate_email, validate_password, verify_password,
};
use crate::service::sign_ups::{self, SignUpFrom};
use crate::service::{accounts, email_addresses, instance, mail, two_factor, webhooks};
use crate::store;
use crate::types::{
    Account, AccountStanding, Instance, Mail, RoleKey, Scopes, Session, TokenKind, User, Viewer,
};
use crate::{DomainError, DomainResult};

/// How often a token's last use is written down, at most.
const TOUCH_INTERVAL: Duration = Duration::minutes(5);
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
        confirmed: !instance.require_email_confirmation,
        reason: registration.reason,
    };
    let checked = CheckedUser::of(db, instance, new)
        .await?
        .signed_up(from.ip, admission.invite);
    let confirm_with = instance.require_email_confirmation.then_some(instance);
    let (account, user, hooks, link) = record(db, checked, confirm_with).await?;
    webhooks::queue(queue, hooks).await;
    if let Some(link) = link {
        mail::queue(queue, &[link]).await;
    }
    let token = if admission.approved {
        Some(issue_named_token(db, user.id, None, from.ip).await?)
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
    let checked = CheckedUser::of(db, instance, new).await?;
    let (account, user, _, _) = record(db, checked, None).await?;
    Ok((account, user))
}

/// Writes a checked user, with the webhook deliveries telling of it and, `confirm_with`
/// an instance, the mail carrying the link that confirms its address.
async fn record(
    db: &DatabaseConnection,
    checked: CheckedUser,
    confirm_with: Option<&Instance>,
) -> DomainResult<(Account, User, Vec<WebhookDeliveryId>, Option<Mail>)> {
    let txn = crate::db::begin_write(db).await?;
    let hooks = checked.insert(&txn).await?;
    let link = match confirm_with {
        Some(instance) => {
            let user = &checked.user;
            Some(email_addresses::record_link(&txn, instance, user.id, &user.email).await?)
        }
        None => None,
    };
    txn.commit().await.map_err(|error| {
        if store::is_unique_violation(&error) {
            DomainError::UsernameTaken
        } else {
            error.into()
        }
    })?;
    Ok((checked.account, checked.user, hooks, link))
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

/// What a right password leads to.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// Logged in: the user and their new log-in token.
    Done(User, String),
    /// The user has a second factor: the token of the challenge that a code finishes
    /// ([`complete_login`]).
    SecondFactor(String),
}

/// Logs in with a username or email and a password, for callers that cannot ask for a
/// second factor: an account with one is refused with INVALID_TWO_FACTOR_CODE.
pub async fn login(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
) -> DomainResult<(User, String)> {
    match login_from(db, login, password, None, None).await? {
        SignIn::Done(user, token) => Ok((user, token)),
        SignIn::SecondFactor(_) => Err(DomainError::InvalidTwoFactorCode),
    }
}

/// Logs in with a username or email and a password; one error for every wrong pair. From
/// a `device` (a browser's User-Agent, say), which the token keeps as its name, cut to
/// [`MAX_DEVICE_CHARS`], so its owner can tell their sessions apart; and from `ip`, which
/// moderators read for the instance's IP retention. A user with a second factor gets a
/// challenge in place of a token.
#[tracing::instrument(skip_all)]
pub async fn login_from(
    db: &impl ConnectionTrait,
    login: &str,
    password: &str,
    device: Option<&str>,
    ip: Option<std::net::IpAddr>,
) -> DomainResult<SignIn> {
    let user = with_password(db, login, password).await?;
    check_standing(db, &user).await?;
    let device = device
        .map(|device| {
            device
                .trim()
                .chars()
                .take(MAX_DEVICE_CHARS)
                .collect::<String>()
        })
        .filter(|device| !device.is_empty());
    if two_factor::required(db, user.id).await? {
        let challenge = two_factor::challenge(db, user.id, device, ip).await?;
        return Ok(SignIn::SecondFactor(challenge));
    }
    let (user, token) = admit(db, user.id, device, ip).await?;
    Ok(SignIn::Done(user, token))
}

/// Finishes a log-in with the challenge a right password opened and a code (or a recovery
/// code): the user and a log-in token. A challenge that is unknown, expired or used, or
/// has taken [`two_factor::MAX_CHALLENGE_ATTEMPTS`] wrong codes, is UNAUTHENTICATED (log
/// in again); a wrong or replayed code is INVALID_TWO_FACTOR_CODE and counts against it.
pub async fn complete_login(
    db: &DatabaseConnection,
    challenge: &str,
    code: &str,
) -> DomainResult<(User, String)> {
    // One transaction: of two completions racing, the one that does not get the challenge
    // spends no code.
    let txn = crate::db::begin_write(db).await?;
    let Some(open) =
        store::sign_in_challenges::by_hash(&txn, &token_hash(challenge.trim())).await?
    else {
        return Err(DomainError::InvalidToken);
    };
    if open.expires_at <= Utc::now() || open.attempts >= two_factor::MAX_CHALLENGE_ATTEMPTS {
        store::sign_in_challenges::take(&txn, open.id).await?;
        txn.commit().await?;
        return Err(DomainError::InvalidToken);
    }
    if !two_factor::second_factor_taken(&txn, open.user, code).await? {
        store::sign_in_challenges::count_attempt(&txn, open.id).await?;
        txn.commit().await?;
        return Err(DomainError::InvalidTwoFactorCode);
    }
    if !store::sign_in_challenges::take(&txn, open.id).await? {
        return Err(DomainError::InvalidToken);
    }
    let ip = open.ip.as_deref().and_then(|ip| ip.parse().ok());
    let signed_in = admit(&txn, open.user, open.device, ip).await?;
    txn.commit().await?;
    Ok(signed_in)
}

/// Logs `user` in once every check passed: a log-in token named `device`, and the sign-in
/// from `ip` recorded. Their standing is checked again (it may have changed since the
/// first step of a two-step log-in).
async fn admit(
    db: &impl ConnectionTrait,
    user: UserId,
    device: Option<String>,
    ip: Option<std::net::IpAddr>,
) -> DomainResult<(User, String)> {
    let user = store::users::by_id(db, user)
        .await?
        .ok_or(DomainError::InvalidCredentials)?;
    check_standing(db, &user).await?;
    let token = issue_named_token(db, user.id, device, ip).await?;
    if let Some(ip) = ip {
        store::sign_ins::insert(db, user.id, &ip.to_string(), Utc::now()).await?;
    }
    Ok((user, token))
}

/// ACCOUNT_DISABLED for a disabled or suspended login, ACCOUNT_PENDING_APPROVAL for one
/// waiting for a moderator.
async fn check_standing(db: &impl ConnectionTrait, user: &User) -> DomainResult<()> {
    if user.disabled || suspended(db, user.account_id).await? {
        return Err(DomainError::AccountDisabled);
    }
    if !user.approved {
        return Err(DomainError::AccountPendingApproval);
    }
    Ok(())
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
            ip: ip.map(|ip| ip.to_string()),
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
    let role = crate::service::roles::rank(db, user.role).await?;
    let second_factor_missing = !role.permissions.is_empty()
        && instance::about(db).await?.require_staff_two_factor
        && !two_factor::required(db, user.id).await?;
    Ok(Viewer {
        account_id: user.account_id,
        user_id: user.id,
        role,
        token_id: stored.id,
        scopes,
        email_confirmed: user.confirmed_at.is_some(),
        second_factor_missing,
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
            ip: token.ip,
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

/// A log-in token named `name` (the browser or app), signed in from `ip`.
async fn issue_named_token(
    db: &impl ConnectionTrait,
    user: UserId,
    name: Option<String>,
    ip: Option<std::net::IpAddr>,
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
            ip: ip.map(|ip| ip.to_string()),
        },
    )
    .await?;
    Ok(token)
}
