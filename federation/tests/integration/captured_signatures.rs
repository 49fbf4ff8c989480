//! Signed requests made by other servers (`tests/fixtures/signed_requests`: Mastodon,
//! GoToSocial, Misskey) verify with Rookery's verifier as received at the moment they were
//! signed, on the host they were sent to; changed in any signed part, they do not.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use rookery_federation::signatures::{Arrival, SignatureError, prepare};
use serde_json::Value;

/// One signed request as its server sent it, and the sender's public key.
#[derive(Clone, Debug)]
struct Captured {
    name: String,
    method: String,
    url: url::Url,
    received_at: DateTime<Utc>,
    headers: BTreeMap<String, String>,
    body: Option<Vec<u8>>,
    key_id: String,
    public_key_pem: String,
}

fn captured() -> Vec<Captured> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/signed_requests");
    let mut all = Vec::new();
    for file in std::fs::read_dir(root).unwrap() {
        let path = file.unwrap().path();
        let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = |key: &str| value[key].as_str().unwrap().to_owned();
        all.push(Captured {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            method: text("method"),
            url: url::Url::parse(&text("url")).unwrap(),
            received_at: text("received_at").parse().unwrap(),
            headers: value["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                .collect(),
            body: value["body"].as_str().map(|b| b.as_bytes().to_vec()),
            key_id: text("key_id"),
            public_key_pem: text("public_key_pem"),
        });
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

/// Verifies `request` as Rookery's inbox does, on the host it was sent to; the key id.
fn verify(request: &Captured) -> Result<String, SignatureError> {
    let authority = match request.url.port() {
        Some(port) => format!("{}:{port}", request.url.host_str().unwrap()),
        None => request.url.host_str().unwrap().to_owned(),
    };
    let path_and_query = match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    };
    let arrival = Arrival {
        method: &request.method,
        scheme: request.url.scheme(),
        authority: &authority,
        path_and_query: &path_and_query,
    };
    let pending = prepare(
        &arrival,
        &request.headers,
        request.body.as_deref(),
        request.received_at,
    )?;
    pending.verify(&request.public_key_pem)?;
    Ok(pending.key_id)
}

/// The headers a draft-cavage `Signature` covers, as it lists them.
fn covered(request: &Captured) -> Vec<String> {
    let signature = &request.headers["Signature"];
    let list = signature
        .split(',')
        .find_map(|part| part.trim().strip_prefix("headers=\""))
        .unwrap()
        .trim_end_matches('"');
    list.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn requests_signed_by_mastodon_gotosocial_and_misskey_verify() {
    let all = captured();
    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    for server in ["mastodon", "gotosocial", "misskey"] {
        assert!(
            names.contains(&format!("{server}_post").as_str()),
            "no signed POST from {server}: {names:?}"
        );
    }
    for request in &all {
        assert_eq!(
            verify(request).as_deref(),
            Ok(request.key_id.as_str()),
            "{}",
            request.name
        );
    }
}

#[test]
fn captured_requests_changed_in_any_signed_part_do_not_verify() {
    let all = captured();
    for request in &all {
        let another_key = all
            .iter()
            .find(|c| c.public_key_pem != request.public_key_pem)
            .unwrap()
            .public_key_pem
            .clone();
        let mut tampered: Vec<(String, Captured)> = Vec::new();
        let mut changed = |what: &str, change: &dyn Fn(&mut Captured)| {
            let mut copy = request.clone();
            change(&mut copy);
            tampered.push((what.to_owned(), copy));
        };
        if request.body.is_some() {
            changed("a changed body", &|c| {
                c.body.as_mut().unwrap().extend_from_slice(b" ");
            });
            changed("a changed body with its digest", &|c| {
                let body = br#"{"type":"Delete","object":"https://victim.example/users/x"}"#;
                c.body = Some(body.to_vec());
                let digest = rookery_federation::signatures::digest(body);
                c.headers.insert("Digest".into(), digest);
            });
        }
        changed("a changed Date", &|c| {
            let date: DateTime<Utc> = DateTime::parse_from_rfc2822(&c.headers["Date"])
                .unwrap()
                .into();
            let later = date + Duration::seconds(1);
            c.headers.insert(
                "Date".into(),
                later.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
            );
        });
        // The host is read as this instance names itself, never from the Host header:
        // "another host" below changes it.
        for header in covered(request) {
            if header.starts_with('(') || header == "host" {
                continue;
            }
            changed(&format!("{header} dropped"), &|c| {
                c.headers
                    .retain(|name, _| !name.eq_ignore_ascii_case(&header));
            });
        }
        changed("the Signature dropped", &|c| {
            c.headers.remove("Signature");
        });
        changed("another path", &|c| {
            c.url.set_path("/users/someone_else/inbox")
        });
        changed("another host", &|c| {
            c.url.set_host(Some("elsewhere.example")).unwrap();
        });
        changed("another method", &|c| {
            c.method = if c.method == "GET" { "POST" } else { "GET" }.into();
            c.body = if c.body.is_some() {
                None
            } else {
                Some(Vec::new())
            };
        });
        changed("received two hours later", &|c| {
            c.received_at += Duration::hours(2);
        });
        changed("another key", &|c| {
            c.public_key_pem.clone_from(&another_key)
        });
        for (what, copy) in tampered {
            assert!(
                verify(&copy).is_err(),
                "{} with {what} verified",
                request.name
            );
        }
    }
}
