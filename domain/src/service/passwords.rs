//! Changing a password (the current one needed), and resetting a forgotten one by mail: a
//! token used once, an hour long, kept only as its hash. After a reset every session ends.

use chrono::{Duration, Utc};

use crate::service::{App, credentials, mail};
use crate::store;
use crate::types::{User, Viewer};
use crate::{DomainError, DomainResult};

/// How long a reset mail's link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);

/// Changes the viewer's password; `current` must be theirs. Their other sessions and tokens
/// are revoked unless `keep_other_sessions`; returns how many were.
pub async fn change(
    app: &App,
    viewer: &Viewer,
    current: &str,
    new: String,
    keep_other_sessions: bool,
) -> DomainResult<u64> {
    credentials::validate_new_password("newPassword", &new)?;
    credentials::confirm_password(&app.db, viewer, current).await?;
    let hash = credentials::hash_password(new).await?;
    let txn = crate::db::begin_write(&app.db).await?;
    store::users::set_password_hash(&txn, viewer.user_id, hash).await?;
    store::password_resets::delete_for_user(&txn, viewer.user_id).await?;
    store::sign_in_challenges::delete_for_user(&txn, viewer.user_id).await?;
    let revoked = if keep_other_sessions {
        0
    } else {
        store::access_tokens::delete_for_user_except(&txn, viewer.user_id, viewer.token_id).await?
    };
    txn.commit().await?;
    Ok(revoked)
}

/// Mails a reset link to the user `login` (a username or email) names. Nothing tells the
/// asker whether there is one: the answer is the same either way. A disabled login gets
/// no mail.
pub async fn request_reset(app: &App, login: &str) -> DomainResult<()> {
    let Some((user, _)) = store::users::with_password_hash(&app.db, login.trim()).await? else {
        return Ok(());
    };
    if user.disabled {
        return Ok(());
    }
    let token = crate::secrets::new_secret("rs_");
    let instance = crate::service::instance::load(&app.db, app.instance()).await?;
    let link = instance.url(&format!("/reset-password?token={token}"));
    let body = format!(
        "Someone asked to reset the password of your account on {domain}.\n\n\
         To choose a new password, open this link within an hour:\n\n{link}\n\n\
         If it was not you, ignore this mail: your password stays as it is.\n",
        domain = instance.domain,
    );
    let message = mail::compose(
        &user.email,
        &format!("Reset your password on {}", instance.domain),
        body,
    );
    let txn = crate::db::begin_write(&app.db).await?;
    store::password_resets::insert(
        &txn,
        user.id,
        &credentials::token_hash(&token),
        Utc::now() + RESET_LIFETIME,
    )
    .await?;
    store::mails::insert_many(&txn, std::slice::from_ref(&message)).await?;
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), std::slice::from_ref(&message)).await;
    Ok(())
}

/// Sets `new` as the password of the user a reset mail's `token` was sent to, once, within
/// the hour; every session and token of theirs is revoked.
pub async fn reset(app: &App, token: &str, new: String) -> DomainResult<User> {
    credentials::validate_new_password("newPassword", &new)?;
    let invalid = || DomainError::validation("token", "this link is not valid or has expired");
    let hash = credentials::hash_password(new).await?;
    let txn = crate::db::begin_write(&app.db).await?;
    let user =
        store::password_resets::take(&txn, &credentials::token_hash(token.trim()), Utc::now())
            .await?
            .ok_or_else(invalid)?;
    let user = store::users::by_id(&txn, user).await?.ok_or_else(invalid)?;
    store::users::set_password_hash(&txn, user.id, hash).await?;
    store::password_resets::delete_for_user(&txn, user.id).await?;
    store::sign_in_challenges::delete_for_user(&txn, user.id).await?;
    store::access_tokens::delete_for_user(&txn, user.id).await?;
    txn.commit().await?;
    Ok(user)
}
