//! Secrets: new random ones (tokens, webhook secrets), and secrets at rest: actor private
//! keys and webhook secrets are sealed (ChaCha20-Poly1305) with a key kept outside the
//! database, so a dump of the database alone reveals none.
//!
//! The process installs its keyring once at start (`install`); the store seals what it
//! writes and opens what it reads through it. A keyring holds the key that seals and any
//! earlier keys that still open what they sealed, so keys can be rotated.

use std::sync::{Arc, RwLock};

use aws_lc_rs::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

/// A new random secret: `prefix` and 32 random bytes in URL-safe base64.
pub(crate) fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// How a sealed value begins: `sealed:v1:<key id>:<nonce, ciphertext and tag>`.
const PREFIX: &str = "sealed:v1:";

/// The length of a key, in bytes.
pub const KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretsError {
    #[error("no secrets key is installed")]
    NoKeyring,
    #[error("a secrets key must be {KEY_LEN} bytes in base64")]
    BadKey,
    #[error("the value is not sealed")]
    NotSealed,
    #[error("the value was sealed with key {0}, which the keyring does not hold")]
    UnknownKey(String),
    #[error("the sealed value does not open: damaged, or moved from elsewhere")]
    Damaged,
}

/// What a secret is for; sealed with it, so that one cannot be passed off as another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    ActorPrivateKey,
    WebhookSecret,
    TotpSecret,
}

impl Purpose {
    fn aad(self) -> &'static [u8] {
        match self {
            Self::ActorPrivateKey => b"rookery accounts.private_key_pem",
            Self::WebhookSecret => b"rookery webhooks.secret",
            Self::TotpSecret => b"rookery totp_credentials.secret",
        }
    }
}

/// One key, with the id sealed values name it by (the start of its SHA-256).
struct Key {
    id: String,
    key: LessSafeKey,
}

impl Key {
    fn from_bytes(bytes: &[u8]) -> Result<Self, SecretsError> {
        let unbound =
            UnboundKey::new(&CHACHA20_POLY1305, bytes).map_err(|_| SecretsError::BadKey)?;
        let digest = Sha256::digest(bytes);
        Ok(Self {
            id: digest[..4].iter().map(|b| format!("{b:02x}")).collect(),
            key: LessSafeKey::new(unbound),
        })
    }
}

/// The key that seals, and earlier keys that still open.
pub struct Keyring {
    keys: Vec<Key>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("Keyring").field("key_ids", &ids).finish()
    }
}

impl Keyring {
    /// A keyring from base64 keys, the sealing one first.
    pub fn from_base64<'a>(keys: impl IntoIterator<Item = &'a str>) -> Result<Self, SecretsError> {
        let keys = keys
            .into_iter()
            .map(|encoded| {
                let bytes = STANDARD
                    .decode(encoded.trim())
                    .map_err(|_| SecretsError::BadKey)?;
                if bytes.len() != KEY_LEN {
                    return Err(SecretsError::BadKey);
                }
                Key::from_bytes(&bytes)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err(SecretsError::BadKey);
        }
        Ok(Self { keys })
    }

    /// The id of the key that seals.
    pub fn sealing_key_id(&self) -> &str {
        &self.keys[0].id
    }

    /// Seals `plaintext` with the sealing key.
    pub fn seal(&self, purpose: Purpose, plaintext: &str) -> Result<String, SecretsError> {
        let key = &self.keys[0];
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new()
            .fill(&mut nonce)
            .map_err(|_| SecretsError::Damaged)?;
        let mut sealed = plaintext.as_bytes().to_vec();
        key.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.aad()),
                &mut sealed,
            )
            .map_err(|_| SecretsError::Damaged)?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!(
            "{}{}",
            self.sealing_prefix(),
            URL_SAFE_NO_PAD.encode(bytes)
        ))
    }

    /// Opens a value sealed with any key of the keyring.
    pub fn open(&self, purpose: Purpose, sealed: &str) -> Result<String, SecretsError> {
        let rest = sealed.strip_prefix(PREFIX).ok_or(SecretsError::NotSealed)?;
        let (key_id, encoded) = rest.split_once(':').ok_or(SecretsError::Damaged)?;
        let key = self
            .keys
            .iter()
            .find(|key| key.id == key_id)
            .ok_or_else(|| SecretsError::UnknownKey(key_id.to_owned()))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| SecretsError::Damaged)?;
        if bytes.len() < NONCE_LEN {
            return Err(SecretsError::Damaged);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SecretsError::Damaged)?;
        let mut buffer = ciphertext.to_vec();
        let plain = key
            .key
            .open_in_place(nonce, Aad::from(purpose.aad()), &mut buffer)
            .map_err(|_| SecretsError::Damaged)?;
        String::from_utf8(plain.to_vec()).map_err(|_| SecretsError::Damaged)
    }

    /// How every value sealed with the sealing key begins.
    pub fn sealing_prefix(&self) -> String {
        format!("{PREFIX}{}:", self.keys[0].id)
    }
}

/// A new random key, in base64.
pub fn new_key() -> Result<String, SecretsError> {
    let mut bytes = [0u8; KEY_LEN];
    SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| SecretsError::BadKey)?;
    Ok(STANDARD.encode(bytes))
}

static INSTALLED: RwLock<Option<Arc<Keyring>>> = RwLock::new(None);

/// Makes `keyring` the one this process seals and opens with.
pub fn install(keyring: Keyring) {
    let mut installed = INSTALLED
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *installed = Some(Arc::new(keyring));
}

/// The keyring this process seals and opens with.
pub fn installed() -> Result<Arc<Keyring>, SecretsError> {
    INSTALLED
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .ok_or(SecretsError::NoKeyring)
}

/// Seals with the installed keyring.
pub fn seal(purpose: Purpose, plaintext: &str) -> Result<String, SecretsError> {
    installed()?.seal(purpose, plaintext)
}

/// Opens with the installed keyring.
pub fn open(purpose: Purpose, sealed: &str) -> Result<String, SecretsError> {
    installed()?.open(purpose, sealed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring() -> Keyring {
        Keyring::from_base64([new_key().unwrap().as_str()]).unwrap()
    }

    #[test]
    fn sealed_values_open_for_their_purpose_with_their_key() {
        let ring = keyring();
        let sealed = ring.seal(Purpose::WebhookSecret, "whsec_abc").unwrap();
        assert!(!sealed.contains("whsec_abc"));
        assert!(sealed.starts_with(PREFIX));
        assert_eq!(
            ring.open(Purpose::WebhookSecret, &sealed).unwrap(),
            "whsec_abc"
        );
        // Sealed twice, two different values.
        assert_ne!(
            ring.seal(Purpose::WebhookSecret, "whsec_abc").unwrap(),
            sealed
        );
        // Another purpose, another key, a changed byte, plaintext: none opens.
        assert_eq!(
            ring.open(Purpose::ActorPrivateKey, &sealed),
            Err(SecretsError::Damaged)
        );
        assert!(matches!(
            keyring().open(Purpose::WebhookSecret, &sealed),
            Err(SecretsError::UnknownKey(_))
        ));
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 1;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(
            ring.open(Purpose::WebhookSecret, &tampered),
            Err(SecretsError::Damaged)
        );
        assert_eq!(
            ring.open(Purpose::WebhookSecret, "whsec_abc"),
            Err(SecretsError::NotSealed)
        );
    }

    #[test]
    fn earlier_keys_open_and_the_first_seals() {
        let (old, new) = (new_key().unwrap(), new_key().unwrap());
        let before = Keyring::from_base64([old.as_str()]).unwrap();
        let sealed = before.seal(Purpose::ActorPrivateKey, "pem").unwrap();
        let rotating = Keyring::from_base64([new.as_str(), old.as_str()]).unwrap();
        assert!(!sealed.starts_with(&rotating.sealing_prefix()));
        assert_eq!(
            rotating.open(Purpose::ActorPrivateKey, &sealed).unwrap(),
            "pem"
        );
        let resealed = rotating.seal(Purpose::ActorPrivateKey, "pem").unwrap();
        assert!(resealed.starts_with(&rotating.sealing_prefix()));
        let after = Keyring::from_base64([new.as_str()]).unwrap();
        assert_eq!(
            after.open(Purpose::ActorPrivateKey, &resealed).unwrap(),
            "pem"
        );
    }

    #[test]
    fn keys_are_32_bytes_of_base64() {
        assert_eq!(
            Keyring::from_base64(["c2hvcnQ="]).unwrap_err(),
            SecretsError::BadKey
        );
        assert_eq!(Keyring::from_base64([]).unwrap_err(), SecretsError::BadKey);
        assert!(format!("{:?}", keyring()).contains("key_ids"));
    }
}
