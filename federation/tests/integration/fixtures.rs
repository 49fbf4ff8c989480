//! Every captured payload parses into Rookery's incoming types.

use std::path::{Path, PathBuf};

use rookery_federation::protocol::incoming::{ACTOR_TYPES, Activity, Actor, OBJECT_TYPES, Object};
use serde_json::Value;

fn fixtures() -> Vec<(PathBuf, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    for server in std::fs::read_dir(&root).unwrap() {
        let server = server.unwrap().path();
        // Signed requests are headers and bodies, read by `captured_signatures`.
        if !server.is_dir() || server.ends_with("signed_requests") {
            continue;
        }
        for file in std::fs::read_dir(&server).unwrap() {
            let path = file.unwrap().path();
            let value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            all.push((path, value));
        }
    }
    all
}

fn kind(value: &Value) -> &str {
    value["type"].as_str().unwrap_or_default()
}

/// Parses a document of any kind; returns what it was read as.
fn parse(value: &Value) -> Result<&'static str, String> {
    let k = kind(value);
    if k == "QuoteAuthorization" {
        // A quote's stamp names its author, the quote post and the status quoted.
        for key in [
            "id",
            "attributedTo",
            "interactingObject",
            "interactionTarget",
        ] {
            value[key]
                .as_str()
                .ok_or_else(|| format!("a stamp without {key}"))?;
        }
        return Ok("stamp");
    }
    if ACTOR_TYPES.contains(&k) {
        let actor: Actor = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
        assert!(!actor.inbox.is_empty());
        return Ok("actor");
    }
    if OBJECT_TYPES.contains(&k) {
        let object: Object = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
        assert!(
            object.content.is_some() || object.name.is_some() || object.content_map.is_some(),
            "{}",
            object.id
        );
        return Ok("object");
    }
    let activity: Activity = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    assert!(activity.actor_id().is_some(), "{:?}", activity.id);
    assert!(activity.object_id().is_some(), "{:?}", activity.id);
    // Objects that are carried whole; a Delete carries only an id or a stub.
    let carries_whole = ["Create", "Update", "Announce", "Undo", "Accept", "Reject"];
    if let Some(embedded) = activity.object.as_ref().filter(|o| o.is_object())
        && carries_whole.contains(&activity.kind.as_str())
    {
        parse(embedded)?;
    }
    Ok("activity")
}

#[test]
fn every_fixture_parses() {
    let all = fixtures();
    assert!(all.len() >= 60, "{} fixtures", all.len());
    let mut failures = Vec::new();
    for (path, value) in &all {
        if let Err(error) = parse(value) {
            failures.push(format!("{}: {error}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_parsed_values_are_the_real_ones() {
    let read = |name: &str| -> Value {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let person: Actor = serde_json::from_value(read("mastodon/person.json")).unwrap();
    assert!(
        person
            .public_key
            .unwrap()
            .public_key_pem
            .contains("BEGIN PUBLIC KEY")
    );
    assert!(person.endpoints.unwrap().shared_inbox.is_some());

    // GoToSocial writes single values without arrays.
    let note: Object = serde_json::from_value(read("gotosocial/note.json")).unwrap();
    assert!(!note.to.into_vec().is_empty());

    // PeerTube attributes videos to a person and a channel, as objects.
    let video: Object = serde_json::from_value(read("peertube/video.json")).unwrap();
    assert!(video.author_id().unwrap().starts_with("http"));

    let create: Activity = serde_json::from_value(read("mastodon/create_note.json")).unwrap();
    let note: Object = serde_json::from_value(create.object.clone().unwrap()).unwrap();
    assert_eq!(note.author_id(), create.actor_id());

    // Quote posts, their requests, stamps and policies, as Mastodon and GoToSocial write them.
    let quote: Object = serde_json::from_value(read("mastodon/note_with_quote.json")).unwrap();
    assert_eq!(
        quote.quoted_id(),
        Some("https://example.com/users/alice/statuses/1")
    );
    assert_eq!(
        quote.quote_authorization.as_ref().and_then(Value::as_str),
        Some("https://example.com/users/alice/stamps/1")
    );
    let request: Activity = serde_json::from_value(read("mastodon/quote_request.json")).unwrap();
    assert_eq!(request.kind, "QuoteRequest");
    let instrument: Object = serde_json::from_value(request.instrument.clone().unwrap()).unwrap();
    assert_eq!(instrument.quoted_id(), request.object_id());
    let accept: Activity =
        serde_json::from_value(read("mastodon/accept_quote_request.json")).unwrap();
    assert_eq!(
        accept.result.as_ref().and_then(Value::as_str),
        Some("https://example.com/users/alice/stamps/1")
    );
    assert_eq!(accept.object.unwrap()["type"], "QuoteRequest");
    let guarded: Object =
        serde_json::from_value(read("gotosocial/note_with_interaction_policy.json")).unwrap();
    assert!(guarded.interaction_policy.unwrap()["canReply"]["approvalRequired"].is_string());

    let undo: Activity = serde_json::from_value(read("mastodon/undo_follow.json")).unwrap();
    let inner: Activity = serde_json::from_value(undo.object.clone().unwrap()).unwrap();
    assert_eq!(inner.kind, "Follow");
    assert_eq!(undo.actor_id(), inner.actor_id());
}
