//! RFC 9421 HTTP Message Signatures (`Signature-Input` and `Signature`) with
//! `rsa-v1_5-sha256`, and RFC 9530 `Content-Digest` over the body.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};

use super::structured::{self, Bare, Item, Member, Parameters};
use super::{Arrival, PendingSignature, PrivateKey, SignatureError, sha256, within_window};

/// The only algorithm accepted, named as `alg` names it.
const ALGORITHM: &str = "rsa-v1_5-sha256";

/// The label Rookery signs under.
const LABEL: &str = "sig1";

/// What a POST covers: the method, the whole URL, and the body through its digest.
const POST_COMPONENTS: [&str; 3] = ["@method", "@target-uri", "content-digest"];

/// `sha-256=:<base64>:` of a body.
pub fn content_digest(body: &[u8]) -> String {
    format!("sha-256=:{}:", STANDARD.encode(sha256(body)))
}

/// Signs a POST of `body` to `target_uri`; the headers to send: Content-Digest,
/// Signature-Input and Signature.
pub(super) fn sign_post(
    key: &PrivateKey,
    key_id: &str,
    target_uri: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let digest = content_digest(body);
    let covered = [
        ("@method", "POST".to_owned()),
        ("@target-uri", target_uri.to_owned()),
        ("content-digest", digest.clone()),
    ];
    debug_assert!(covered.iter().map(|(name, _)| *name).eq(POST_COMPONENTS));
    let mut headers = vec![("content-digest".to_owned(), digest)];
    headers.extend(signed(key, key_id, &covered, now)?);
    Ok(headers)
}

/// Signs a GET of `target_uri` (its method and target URI); the headers to send:
/// Signature-Input and Signature.
pub(super) fn sign_get(
    key: &PrivateKey,
    key_id: &str,
    target_uri: &str,
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let covered = [
        ("@method", "GET".to_owned()),
        ("@target-uri", target_uri.to_owned()),
    ];
    signed(key, key_id, &covered, now)
}

/// Signature-Input and Signature for the `covered` components, in order, with their
/// values.
fn signed(
    key: &PrivateKey,
    key_id: &str,
    covered: &[(&str, String)],
    now: DateTime<Utc>,
) -> Result<Vec<(String, String)>, SignatureError> {
    let components: Vec<Item> = covered
        .iter()
        .map(|(name, _)| Item {
            bare: Bare::String((*name).to_owned()),
            parameters: Vec::new(),
        })
        .collect();
    let parameters: Parameters = vec![
        ("created".into(), Bare::Integer(now.timestamp())),
        ("keyid".into(), Bare::String(key_id.to_owned())),
        ("alg".into(), Bare::String(ALGORITHM.to_owned())),
    ];
    let signature_params = structured::serialize_inner_list(&components, &parameters);
    let values = covered
        .iter()
        .map(|(name, value)| ((*name).to_owned(), value.clone()));
    let base = signature_base(values, &signature_params);
    let signature = key.sign(base.as_bytes())?;
    Ok(vec![
        (
            "signature-input".into(),
            format!("{LABEL}={signature_params}"),
        ),
        (
            "signature".into(),
            format!("{LABEL}=:{}:", STANDARD.encode(signature)),
        ),
    ])
}

/// The signature base (RFC 9421 section 2.5): a line `"name": value` for each covered
/// component, then the `@signature-params` line, without a final newline.
fn signature_base(
    components: impl IntoIterator<Item = (String, String)>,
    signature_params: &str,
) -> String {
    let mut base = String::new();
    for (name, value) in components {
        base.push_str(&format!("\"{name}\": {value}\n"));
    }
    base.push_str(&format!("\"@signature-params\": {signature_params}"));
    base
}

/// The first signature of `Signature-Input` that `Signature` carries: its label, covered
/// components and parameters.
fn chosen(
    headers: &BTreeMap<String, String>,
) -> Result<(Vec<Item>, Parameters, Vec<u8>), SignatureError> {
    let malformed = |what: String| SignatureError::Malformed(what);
    let input = headers
        .get("signature-input")
        .ok_or(SignatureError::Missing)?;
    let signatures = headers.get("signature").ok_or(SignatureError::Missing)?;
    let inputs = structured::parse_dictionary(input)
        .map_err(|e| malformed(format!("Signature-Input: {e}")))?;
    let signatures = structured::parse_dictionary(signatures)
        .map_err(|e| malformed(format!("Signature: {e}")))?;
    for (label, member) in inputs {
        let Member::InnerList(components, parameters) = member else {
            continue;
        };
        let signature = signatures.iter().find_map(|(l, m)| match m {
            Member::Item(Item {
                bare: Bare::Bytes(bytes),
                ..
            }) if *l == label => Some(bytes.clone()),
            _ => None,
        });
        if let Some(signature) = signature {
            return Ok((components, parameters, signature));
        }
    }
    Err(malformed("no signature matches Signature-Input".into()))
}

/// Checks an RFC 9421 signature: it must cover `@method` and `@target-uri` (or
/// `@authority` and `@path`), which are read as this instance names the request's URL,
/// carry `created` within the window and a `keyid`, and with a body cover
/// `content-digest`, whose `sha-256` entry must be the body's.
pub(super) fn prepare(
    arrival: &Arrival<'_>,
    headers: &BTreeMap<String, String>,
    body: Option<&[u8]>,
    now: DateTime<Utc>,
) -> Result<PendingSignature, SignatureError> {
    let (components, parameters, signature) = chosen(headers)?;
    let parameter = |name: &str| parameters.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let key_id = match parameter("keyid") {
        Some(Bare::String(key_id)) => key_id.clone(),
        _ => return Err(SignatureError::Malformed("no keyid".into())),
    };
    match parameter("alg") {
        None => {}
        Some(Bare::String(alg)) if alg == ALGORITHM => {}
        Some(other) => {
            return Err(SignatureError::Malformed(format!(
                "algorithm {}",
                structured::serialize_bare(other)
            )));
        }
    }
    let timestamp = |name: &str| match parameter(name) {
        Some(Bare::Integer(seconds)) => DateTime::from_timestamp(*seconds, 0),
        _ => None,
    };
    let created = timestamp("created").ok_or(SignatureError::BadDate)?;
    if !within_window(created, now) {
        return Err(SignatureError::BadDate);
    }
    if parameter("expires").is_some() && timestamp("expires").is_none_or(|at| at < now) {
        return Err(SignatureError::BadDate);
    }
    let mut names: Vec<&str> = Vec::with_capacity(components.len());
    for component in &components {
        match &component.bare {
            Bare::String(name) if component.parameters.is_empty() => {
                if names.contains(&name.as_str()) {
                    return Err(SignatureError::Malformed(format!("{name} twice")));
                }
                names.push(name);
            }
            _ => {
                return Err(SignatureError::Malformed(
                    "component parameters are not supported".into(),
                ));
            }
        }
    }
    let covers = |name: &str| names.contains(&name);
    if !covers("@method") {
        return Err(SignatureError::Uncovered("@method"));
    }
    let names_url = covers("@target-uri") || (covers("@authority") && covers("@path"));
    if !names_url {
        return Err(SignatureError::Uncovered("@target-uri"));
    }
    if let Some(body) = body {
        if !covers("content-digest") {
            return Err(SignatureError::Uncovered("content-digest"));
        }
        check_content_digest(headers.get("content-digest"), body)?;
    }
    let (path, query) = arrival
        .path_and_query
        .split_once('?')
        .unwrap_or((arrival.path_and_query, ""));
    let mut values = Vec::with_capacity(names.len());
    for name in &names {
        let value = match *name {
            "@method" => arrival.method.to_owned(),
            "@target-uri" => format!(
                "{}://{}{}",
                arrival.scheme, arrival.authority, arrival.path_and_query
            ),
            "@authority" | "host" => arrival.authority.to_lowercase(),
            "@scheme" => arrival.scheme.to_owned(),
            "@request-target" => arrival.path_and_query.to_owned(),
            "@path" => path.to_owned(),
            "@query" => format!("?{query}"),
            derived if derived.starts_with('@') => {
                return Err(SignatureError::Malformed(format!(
                    "component {derived} is not supported"
                )));
            }
            field => headers
                .get(field)
                .map(|value| value.trim().to_owned())
                .ok_or_else(|| SignatureError::Malformed(format!("no {field} header")))?,
        };
        values.push(((*name).to_owned(), value));
    }
    let signature_params = structured::serialize_inner_list(&components, &parameters);
    Ok(PendingSignature {
        key_id,
        signature,
        base: signature_base(values, &signature_params),
    })
}

/// The `Content-Digest` header's `sha-256` entry must be the body's digest.
fn check_content_digest(sent: Option<&String>, body: &[u8]) -> Result<(), SignatureError> {
    let sent = sent.ok_or(SignatureError::Uncovered("content-digest"))?;
    let entries = structured::parse_dictionary(sent).map_err(|_| SignatureError::DigestMismatch)?;
    let matches = entries.iter().any(|(algorithm, member)| {
        algorithm == "sha-256"
            && matches!(member, Member::Item(Item { bare: Bare::Bytes(bytes), .. })
                if *bytes == sha256(body))
    });
    if matches {
        Ok(())
    } else {
        Err(SignatureError::DigestMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request of RFC 9421 appendix B.2, as it arrived at example.com.
    fn rfc_request() -> (Arrival<'static>, BTreeMap<String, String>) {
        let arrival = Arrival {
            method: "POST",
            scheme: "https",
            authority: "example.com",
            path_and_query: "/foo?param=Value&Pet=dog",
        };
        let headers = [
            ("host", "example.com"),
            ("date", "Tue, 20 Apr 2021 02:07:55 GMT"),
            ("content-type", "application/json"),
            (
                "content-digest",
                "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
            ),
            ("content-length", "18"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        (arrival, headers)
    }

    /// RFC 9421 B.2.6 (its signature is Ed25519; its signature base is what is compared).
    #[test]
    fn the_signature_base_of_rfc_9421_b_2_6() {
        let (arrival, mut headers) = rfc_request();
        headers.insert(
            "signature-input".into(),
            r#"sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519""#.into(),
        );
        headers.insert("signature".into(), "sig-b26=:AAAA:".into());
        let created = DateTime::from_timestamp(1_618_884_473, 0).unwrap();
        // Without a body: B.2.6 does not cover the digest.
        let pending = prepare(&arrival, &headers, None, created).unwrap();
        assert_eq!(pending.key_id, "test-key-ed25519");
        assert_eq!(
            pending.base,
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\
             \"@method\": POST\n\
             \"@path\": /foo\n\
             \"@authority\": example.com\n\
             \"content-type\": application/json\n\
             \"content-length\": 18\n\
             \"@signature-params\": (\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\""
        );
        // With one, the digest must be covered.
        assert_eq!(
            prepare(&arrival, &headers, Some(br#"{"hello": "world"}"#), created).unwrap_err(),
            SignatureError::Uncovered("content-digest")
        );
    }

    /// RFC 9421 B.2.3's components, and the section 2.2 derived components: the base is
    /// the one the RFC prints for B.2.3 (unwrapped per RFC 8792), line for line.
    #[test]
    fn derived_components_of_rfc_9421_b_2_3() {
        let (arrival, mut headers) = rfc_request();
        headers.insert(
            "signature-input".into(),
            r#"sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss""#.into(),
        );
        headers.insert("signature".into(), "sig-b23=:AAAA:".into());
        let created = DateTime::from_timestamp(1_618_884_473, 0).unwrap();
        let pending = prepare(&arrival, &headers, None, created).unwrap();
        assert_eq!(
            pending.base,
            "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\
             \"@method\": POST\n\
             \"@path\": /foo\n\
             \"@query\": ?param=Value&Pet=dog\n\
             \"@authority\": example.com\n\
             \"content-type\": application/json\n\
             \"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n\
             \"content-length\": 18\n\
             \"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\""
        );
        // The body is checked against the sha-256 entry, which this request lacks.
        assert_eq!(
            prepare(&arrival, &headers, Some(br#"{"hello": "world"}"#), created).unwrap_err(),
            SignatureError::DigestMismatch
        );
    }

    /// What Rookery signs, in the form section 2.5 shows.
    #[test]
    fn a_signed_post_has_the_base_of_section_2_5() {
        let (private, _) = super::super::tests::key_pair();
        let key = PrivateKey::from_pem(&private).unwrap();
        let now = DateTime::from_timestamp(1_618_884_473, 0).unwrap();
        let body = br#"{"hello": "world"}"#;
        let headers: BTreeMap<String, String> = sign_post(
            &key,
            "https://a.example/users/x#main-key",
            "https://example.com/foo?param=Value&Pet=dog",
            body,
            now,
        )
        .unwrap()
        .into_iter()
        .collect();
        assert_eq!(
            headers["content-digest"],
            "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"
        );
        assert_eq!(
            headers["signature-input"],
            r#"sig1=("@method" "@target-uri" "content-digest");created=1618884473;keyid="https://a.example/users/x#main-key";alg="rsa-v1_5-sha256""#
        );
        let (arrival, _) = rfc_request();
        let pending = prepare(&arrival, &headers, Some(body), now).unwrap();
        assert_eq!(
            pending.base,
            "\"@method\": POST\n\
             \"@target-uri\": https://example.com/foo?param=Value&Pet=dog\n\
             \"content-digest\": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n\
             \"@signature-params\": (\"@method\" \"@target-uri\" \"content-digest\");created=1618884473;keyid=\"https://a.example/users/x#main-key\";alg=\"rsa-v1_5-sha256\""
        );
    }
}
