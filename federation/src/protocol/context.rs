//! JSON-LD `@context` values.

use serde_json::{Value, json};

/// The context of actor documents: ActivityStreams, security, and the extensions Mastodon
/// reads (`manuallyApprovesFollowers`, `featured`, `discoverable`, `indexable`,
/// `PropertyValue`).
pub fn actor() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        {
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "toot": "http://joinmastodon.org/ns#",
            "featured": { "@id": "toot:featured", "@type": "@id" },
            "discoverable": "toot:discoverable",
            "indexable": "toot:indexable",
            "schema": "http://schema.org#",
            "PropertyValue": "schema:PropertyValue",
            "value": "schema:value"
        }
    ])
}

/// The context of notes and activities carrying them.
pub fn note() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        {
            "sensitive": "as:sensitive",
            "Hashtag": "as:Hashtag",
            "toot": "http://joinmastodon.org/ns#",
            "ostatus": "http://ostatus.org#",
            "conversation": "ostatus:conversation",
            "blurhash": "toot:blurhash",
            "votersCount": "toot:votersCount",
            "focalPoint": { "@container": "@list", "@id": "toot:focalPoint" }
        }
    ])
}

/// Plain ActivityStreams, for collections.
pub fn activity_streams() -> Value {
    json!("https://www.w3.org/ns/activitystreams")
}
