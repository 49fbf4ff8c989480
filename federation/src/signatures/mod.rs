//! HTTP request signatures as the fediverse makes them: draft-cavage (`Signature`, what
//! Mastodon has always sent) and RFC 9421 (`Signature-Input` and `Signature`), both RSA
//! PKCS#1 v1.5 with SHA-256.

mod cavage;
mod keys;
mod rfc9421;
mod structured;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

pub use keys::{PrivateKey, PublicKey};
pub use rfc9421::content_digest;

/// How far a request's `Date` (or `created`) may be from now, either way.
pub const MAX_CLOCK_SKEW: Duration = Duration::hours(1);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignatureError {
    #[error("the request is not signed")]
    Missing,
    #[error("the signature header is malformed: {0}")]
    Malformed(String),
    #[error("the signature does not cover {0}")]
    Uncovered(&'static str),
    #[error("the digest of the body does not match it")]
    DigestMismatch,
    #[error("the signature's date is missing, malformed, or more than an hour away")]
    BadDate,
    #[error("the signature does not verify")]
    Invalid,
    #[error("unusable key: {0}")]
    Key(String),
}

/// The two ways of signing a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// RFC 9421 HTTP Message Signatures.
    Rfc9421,
    /// draft-cavage-http-signatures.
    Cavage,
}

fn sha256(body: &[u8]) -> Vec<u8> {
    Sha256::digest(body).to_vec()
}

/// `SHA-256=<base64>` of a body.
pub fn digest(body: &[u8]) -> String {
    use base64::Engine;
    format!(
        "SHA-256={}",
        base64::engine::general_purpose::STANDARD.encode(sha256(body))
    )
}

/// The date format HTTP uses (`Tue, 15 Nov 1994 08:12:31 GMT`).
pub fn http_date(at: DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn within_window(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    (now - at).abs() <= MAX_CLOCK_SKEW
}

/// What draft-cavage signs of `url`: its authority (the Host header) and its path with
/// its query (the request target).
fn host_and_path(url: &url::Url) -> Result<(String, String), SignatureError> {
    let host = crate::authority(url.as_str())
        .ok_or_else(|| SignatureError::Malformed(format!("no host in {url}")))?;
    let path_and_query = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    Ok((host, path_and_query))
}

/// The headers to send with a signed POST of `body` to `url`, signed as `scheme` says:
/// Content-Type, the body's digest, and the signature's headers (with draft-cavage, also
/// Host and Date).
pub fn sign_post_as(
    scheme: Scheme,
    key: &PrivateKey,
    key_id: &str,
    url: &url::Url,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    match scheme {
        Scheme::Cavage => {
            let (host, path_and_query) = host_and_path(url)?;
            sign_post_with(key, key_id, &host, &path_and_query, body, now)
        }
        Scheme::Rfc9421 => {
            let mut headers = vec![
                (
                    "content-type".to_owned(),
                    "application/activity+json".to_owned(),
                ),
                ("date".to_owned(), http_date(now)),
            ];
            headers.extend(rfc9421::sign_post(key, key_id, url.as_str(), body, now)?);
            Ok(headers)
        }
    }
}

/// The headers to send with a draft-cavage signed POST of `body`: Host, Date, Digest,
/// Content-Type and Signature.
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
    cavage::sign("POST", key, key_id, host, path_and_query, headers, now)
}

/// The headers to send with a GET of `url` signed as `scheme` says: Date and the
/// signature's headers (with draft-cavage, also Host).
pub fn sign_get_as(
    scheme: Scheme,
    key: &PrivateKey,
    key_id: &str,
    url: &url::Url,
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    match scheme {
        Scheme::Cavage => {
            let (host, path_and_query) = host_and_path(url)?;
            sign_get_with(key, key_id, &host, &path_and_query, now)
        }
        Scheme::Rfc9421 => {
            let mut headers = vec![("date".to_owned(), http_date(now))];
            headers.extend(rfc9421::sign_get(key, key_id, url.as_str(), now)?);
            Ok(headers)
        }
    }
}

/// The headers to send with a draft-cavage signed GET: Host, Date and Signature.
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
    cavage::sign(
        "GET",
        key,
        key_id,
        host,
        path_and_query,
        BTreeMap::new(),
        now,
    )
}

/// A request as this instance received it: its method, and its URL as the instance names
/// itself (`https`, `instance.domain`), never as the client's Host header says.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    pub method: &'a str,
    pub scheme: &'a str,
    pub authority: &'a str,
    pub path_and_query: &'a str,
}

/// A request whose signature is well formed and covers what it must, waiting for its key.
#[derive(Debug)]
pub struct PendingSignature {
    pub key_id: String,
    signature: Vec<u8>,
    /// What was signed: the signing string, or signature base.
    base: String,
}

/// Checks everything about a signed request that does not need the key: the signature's
/// headers (RFC 9421 when `Signature-Input` is sent, draft-cavage otherwise), what they
/// cover, the body's digest, and the date.
pub fn prepare(
    arrival: &Arrival<'_>,
    headers: &BTreeMap<String, String>,
    body: Option<&[u8]>,
    now: DateTime<Utc>,
) -> Result<PendingSignature, SignatureError> {
    let headers: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .collect();
    if headers.contains_key("signature-input") {
        rfc9421::prepare(arrival, &headers, body, now)
    } else if headers.contains_key("signature") || headers.contains_key("authorization") {
        cavage::prepare(arrival, &headers, body, now)
    } else {
        Err(SignatureError::Missing)
    }
}

impl PendingSignature {
    /// Verifies with the sender's public key (PEM, SPKI or PKCS#1).
    pub fn verify(&self, public_key_pem: &str) -> Result<(), SignatureError> {
        self.verify_with(&PublicKey::from_pem(public_key_pem)?)
    }

    /// [`Self::verify`] with a key parsed before.
    pub fn verify_with(&self, key: &PublicKey) -> Result<(), SignatureError> {
        key.verify(self.base.as_bytes(), &self.signature)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn key_pair() -> (String, String) {
        rookery_domain::service::accounts::generate_key_pair().unwrap()
    }

    const HOST: &str = "b.example";

    fn arrival<'a>(method: &'a str, path_and_query: &'a str) -> Arrival<'a> {
        Arrival {
            method,
            scheme: "https",
            authority: HOST,
            path_and_query,
        }
    }

    fn signed(private: &str, body: &[u8], now: DateTime<Utc>) -> BTreeMap<String, String> {
        sign_post(
            private,
            "https://a.example/users/x#main-key",
            HOST,
            "/inbox",
            body,
            now,
        )
        .unwrap()
        .into_iter()
        .collect()
    }

    fn signed_9421(private: &str, body: &[u8], now: DateTime<Utc>) -> BTreeMap<String, String> {
        let key = PrivateKey::from_pem(private).unwrap();
        let url = url::Url::parse(&format!("https://{HOST}/inbox")).unwrap();
        sign_post_as(
            Scheme::Rfc9421,
            &key,
            "https://a.example/users/x#main-key",
            &url,
            body,
            now,
        )
        .unwrap()
        .into_iter()
        .collect()
    }

    fn prepare_post(
        headers: &BTreeMap<String, String>,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<PendingSignature, SignatureError> {
        prepare(&arrival("POST", "/inbox"), headers, Some(body), now)
    }

    /// A draft-cavage signature over `lines` (name, value), with `headers` naming them.
    fn cavage_signature(private: &str, lines: &[(&str, String)]) -> String {
        let key = PrivateKey::from_pem(private).unwrap();
        let string: Vec<String> = lines.iter().map(|(n, v)| format!("{n}: {v}")).collect();
        let names: Vec<&str> = lines.iter().map(|(n, _)| *n).collect();
        let signature = key.sign(string.join("\n").as_bytes()).unwrap();
        use base64::Engine;
        format!(
            "keyId=\"https://a.example/users/x#main-key\",algorithm=\"rsa-sha256\",headers=\"{}\",signature=\"{}\"",
            names.join(" "),
            base64::engine::general_purpose::STANDARD.encode(signature)
        )
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
        let pending = prepare_post(&headers, body, now).unwrap();
        assert_eq!(pending.key_id, "https://a.example/users/x#main-key");
        pending.verify(&public).unwrap();
        assert_eq!(pending.verify(&other_public), Err(SignatureError::Invalid));

        // Another body: the digest no longer matches.
        let tampered = prepare_post(&headers, b"{}", now);
        assert_eq!(tampered.unwrap_err(), SignatureError::DigestMismatch);
        // Another path: the signature no longer verifies.
        let moved = prepare(
            &arrival("POST", "/users/y/inbox"),
            &headers,
            Some(body),
            now,
        )
        .unwrap();
        assert_eq!(moved.verify(&public), Err(SignatureError::Invalid));
        // A forged digest that matches a new body breaks the signature instead.
        let mut forged = headers.clone();
        forged.insert("digest".into(), digest(b"{}"));
        let forged = prepare_post(&forged, b"{}", now).unwrap();
        assert_eq!(forged.verify(&public), Err(SignatureError::Invalid));
    }

    #[test]
    fn the_signed_host_is_this_instance_whatever_host_is_sent() {
        let (private, public) = key_pair();
        let now = Utc::now();
        let body = b"{}";
        // Signed for another server, replayed here with a matching Host header.
        let mut replayed: BTreeMap<String, String> = sign_post(
            &private,
            "https://a.example/users/x#main-key",
            "other.example",
            "/inbox",
            body,
            now,
        )
        .unwrap()
        .into_iter()
        .collect();
        assert_eq!(replayed["host"], "other.example");
        let pending = prepare_post(&replayed, body, now).unwrap();
        assert_eq!(pending.verify(&public), Err(SignatureError::Invalid));
        // Signed for this server: a Host header saying otherwise changes nothing.
        replayed = signed(&private, body, now);
        replayed.insert("host".into(), "other.example".into());
        prepare_post(&replayed, body, now)
            .unwrap()
            .verify(&public)
            .unwrap();

        // RFC 9421: the same, through @target-uri.
        let key = PrivateKey::from_pem(&private).unwrap();
        let other = url::Url::parse("https://other.example/inbox").unwrap();
        let replayed: BTreeMap<String, String> =
            sign_post_as(Scheme::Rfc9421, &key, "k", &other, body, now)
                .unwrap()
                .into_iter()
                .collect();
        let pending = prepare_post(&replayed, body, now).unwrap();
        assert_eq!(pending.verify(&public), Err(SignatureError::Invalid));
    }

    #[test]
    fn cavage_signatures_must_cover_target_host_date_and_digest() {
        let (private, public) = key_pair();
        let now = Utc::now();
        let body = b"{}";
        let date = http_date(now);
        let target = "post /inbox".to_owned();
        let mut headers: BTreeMap<String, String> = [
            ("date", date.clone()),
            ("digest", digest(body)),
            ("host", HOST.to_owned()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let cases = [
            (
                vec![
                    ("host", HOST.to_owned()),
                    ("date", date.clone()),
                    ("digest", digest(body)),
                ],
                SignatureError::Uncovered("(request-target)"),
            ),
            (
                vec![
                    ("(request-target)", target.clone()),
                    ("date", date.clone()),
                    ("digest", digest(body)),
                ],
                SignatureError::Uncovered("host"),
            ),
            (
                vec![
                    ("(request-target)", target.clone()),
                    ("host", HOST.to_owned()),
                    ("date", date.clone()),
                ],
                SignatureError::Uncovered("digest"),
            ),
            (
                vec![
                    ("(request-target)", target.clone()),
                    ("host", HOST.to_owned()),
                    ("digest", digest(body)),
                ],
                SignatureError::Uncovered("date"),
            ),
        ];
        for (lines, refusal) in cases {
            headers.insert("signature".into(), cavage_signature(&private, &lines));
            assert_eq!(prepare_post(&headers, body, now).unwrap_err(), refusal);
        }
        // (created) may stand for the date.
        let created = now.timestamp().to_string();
        let lines = [
            ("(request-target)", target.clone()),
            ("host", HOST.to_owned()),
            ("(created)", created.clone()),
            ("digest", digest(body)),
        ];
        let signature = cavage_signature(&private, &lines);
        headers.insert("signature".into(), format!("{signature},created={created}"));
        headers.remove("date");
        prepare_post(&headers, body, now)
            .unwrap()
            .verify(&public)
            .unwrap();
        let late = now + Duration::hours(2);
        assert_eq!(
            prepare_post(&headers, body, late).unwrap_err(),
            SignatureError::BadDate
        );
        // A GET needs no digest.
        let get = sign_get(&private, "k", HOST, "/users/x", now).unwrap();
        let get: BTreeMap<String, String> = get.into_iter().collect();
        prepare(&arrival("GET", "/users/x"), &get, None, now)
            .unwrap()
            .verify(&public)
            .unwrap();
    }

    #[test]
    fn rfc_9421_round_trip_and_refusals() {
        let (private, public) = key_pair();
        let now = Utc::now();
        let body = br#"{"type":"Follow"}"#;
        let headers = signed_9421(&private, body, now);
        let pending = prepare_post(&headers, body, now).unwrap();
        assert_eq!(pending.key_id, "https://a.example/users/x#main-key");
        pending.verify(&public).unwrap();
        assert_eq!(
            prepare_post(&headers, b"{}", now).unwrap_err(),
            SignatureError::DigestMismatch
        );
        let moved = prepare(
            &arrival("POST", "/users/y/inbox"),
            &headers,
            Some(body),
            now,
        )
        .unwrap();
        assert_eq!(moved.verify(&public), Err(SignatureError::Invalid));
        for late in [now + Duration::hours(2), now - Duration::hours(2)] {
            assert_eq!(
                prepare_post(&headers, body, late).unwrap_err(),
                SignatureError::BadDate
            );
        }

        let with_input = |input: &str| {
            let mut changed = headers.clone();
            changed.insert("signature-input".into(), input.into());
            changed
        };
        let created = now.timestamp();
        let cases = [
            (
                format!(r#"sig1=("@target-uri" "content-digest");created={created};keyid="k""#),
                SignatureError::Uncovered("@method"),
            ),
            (
                format!(r#"sig1=("@method" "content-digest");created={created};keyid="k""#),
                SignatureError::Uncovered("@target-uri"),
            ),
            (
                format!(
                    r#"sig1=("@method" "@authority" "content-digest");created={created};keyid="k""#
                ),
                SignatureError::Uncovered("@target-uri"),
            ),
            (
                format!(r#"sig1=("@method" "@target-uri");created={created};keyid="k""#),
                SignatureError::Uncovered("content-digest"),
            ),
            (
                r#"sig1=("@method" "@target-uri" "content-digest");keyid="k""#.to_owned(),
                SignatureError::BadDate,
            ),
            (
                format!(r#"sig1=("@method" "@target-uri" "content-digest");created={created}"#),
                SignatureError::Malformed("no keyid".into()),
            ),
            (
                format!(
                    r#"sig1=("@method" "@target-uri" "content-digest");created={created};keyid="k";alg="ed25519""#
                ),
                SignatureError::Malformed("algorithm \"ed25519\"".into()),
            ),
            (
                format!(
                    r#"sig1=("@method" "@target-uri" "content-digest");created={created};keyid="k";expires={}"#,
                    created - 1
                ),
                SignatureError::BadDate,
            ),
            (
                format!(r#"other=("@method" "@target-uri");created={created};keyid="k""#),
                SignatureError::Malformed("no signature matches Signature-Input".into()),
            ),
        ];
        for (input, refusal) in cases {
            assert_eq!(
                prepare_post(&with_input(&input), body, now).unwrap_err(),
                refusal,
                "{input}"
            );
        }
        // @authority and @path may stand for @target-uri.
        let input = format!(
            r#"sig1=("@method" "@authority" "@path" "content-digest");created={created};keyid="k""#
        );
        assert!(prepare_post(&with_input(&input), body, now).is_ok());
        let mut garbage = headers.clone();
        garbage.insert("signature".into(), "nonsense".into());
        assert!(matches!(
            prepare_post(&garbage, body, now),
            Err(SignatureError::Malformed(_))
        ));
    }

    #[test]
    fn dates_missing_headers_and_garbage() {
        let (private, _) = key_pair();
        let now = Utc::now();
        let body = b"{}";
        let old = signed(&private, body, now - Duration::hours(2));
        assert_eq!(
            prepare_post(&old, body, now).unwrap_err(),
            SignatureError::BadDate
        );
        let future = signed(&private, body, now + Duration::hours(2));
        assert_eq!(
            prepare_post(&future, body, now).unwrap_err(),
            SignatureError::BadDate
        );
        let mut unsigned = signed(&private, body, now);
        unsigned.remove("signature");
        assert_eq!(
            prepare_post(&unsigned, body, now).unwrap_err(),
            SignatureError::Missing
        );
        let mut garbage = signed(&private, body, now);
        garbage.insert("signature".into(), "nonsense".into());
        assert!(matches!(
            prepare_post(&garbage, body, now),
            Err(SignatureError::Malformed(_))
        ));
        let mut no_digest = signed(&private, body, now);
        no_digest.remove("digest");
        assert_eq!(
            prepare_post(&no_digest, body, now).unwrap_err(),
            SignatureError::Uncovered("digest")
        );
    }

    #[test]
    fn keys_parse_in_the_forms_servers_send() {
        let (private, public) = key_pair();
        let now = Utc::now();
        let headers = signed(&private, b"{}", now);
        let pending = prepare_post(&headers, b"{}", now).unwrap();
        // The same key as PKCS#1 (`RSA PUBLIC KEY`), as some servers publish theirs.
        let spki = public_der(&public);
        // An SPKI of RSA-2048 is 24 bytes of header around the PKCS#1 key.
        let pkcs1 = &spki[24..];
        let pkcs1_pem = pem("RSA PUBLIC KEY", pkcs1);
        pending.verify(&pkcs1_pem).unwrap();
        for bad in [
            "",
            "garbage",
            "-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----",
        ] {
            assert!(matches!(
                PublicKey::from_pem(bad),
                Err(SignatureError::Key(_))
            ));
            assert!(matches!(
                PrivateKey::from_pem(bad),
                Err(SignatureError::Key(_))
            ));
        }
    }

    fn public_der(pem: &str) -> Vec<u8> {
        use base64::Engine;
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap()
    }

    fn pem(label: &str, der: &[u8]) -> String {
        use base64::Engine;
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            base64::engine::general_purpose::STANDARD.encode(der)
        )
    }
}
