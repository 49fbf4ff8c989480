//! RSA keys as accounts keep them (PKCS#8 and SPKI PEM), signing and verifying with aws-lc.

use std::sync::Arc;

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::KeyPair;
use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::SignatureError;

/// The DER bytes of the first PEM block, and its label (`PRIVATE KEY`, `PUBLIC KEY`, …).
fn pem_der(pem: &str) -> Result<(&str, Vec<u8>), SignatureError> {
    let malformed = || SignatureError::Key("not a PEM key".into());
    let start = pem.find("-----BEGIN ").ok_or_else(malformed)?;
    let rest = &pem[start + "-----BEGIN ".len()..];
    let label_end = rest.find("-----").ok_or_else(malformed)?;
    let label = &rest[..label_end];
    let body = &rest[label_end + "-----".len()..];
    let end = body.find("-----END ").ok_or_else(malformed)?;
    let base64: String = body[..end]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let der = STANDARD.decode(base64).map_err(|_| malformed())?;
    Ok((label, der))
}

/// A private key parsed once, to sign many requests.
#[derive(Clone)]
pub struct PrivateKey(Arc<KeyPair>);

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(..)")
    }
}

impl PrivateKey {
    /// Parses a PEM private key, PKCS#8 (as Rookery stores them) or PKCS#1.
    pub fn from_pem(pem: &str) -> Result<Self, SignatureError> {
        let (label, der) = pem_der(pem)?;
        let key = match label {
            "RSA PRIVATE KEY" => KeyPair::from_der(&der),
            _ => KeyPair::from_pkcs8(&der),
        }
        .map_err(|e| SignatureError::Key(e.to_string()))?;
        Ok(Self(Arc::new(key)))
    }

    /// The RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignatureError> {
        let mut signature = vec![0; self.0.public_modulus_len()];
        self.0
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|e| SignatureError::Key(e.to_string()))?;
        Ok(signature)
    }
}

/// A sender's public key, parsed once.
#[derive(Clone)]
pub struct PublicKey(ParsedPublicKey);

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PublicKey(..)")
    }
}

impl PublicKey {
    /// Parses a PEM public key of 2048 to 8192 bits, SPKI or PKCS#1.
    pub fn from_pem(pem: &str) -> Result<Self, SignatureError> {
        let (_, der) = pem_der(pem)?;
        let key = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|e| SignatureError::Key(e.to_string()))?;
        Ok(Self(key))
    }

    /// Whether `signature` is this key's RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        self.0
            .verify_sig(message, signature)
            .map_err(|_| SignatureError::Invalid)
    }
}
