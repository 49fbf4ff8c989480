//! Sealing secrets at rest again: values stored before sealing existed, and values sealed
//! with an earlier key, are sealed with the installed keyring's sealing key.

use sea_orm::ConnectionTrait;

use crate::secrets::{Keyring, Purpose, SecretsError};
use crate::store;
use crate::{DomainError, DomainResult};

/// Seals again every actor private key, webhook secret and TOTP secret not sealed with `keyring`'s
/// sealing key (a plaintext value is sealed as it is; one sealed with an earlier key of
/// the keyring is opened first). Only those are read. Returns how many were sealed.
pub async fn seal_all(db: &impl ConnectionTrait, keyring: &Keyring) -> DomainResult<u64> {
    let current = keyring.sealing_prefix();
    let mut sealed = 0;
    for (account, value) in store::accounts::private_keys_not_sealed_with(db, &current).await? {
        let again = sealed_again(keyring, Purpose::ActorPrivateKey, &value)?;
        store::accounts::set_sealed_private_key(db, account, again).await?;
        sealed += 1;
    }
    for (webhook, value) in store::webhooks::secrets_not_sealed_with(db, &current).await? {
        let again = sealed_again(keyring, Purpose::WebhookSecret, &value)?;
        store::webhooks::set_sealed_secret(db, webhook, again).await?;
        sealed += 1;
    }
    for (user, value) in store::totp_credentials::secrets_not_sealed_with(db, &current).await? {
        let again = sealed_again(keyring, Purpose::TotpSecret, &value)?;
        store::totp_credentials::set_sealed_secret(db, user, again).await?;
        sealed += 1;
    }
    Ok(sealed)
}

/// `value` (in the clear, or sealed with an earlier key) sealed with the sealing key.
fn sealed_again(keyring: &Keyring, purpose: Purpose, value: &str) -> DomainResult<String> {
    let plaintext = match keyring.open(purpose, value) {
        Ok(plaintext) => plaintext,
        Err(SecretsError::NotSealed) => value.to_owned(),
        Err(error) => return Err(internal(error)),
    };
    keyring.seal(purpose, &plaintext).map_err(internal)
}

fn internal(error: SecretsError) -> DomainError {
    DomainError::Internal(format!("secrets: {error}"))
}
