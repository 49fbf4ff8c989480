//! draft-cavage HTTP Signatures (`Signature: keyId=…,headers=…,signature=…`), as Mastodon
//! has signed since 2017, with `Digest: SHA-256=…` over the body.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};

use super::{
    Arrival, PendingSignature, PrivateKey, SignatureError, http_date, sha256, within_window,
};

/// Signs `method path_and_query` on `host` over every header given plus Host and Date; the
/// headers to send.
pub(super) fn sign(
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
    let request_target = format!("{} {path_and_query}", method.to_lowercase());
    let mut names = vec!["(request-target)"];
    let mut lines = vec![format!("(request-target): {request_target}")];
    for (name, value) in &headers {
        names.push(name);
        lines.push(format!("{name}: {value}"));
    }
    let signature = STANDARD.encode(key.sign(lines.join("\n").as_bytes())?);
    let header = format!(
        "keyId=\"{key_id}\",algorithm=\"rsa-sha256\",headers=\"{}\",signature=\"{signature}\"",
        names.join(" ")
    );
    let mut out: Vec<(String, String)> = headers.into_iter().collect();
    out.push(("signature".to_owned(), header));
    Ok(out)
}

/// The parameters of a `Signature` header (or of `Authorization: Signature …`).
fn parameters(header: &str) -> Result<BTreeMap<String, String>, SignatureError> {
    let malformed = |what: &str| SignatureError::Malformed(what.to_owned());
    let mut rest = header.trim();
    if let Some(after) = rest.strip_prefix("Signature ") {
        rest = after.trim_start();
    }
    let mut out = BTreeMap::new();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once('=')
            .ok_or_else(|| malformed("a bare word"))?;
        let (value, after) = match after.strip_prefix('"') {
            Some(quoted) => {
                let (value, after) = quoted
                    .split_once('"')
                    .ok_or_else(|| malformed("an unclosed quote"))?;
                (value, after)
            }
            None => after.split_at(after.find(',').unwrap_or(after.len())),
        };
        let name = name.trim();
        if out.insert(name.to_owned(), value.to_owned()).is_some() {
            return Err(malformed(&format!("{name} twice")));
        }
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if after.is_empty() => after,
            None => return Err(malformed("parameters not separated by commas")),
        };
    }
    Ok(out)
}

/// Checks a draft-cavage signature: it must cover `(request-target)`, `host` (read as this
/// instance's domain, whatever Host the client sent), `date` or `(created)` within the
/// window, and with a body `digest`, whose SHA-256 entry must be the body's.
pub(super) fn prepare(
    arrival: &Arrival<'_>,
    headers: &BTreeMap<String, String>,
    body: Option<&[u8]>,
    now: DateTime<Utc>,
) -> Result<PendingSignature, SignatureError> {
    let header = headers
        .get("signature")
        .or_else(|| headers.get("authorization"))
        .ok_or(SignatureError::Missing)?;
    let parameters = parameters(header)?;
    let parameter = |name: &'static str| {
        parameters
            .get(name)
            .ok_or(SignatureError::Malformed(format!("no {name}")))
    };
    let key_id = parameter("keyId")?.clone();
    let signature = STANDARD
        .decode(parameter("signature")?)
        .map_err(|_| SignatureError::Malformed("the signature is not base64".into()))?;
    if let Some(algorithm) = parameters.get("algorithm")
        && algorithm != "rsa-sha256"
        && algorithm != "hs2019"
    {
        return Err(SignatureError::Malformed(format!("algorithm {algorithm}")));
    }
    let covered: Vec<String> = parameter("headers")?
        .split_ascii_whitespace()
        .map(str::to_lowercase)
        .collect();
    let covers = |name: &str| covered.iter().any(|c| c == name);
    for required in ["(request-target)", "host"] {
        if !covers(required) {
            return Err(SignatureError::Uncovered(required));
        }
    }
    if body.is_some() && !covers("digest") {
        return Err(SignatureError::Uncovered("digest"));
    }
    if !covers("date") && !covers("(created)") {
        return Err(SignatureError::Uncovered("date"));
    }
    let timestamp = |name: &'static str| -> Result<DateTime<Utc>, SignatureError> {
        parameter(name)?
            .parse::<i64>()
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .ok_or(SignatureError::BadDate)
    };
    if covers("date") {
        let date = headers
            .get("date")
            .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
            .ok_or(SignatureError::BadDate)?;
        if !within_window(date.with_timezone(&Utc), now) {
            return Err(SignatureError::BadDate);
        }
    }
    if covers("(created)") && !within_window(timestamp("created")?, now) {
        return Err(SignatureError::BadDate);
    }
    if covers("(expires)") && timestamp("expires")? < now {
        return Err(SignatureError::BadDate);
    }
    if let Some(body) = body {
        check_digest(headers.get("digest"), body)?;
    }
    let mut lines = Vec::with_capacity(covered.len());
    for name in &covered {
        let value = match name.as_str() {
            "(request-target)" => format!(
                "{} {}",
                arrival.method.to_lowercase(),
                arrival.path_and_query
            ),
            "(created)" => parameter("created")?.clone(),
            "(expires)" => parameter("expires")?.clone(),
            "host" => arrival.authority.to_owned(),
            other => headers
                .get(other)
                .map(|value| value.trim().to_owned())
                .ok_or_else(|| SignatureError::Malformed(format!("no {other} header")))?,
        };
        lines.push(format!("{name}: {value}"));
    }
    Ok(PendingSignature {
        key_id,
        signature,
        base: lines.join("\n"),
    })
}

/// The `Digest` header's SHA-256 entry must be exactly the body's (in base64); other
/// algorithms' entries are ignored.
fn check_digest(sent: Option<&String>, body: &[u8]) -> Result<(), SignatureError> {
    let sent = sent.ok_or(SignatureError::Uncovered("digest"))?;
    let ours = STANDARD.encode(sha256(body));
    let mut sha256_entries = sent
        .split(',')
        .filter_map(|entry| entry.trim().split_once('='))
        .filter(|(algorithm, _)| algorithm.eq_ignore_ascii_case("sha-256"))
        .peekable();
    if sha256_entries.peek().is_none() {
        return Err(SignatureError::DigestMismatch);
    }
    if sha256_entries.all(|(_, value)| value == ours) {
        Ok(())
    } else {
        Err(SignatureError::DigestMismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::super::digest;
    use super::*;

    #[test]
    fn parameters_are_parsed_strictly() {
        let parsed = parameters(
            r#"keyId="https://a.example/u#k",algorithm="rsa-sha256",headers="(request-target) host",signature="AA==""#,
        )
        .unwrap();
        assert_eq!(parsed["keyId"], "https://a.example/u#k");
        assert_eq!(parsed["headers"], "(request-target) host");
        let authorization = parameters(r#"Signature keyId="k", signature="AA==""#).unwrap();
        assert_eq!(authorization["keyId"], "k");
        for bad in [
            "nonsense",
            r#"keyId="k"signature="x""#,
            r#"keyId="k,signature="x"#,
            r#"keyId="k",keyId="j""#,
        ] {
            assert!(parameters(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn digests_compare_exactly() {
        let body = b"{}";
        let ours = digest(body);
        assert_eq!(check_digest(Some(&ours), body), Ok(()));
        let lower = ours.replacen("SHA-256", "sha-256", 1);
        assert_eq!(check_digest(Some(&lower), body), Ok(()));
        let several = format!("SHA-512=abc, {ours}");
        assert_eq!(check_digest(Some(&several), body), Ok(()));
        let value = ours.trim_start_matches("SHA-256=");
        for bad in [
            format!("SHA-256={}", value.to_lowercase()),
            format!("SHA-256={value}x"),
            format!("SHA-256= {value}"),
            format!("SHA-512={value}"),
            format!("{ours}, SHA-256=AAAA"),
            String::new(),
        ] {
            assert_eq!(
                check_digest(Some(&bad), body),
                Err(SignatureError::DigestMismatch),
                "{bad}"
            );
        }
        assert_eq!(
            check_digest(None, body),
            Err(SignatureError::Uncovered("digest"))
        );
    }
}
