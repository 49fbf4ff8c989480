//! First-run setup: while no admin exists, a one-time token lets whoever holds it (the
//! operator who read it in the server's log) create the owner's account and name the
//! instance.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::db;
use crate::secrets::new_secret;
use crate::service::auth::{CheckedUser, NewUser};
use crate::service::credentials;
use crate::service::instance;
use crate::store;
use crate::types::{Account, Instance, RegistrationMode, RoleKey, User};
use crate::{DomainError, DomainResult};

/// What the owner gives when claiming the instance.
#[derive(Debug, Clone)]
pub struct Claim {
    pub token: String,
    pub username: String,
    pub email: String,
    pub password: String,
    pub name: String,
    pub description: String,
    pub registration_mode: RegistrationMode,
}

async fn has_admin(db: &impl ConnectionTrait) -> DomainResult<bool> {
    let staff = store::users::with_roles(db, &[RoleKey::Owner, RoleKey::Admin]).await?;
    Ok(!staff.is_empty())
}

/// A new setup token when the instance has no admin yet (an earlier token stops working),
/// else None (and any earlier token is forgotten).
pub async fn prepare(db: &impl ConnectionTrait) -> DomainResult<Option<String>> {
    store::instance_settings::forget_setup_tokens(db).await?;
    if has_admin(db).await? {
        return Ok(None);
    }
    let token = new_secret("rks_");
    store::instance_settings::keep_setup_token(db, &credentials::token_hash(&token)).await?;
    Ok(Some(token))
}

/// Creates the owner (role `owner`, approved and confirmed) and sets the instance's name,
/// description and registration mode, once, with the token [`prepare`] made, in one
/// transaction that spends the token. A wrong or used token is FORBIDDEN and changes
/// nothing; a refused input changes nothing and leaves the token usable.
#[tracing::instrument(skip_all, fields(username = %claim.username))]
pub async fn claim(
    db: &DatabaseConnection,
    configured: &Instance,
    claim: Claim,
) -> DomainResult<(Account, User)> {
    let hash = credentials::token_hash(claim.token.trim());
    // Checked first, so that a wrong or used link tells nothing of the input; spent below.
    if !store::instance_settings::has_setup_token(db, &hash).await? {
        return Err(DomainError::Forbidden);
    }
    let name = instance::checked_name(&claim.name)?;
    let description = instance::checked_description(&claim.description)?;
    let owner = CheckedUser::of(
        db,
        configured,
        NewUser {
            username: claim.username,
            email: claim.email,
            password: claim.password,
            role: RoleKey::Owner,
            approved: true,
            confirmed: true,
            reason: None,
        },
    )
    .await?;
    let txn = db::begin_write(db).await?;
    if !store::instance_settings::take_setup_token(&txn, &hash).await? || has_admin(&txn).await? {
        return Err(DomainError::Forbidden);
    }
    // The owner's `account.created` deliveries are queued by the maintenance sweep.
    owner.insert(&txn).await?;
    store::instance_settings::forget_setup_tokens(&txn).await?;
    store::instance_settings::set(&txn, instance::NAME, name.into()).await?;
    store::instance_settings::set(&txn, instance::DESCRIPTION, description.into()).await?;
    instance::set_registration_mode(&txn, claim.registration_mode).await?;
    txn.commit().await?;
    Ok((owner.account, owner.user))
}
