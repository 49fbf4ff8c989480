//! Credentials: hashing and checking passwords, hashing bearer tokens and the single-use
//! tokens mailed links carry, and the shape of a new password or email address.

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use crate::store;
use crate::types::Viewer;
use crate::{DomainError, DomainResult};

const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 1024;
const MAX_EMAIL_CHARS: usize = 254;

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

/// The SHA-256 of a token, in hex: what is kept of it.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A hash checked when there is no user, so that the answer takes as long.
pub(crate) static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
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

pub(crate) async fn verify_password(password: String, hash: String) -> DomainResult<bool> {
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
