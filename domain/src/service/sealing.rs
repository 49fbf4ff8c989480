//! Sealing secrets at rest again: values stored before sealing existed, and values sealed
//! with an earlier key, are sealed with the installed keyring's sealing key.

use sea_orm::ConnectionTrait;

use crate::secrets::{Keyring, Purpose, SecretsError};
use crate::store;
use crate::{DomainError, DomainResult};

/// Seals again every actor private key and webhook secret not sealed with `keyring`'s
/// sealing key (a plaintext value is sealed as it is; one sealed with an earlier key of
/// the keyring is opened first). Returns how many were sealed.
pub async fn seal_all(db: &impl ConnectionTrait, keyring: &Keyring) -> DomainResult<u64> {
    let mut sealed = 0;
    for (account, value) in store::accounts::sealed_private_keys(db).await? {
        if let Some(again) = sealed_again(keyring, Purpose::ActorPrivateKey, &value)? {
            store::accounts::set_sealed_private_key(db, account, again).await?;
            sealed += 1;
        }
    }
    for (webhook, value) in store::webhooks::sealed_secrets(db).await? {
        if let Some(again) = sealed_again(keyring, Purpose::WebhookSecret, &value)? {
            store::webhooks::set_sealed_secret(db, webhook, again).await?;
            sealed += 1;
        }
    }
    Ok(sealed)
}

/// `value` sealed with the sealing key, when it is not already.
fn sealed_again(keyring: &Keyring, purpose: Purpose, value: &str) -> DomainResult<Option<String>> {
    if keyring.is_current(value) {
        return Ok(None);
    }
    let plaintext = match keyring.open(purpose, value) {
        Ok(plaintext) => plaintext,
        Err(SecretsError::NotSealed) => value.to_owned(),
        Err(error) => return Err(internal(error)),
    };
    keyring
        .seal(purpose, &plaintext)
        .map(Some)
        .map_err(internal)
}

fn internal(error: SecretsError) -> DomainError {
    DomainError::Internal(format!("secrets: {error}"))
}
