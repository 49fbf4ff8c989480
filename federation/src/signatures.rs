//! HTTP Signatures (draft-cavage, `rsa-sha256`) as Mastodon signs and checks them, with
//! `Digest: SHA-256=…` over the body.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Duration, Utc};
use http_signature_normalization::Config;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

/// How far a request's `Date` may be from now, either way.
pub const MAX_CLOCK_SKEW: Duration = Duration::hours(1);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the request is not signed")]
    Missing,
    #[error("the signature header is malformed: {0}")]
    Malformed(String),
    #[error("the signature does not cover {0}")]
    Uncovered(&'static str),
    #[error("the Digest header does not match the body")]
    DigestMismatch,
    #[error("the Date header is missing, malformed, or more than an hour away")]
    BadDate,
    #[error("the signature does not verify")]
    Invalid,
    #[error("unusable key: {0}")]
    Key(String),
}

/// `SHA-256=<base64>` of a body.
pub fn digest(body: &[u8]) -> String {
    format!("SHA-256={}", STANDARD.encode(Sha256::digest(body)))
}

/// The date format HTTP uses (`Tue, 15 Nov 1994 08:12:31 GMT`).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn config() -> Config {
    // Mastodon signs `(request-target) host date digest`, with no (created)/(expires).
    Config::new()
        .mastodon_compat()
        .set_expiration(std::time::Duration::from_secs(3600))
}

/// A private key parsed once, to sign many requests.
#[derive(Clone)]
pub struct PrivateKey(SigningKey<Sha256>);

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PrivateKey(..)")
    }
}

impl PrivateKey {
    pub fn from_pem(pem: &str) -> Result<Self, SignatureError> {
        let key =
            RsaPrivateKey::from_pkcs8_pem(pem).map_err(|e| SignatureError::Key(e.to_string()))?;
        Ok(Self(SigningKey::new(key)))
    }
}

/// The headers to send with a signed POST of `body`: Host, Date, Digest, Content-Type and
/// Signature.
pub fn sign_post(
    private_key_pem: &str,
    key_id: &str,
    host: &str,
    path_and_query: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let key = PrivateKey::from_pem(private_key_pem)?;
    sign_post_with(&key, key_id, host, path_and_query, body, now)
}

/// [`sign_post`] with a key parsed before.
pub fn sign_post_with(
    key: &PrivateKey,
    key_id: &str,
    host: &str,
    path_and_query: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let mut headers = BTreeMap::new();
    headers.insert("digest".to_owned(), digest(body));
    headers.insert(
        "content-type".to_owned(),
        "application/activity+json".to_owned(),
    );
    sign("POST", key, key_id, host, path_and_query, headers, now)
}

/// The headers to send with a signed GET: Host, Date and Signature.
pub fn sign_get(
    private_key_pem: &str,
    key_id: &str,
    host: &str,
    path_and_query: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let key = PrivateKey::from_pem(private_key_pem)?;
    sign_get_with(&key, key_id, host, path_and_query, now)
}

/// [`sign_get`] with a key parsed before.
pub fn sign_get_with(
    key: &PrivateKey,
    key_id: &str,
    host: &str,
    path_and_query: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    sign(
        "GET",
        key,
        key_id,
        host,
        path_and_query,
        BTreeMap::new(),
        now,
    )
}

fn sign(
    method: &str,
    key: &PrivateKey,
    key_id: &str,
    host: &str,
    path_and_query: &str,
    mut headers: BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    headers.insert("host".to_owned(), host.to_owned());
    headers.insert("date".to_owned(), http_date(now));
    let mut config = config();
    if headers.contains_key("digest") {
        config = config.require_digest();
    }
    let unsigned = config
        .begin_sign(method, path_and_query, headers.clone())
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    let signed = unsigned.sign(key_id.to_owned(), |signing_string| {
        let signature: Signature = key.0.sign(signing_string.as_bytes());
        Ok::<_, SignatureError>(STANDARD.encode(signature.to_bytes()))
    })?;
    let mut out: Vec<(String, String)> = headers.into_iter().collect();
    out.push(("signature".to_owned(), signed.signature_header()));
    Ok(out)
}

/// A request whose signature is well formed and covers what it must, waiting for its key.
#[derive(Debug)]
pub struct PendingSignature {
    pub key_id: String,
    signature: String,
    signing_string: String,
}

/// Checks everything about a signed request that does not need the key: the Signature
/// header, what it covers, the Digest against the body, and the Date.
pub fn prepare(
    method: &str,
    path_and_query: &str,
    headers: &BTreeMap<String, String>,
    body: Option<&[u8]>,
    now: DateTime<Utc>,
) -> Result<PendingSignature, SignatureError> {
    let headers: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .collect();
    if !headers.contains_key("signature") && !headers.contains_key("authorization") {
        return Err(SignatureError::Missing);
    }
    let date = headers
        .get("date")
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .ok_or(SignatureError::BadDate)?;
    if (now - date.with_timezone(&Utc)).abs() > MAX_CLOCK_SKEW {
        return Err(SignatureError::BadDate);
    }
    if let Some(body) = body {
        let sent = headers
            .get("digest")
            .ok_or(SignatureError::Uncovered("digest"))?;
        // Several digests may be sent, comma separated; the SHA-256 one must match.
        let ours = digest(body);
        let matches = sent.split(',').map(str::trim).any(|d| {
            d.eq_ignore_ascii_case(&ours) || (d.starts_with("sha-256=") && d[8..] == ours[8..])
        });
        if !matches {
            return Err(SignatureError::DigestMismatch);
        }
    }
    let mut config = config();
    if body.is_some() {
        config = config.require_digest();
    }
    let unverified = config
        .begin_verify(method, path_and_query, headers)
        .map_err(|e| SignatureError::Malformed(e.to_string()))?;
    if let Some(algorithm) = unverified.algorithm() {
        let name = algorithm.to_string();
        if name != "rsa-sha256" && name != "hs2019" {
            return Err(SignatureError::Malformed(format!("algorithm {name}")));
        }
    }
    Ok(PendingSignature {
        key_id: unverified.key_id().to_owned(),
        signature: unverified.signature().to_owned(),
        signing_string: unverified.signing_string().to_owned(),
    })
}

/// A sender's public key, parsed once.
#[derive(Debug, Clone)]
pub struct PublicKey(VerifyingKey<Sha256>);

impl PublicKey {
    /// Parses a PEM public key, SPKI or PKCS#1.
    pub fn from_pem(pem: &str) -> Result<Self, SignatureError> {
        let key = RsaPublicKey::from_public_key_pem(pem)
            .or_else(|_| {
                use rsa::pkcs1::DecodeRsaPublicKey;
                RsaPublicKey::from_pkcs1_pem(pem)
            })
            .map_err(|e| SignatureError::Key(e.to_string()))?;
        Ok(Self(VerifyingKey::new(key)))
    }
}

impl PendingSignature {
    /// Verifies with the sender's public key (PEM, SPKI or PKCS#1).
    pub fn verify(&self, public_key_pem: &str) -> Result<(), SignatureError> {
        self.verify_with(&PublicKey::from_pem(public_key_pem)?)
    }

    /// [`Self::verify`] with a key parsed before.
    pub fn verify_with(&self, key: &PublicKey) -> Result<(), SignatureError> {
        let bytes = STANDARD
            .decode(&self.signature)
            .map_err(|_| SignatureError::Invalid)?;
        let signature =
            Signature::try_from(bytes.as_slice()).map_err(|_| SignatureError::Invalid)?;
        key.0
            .verify(self.signing_string.as_bytes(), &signature)
            .map_err(|_| SignatureError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};

    use super::*;

    fn key_pair() -> (String, String) {
        let private = RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
        let public = RsaPublicKey::from(&private);
        (
            private.to_pkcs8_pem(LineEnding::LF).unwrap().to_string(),
            public.to_public_key_pem(LineEnding::LF).unwrap(),
        )
    }

    fn signed(private: &str, body: &[u8], now: DateTime<Utc>) -> BTreeMap<String, String> {
        sign_post(
            private,
            "https://a.example/users/x#main-key",
            "b.example",
            "/inbox",
            body,
            now,
        )
        .unwrap()
        .into_iter()
        .collect()
    }

    #[test]
    fn round_trip_and_tampering() {
        let (private, public) = key_pair();
        let (_, other_public) = key_pair();
        let now = Utc::now();
        let body = br#"{"type":"Follow"}"#;
        let headers = signed(&private, body, now);
        let signature = &headers["signature"];
        assert!(
            signature.contains("headers=\"(request-target) content-type date digest host\""),
            "{signature}"
        );
        let pending = prepare("POST", "/inbox", &headers, Some(body), now).unwrap();
        assert_eq!(pending.key_id, "https://a.example/users/x#main-key");
        pending.verify(&public).unwrap();
        assert_eq!(pending.verify(&other_public), Err(SignatureError::Invalid));

        // Another body: the digest no longer matches.
        let tampered = prepare("POST", "/inbox", &headers, Some(b"{}"), now);
        assert_eq!(tampered.unwrap_err(), SignatureError::DigestMismatch);
        // Another path: the signature no longer verifies.
        let moved = prepare("POST", "/users/y/inbox", &headers, Some(body), now).unwrap();
        assert_eq!(moved.verify(&public), Err(SignatureError::Invalid));
        // A forged digest that matches a new body breaks the signature instead.
        let mut forged = headers.clone();
        forged.insert("digest".into(), digest(b"{}"));
        let forged = prepare("POST", "/inbox", &forged, Some(b"{}"), now).unwrap();
        assert_eq!(forged.verify(&public), Err(SignatureError::Invalid));
    }

    #[test]
    fn dates_missing_headers_and_garbage() {
        let (private, _) = key_pair();
        let now = Utc::now();
        let body = b"{}";
        let old = signed(&private, body, now - Duration::hours(2));
        assert_eq!(
            prepare("POST", "/inbox", &old, Some(body), now).unwrap_err(),
            SignatureError::BadDate
        );
        let future = signed(&private, body, now + Duration::hours(2));
        assert_eq!(
            prepare("POST", "/inbox", &future, Some(body), now).unwrap_err(),
            SignatureError::BadDate
        );
        let mut unsigned = signed(&private, body, now);
        unsigned.remove("signature");
        assert_eq!(
            prepare("POST", "/inbox", &unsigned, Some(body), now).unwrap_err(),
            SignatureError::Missing
        );
        let mut garbage = signed(&private, body, now);
        garbage.insert("signature".into(), "nonsense".into());
        assert!(matches!(
            prepare("POST", "/inbox", &garbage, Some(body), now),
            Err(SignatureError::Malformed(_))
        ));
        let mut no_digest = signed(&private, body, now);
        no_digest.remove("digest");
        assert_eq!(
            prepare("POST", "/inbox", &no_digest, Some(body), now).unwrap_err(),
            SignatureError::Uncovered("digest")
        );
    }
}
