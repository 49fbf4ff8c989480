//! Confirming email addresses: the one an account signs up with (where the instance asks
//! for it) and a new one its owner changes to. Each link is mailed, used once, a day long,
//! kept only as its hash; a newer link makes the earlier ones void.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::UserId;
use crate::service::{App, credentials, instance, mail, sign_ups};
use crate::store;
use crate::types::{Instance, Mail, User, Viewer};
use crate::{DomainError, DomainResult};

/// How long a confirmation link works.
pub const LINK_LIFETIME: Duration = Duration::hours(24);
/// The least time between two links mailed to one account.
pub const RESEND_INTERVAL: Duration = Duration::minutes(1);
/// The most links mailed to one account in a day.
pub const MAX_LINKS_PER_DAY: u64 = 5;

/// A login's address as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress {
    pub email: String,
    pub confirmed: bool,
    /// A new address asked for, waiting for its link to be followed.
    pub pending: Option<String>,
}

/// The viewer's address, whether it is confirmed, and any new one waiting.
pub async fn of_viewer(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<EmailAddress> {
    let user = user(db, viewer.user_id).await?;
    let pending = store::email_confirmations::latest_email(db, user.id, Utc::now())
        .await?
        .filter(|email| *email != user.email);
    Ok(EmailAddress {
        confirmed: user.confirmed_at.is_some(),
        email: user.email,
        pending,
    })
}

/// Mails the viewer a new link for the address waiting to be confirmed (a new one asked
/// for, or their own while unconfirmed); returns that address. VALIDATION when nothing
/// waits, or when `expected` is not the address waiting; RATE_LIMITED within a minute of
/// the last link, or after five in a day.
pub async fn resend(app: &App, viewer: &Viewer, expected: Option<&str>) -> DomainResult<String> {
    let address = of_viewer(&app.db, viewer).await?;
    let email = match (address.pending, address.confirmed) {
        (Some(pending), _) => pending,
        (None, false) => address.email,
        (None, true) => {
            return Err(DomainError::validation(
                "email",
                "your address is confirmed already",
            ));
        }
    };
    if expected.is_some_and(|expected| !expected.trim().eq_ignore_ascii_case(&email)) {
        return Err(DomainError::validation(
            "email",
            "another address waits to be confirmed now",
        ));
    }
    send_link(app, viewer.user_id, &email).await?;
    Ok(email)
}

/// Asks to change the viewer's address to `email` (their password needed): a link is
/// mailed there, and the address changes when it is followed. Returns the new address.
pub async fn change(
    app: &App,
    viewer: &Viewer,
    email: &str,
    password: &str,
) -> DomainResult<String> {
    let email = email.trim().to_lowercase();
    credentials::validate_email(&email)?;
    credentials::confirm_password(&app.db, viewer, password).await?;
    let user = user(&app.db, viewer.user_id).await?;
    if email == user.email {
        return Err(DomainError::validation(
            "email",
            "this is your address already",
        ));
    }
    if store::users::email_exists(&app.db, &email).await? {
        return Err(DomainError::EmailTaken);
    }
    if sign_ups::email_domain_blocked(&app.db, &email, None).await? {
        return Err(DomainError::validation(
            "email",
            "addresses of this email domain are refused",
        ));
    }
    send_link(app, viewer.user_id, &email).await?;
    Ok(email)
}

/// Follows a confirmation link: the address it was mailed to becomes the user's, confirmed
/// (the earlier address is told of a change). Works once, within a day, and only for the
/// newest link mailed to the account; VALIDATION otherwise, changing nothing.
pub async fn confirm(app: &App, token: &str) -> DomainResult<User> {
    let invalid = || DomainError::validation("token", "this link is not valid or has expired");
    let txn = crate::db::begin_write(&app.db).await?;
    let now = Utc::now();
    let taken = store::email_confirmations::take(&txn, &credentials::token_hash(token.trim()), now)
        .await?
        .ok_or_else(invalid)?;
    if store::email_confirmations::any_after(&txn, taken.user, taken.created_at).await? {
        return Err(DomainError::validation(
            "token",
            "a newer link was mailed since: follow that one",
        ));
    }
    let before = store::users::by_id(&txn, taken.user)
        .await?
        .ok_or_else(invalid)?;
    let changed = taken.email != before.email;
    if changed && store::users::email_exists(&txn, &taken.email).await? {
        return Err(DomainError::EmailTaken);
    }
    store::users::set_email_confirmed(&txn, before.id, &taken.email, now).await?;
    store::email_confirmations::delete_for_user(&txn, before.id).await?;
    let told = if changed {
        let instance = instance::load(&txn, app.instance()).await?;
        let told = changed_mail(&instance, &before.email, &taken.email);
        store::mails::insert_many(&txn, std::slice::from_ref(&told)).await?;
        Some(told)
    } else {
        None
    };
    txn.commit().await.map_err(|error| {
        if store::is_unique_violation(&error) {
            DomainError::EmailTaken
        } else {
            error.into()
        }
    })?;
    if let Some(told) = told {
        mail::queue(app.outbox.queue().as_ref(), &[told]).await;
    }
    Ok(User {
        email: taken.email,
        confirmed_at: Some(now),
        ..before
    })
}

/// Writes, in the caller's transaction, a link confirming `email` for `user` and the mail
/// carrying it; the mail is to be queued after commit ([`mail::queue`]).
pub(crate) async fn record_link(
    txn: &impl ConnectionTrait,
    instance: &Instance,
    user: UserId,
    email: &str,
) -> DomainResult<Mail> {
    let token = crate::secrets::new_secret("ec_");
    let now = Utc::now();
    store::email_confirmations::insert(
        txn,
        user,
        email,
        &credentials::token_hash(&token),
        now + LINK_LIFETIME,
    )
    .await?;
    let link = instance.url(&format!("/confirm-email?token={token}"));
    let body = format!(
        "To confirm that {email} is your address on {domain}, open this link within a day:\n\n\
         {link}\n\n\
         If you did not ask for an account or a new address there, ignore this mail.\n",
        domain = instance.domain,
    );
    let message = mail::compose(
        email,
        &format!("Confirm your address on {}", instance.domain),
        body,
    );
    store::mails::insert_many(txn, std::slice::from_ref(&message)).await?;
    Ok(message)
}

/// Mails `user` a link for `email`, unless one went out within [`RESEND_INTERVAL`] or
/// [`MAX_LINKS_PER_DAY`] went out today.
async fn send_link(app: &App, user: UserId, email: &str) -> DomainResult<()> {
    let now = Utc::now();
    let txn = crate::db::begin_write(&app.db).await?;
    let (today, latest) =
        store::email_confirmations::sent_since(&txn, user, now - Duration::days(1)).await?;
    if today >= MAX_LINKS_PER_DAY || latest.is_some_and(|at| now - at < RESEND_INTERVAL) {
        return Err(DomainError::RateLimited);
    }
    let instance = instance::load(&txn, app.instance()).await?;
    let message = record_link(&txn, &instance, user, email).await?;
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), &[message]).await;
    Ok(())
}

/// The mail telling an earlier address that the account moved to another.
fn changed_mail(instance: &Instance, old: &str, new: &str) -> Mail {
    let body = format!(
        "The email address of your account on {domain} was changed from {old} to {new}.\n\n\
         If you did not change it, reset your password at {reset} and write to the \
         instance's administrators.\n",
        domain = instance.domain,
        reset = instance.url("/forgot-password"),
    );
    mail::compose(
        old,
        &format!("Your address on {} was changed", instance.domain),
        body,
    )
}

async fn user(db: &impl ConnectionTrait, id: UserId) -> DomainResult<User> {
    store::users::by_id(db, id)
        .await?
        .ok_or(DomainError::Unauthenticated)
}
