//! The signature checks before any key is fetched, on generated header values: refused with
//! an error, never a panic, and a POST only with a Digest of its body.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use rookery_federation::signatures::{Arrival, digest, prepare};

const BODY: &[u8] = br#"{"type":"Follow","actor":"https://a.example/users/x"}"#;
const DATE: &str = "Sun, 06 Dec 2026 09:00:00 GMT";

/// Pieces of a Signature header, to be put together in any order.
const PIECES: &[&str] = &[
    "keyId=\"https://a.example/users/x#main-key\"",
    "keyId=\"\"",
    "keyId=",
    "algorithm=\"rsa-sha256\"",
    "algorithm=\"hs2019\"",
    "algorithm=\"hmac-sha256\"",
    "headers=\"(request-target) host date digest\"",
    "headers=\"(request-target) host date\"",
    "headers=\"\"",
    "headers=\"(created) (expires)\"",
    "created=1",
    "expires=99999999999999999999",
    "signature=\"c2lnbmF0dXJl\"",
    "signature=\"\"",
    ",",
    "\"",
    "=",
    " ",
    "Signature ",
    "\u{0}",
    "é",
];

/// A Signature header with each of its four fields well formed or not.
fn well_formed() -> impl Strategy<Value = String> {
    (
        select(vec![
            "\"https://a.example/users/x#main-key\"",
            "\"\"",
            "\"é\"",
            "x",
        ]),
        select(vec![
            "\"rsa-sha256\"",
            "\"hs2019\"",
            "\"hmac-sha256\"",
            "\"\"",
        ]),
        select(vec![
            "\"(request-target) host date digest\"",
            "\"(request-target) host date\"",
            "\"date\"",
            "\"(created) (expires) digest\"",
            "\"\"",
        ]),
        select(vec!["\"c2lnbmF0dXJl\"", "\"\"", "\"!!\""]),
    )
        .prop_map(|(k, a, h, s)| format!("keyId={k},algorithm={a},headers={h},signature={s}"))
}

fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => well_formed(),
        3 => prop::collection::vec(select(PIECES), 0..10).prop_map(|p| p.concat()),
        1 => ".{0,40}",
    ]
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(DATE.to_owned()),
        Just("Tue, 31 Dec 9999 23:59:59 +9999".to_owned()),
        Just("Mon, 01 Jan 1900 00:00:00 -0000".to_owned()),
        ".{0,32}",
    ]
}

fn digest_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(digest(BODY)),
        Just(digest(BODY).to_lowercase()),
        Just(format!("sha-512=x, {}", digest(BODY))),
        Just("SHA-256=".to_owned()),
        Just("sha-256=é".to_owned()),
        ".{0,40}",
    ]
}

/// A request that came to `local.example`, the instance's own domain.
fn arrival<'a>(method: &'a str, path_and_query: &'a str) -> Arrival<'a> {
    Arrival {
        method,
        scheme: "https",
        authority: "local.example",
        path_and_query,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_signature_headers_are_checked_or_refused(
        signature in header_value(),
        authorization in prop::option::of(header_value()),
        date in date(),
        sent_digest in prop::option::of(digest_value()),
        host in prop::option::of(select(vec!["local.example", "", "é"])),
        body_is_ours in any::<bool>(),
    ) {
        let mut headers = BTreeMap::new();
        headers.insert("Signature".to_owned(), signature);
        if let Some(authorization) = authorization {
            headers.insert("authorization".to_owned(), authorization);
        }
        headers.insert("date".to_owned(), date);
        if let Some(sent) = &sent_digest {
            headers.insert("Digest".to_owned(), sent.clone());
        }
        if let Some(host) = host {
            headers.insert("host".to_owned(), host.to_owned());
        }
        let now = Utc.with_ymd_and_hms(2026, 12, 6, 9, 30, 0).unwrap();
        let body: &[u8] = if body_is_ours { BODY } else { b"{}" };
        let _ = prepare(&arrival("GET", "/users/x?page=1"), &headers, None, now);
        if prepare(&arrival("POST", "/inbox"), &headers, Some(body), now).is_ok() {
            let ours = digest(body).to_lowercase();
            let sent = sent_digest.unwrap_or_default().to_lowercase();
            prop_assert!(sent.split(',').any(|d| d.trim() == ours), "{sent:?} accepted for {ours}");
        }
    }
}
