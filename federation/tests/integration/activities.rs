//! Every captured activity reads as the activity its `type` names, and every activity
//! read writes out as what it read.

use std::path::Path;

use rookery_federation::activities::AnyActivity;
use rookery_federation::protocol::incoming::{ACTOR_TYPES, OBJECT_TYPES};
use serde_json::Value;

/// The top-level activities among the captured payloads, by file.
fn captured_activities() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    for server in std::fs::read_dir(&root).unwrap() {
        let server = server.unwrap().path();
        if !server.is_dir() || server.ends_with("signed_requests") {
            continue;
        }
        for file in std::fs::read_dir(&server).unwrap() {
            let path = file.unwrap().path();
            let value: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let kind = value["type"].as_str().unwrap_or_default();
            let document = OBJECT_TYPES.contains(&kind) || ACTOR_TYPES.contains(&kind);
            if value.get("actor").is_some() && !document {
                all.push((path.display().to_string(), value));
            }
        }
    }
    all
}

#[test]
fn every_captured_activity_reads_as_its_type() {
    let all = captured_activities();
    assert!(all.len() >= 40, "{} activities", all.len());
    let not_acted_on = ["Dislike", "EmojiReaction", "EmojiReact"];
    for (path, value) in &all {
        let kind = value["type"].as_str().unwrap();
        let read = AnyActivity::parse(value).unwrap_or_else(|e| panic!("{path}: {e}"));
        match read {
            Some(activity) => {
                // Written out, it is read again as the same activity.
                let written = serde_json::to_value(&activity).unwrap();
                assert_eq!(written["type"], kind, "{path}");
                let again = AnyActivity::parse(&written).unwrap().unwrap();
                assert_eq!(serde_json::to_value(&again).unwrap(), written, "{path}");
            }
            None => assert!(not_acted_on.contains(&kind), "{path}: {kind} not read"),
        }
    }
}
