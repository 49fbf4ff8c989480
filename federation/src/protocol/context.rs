//! JSON-LD `@context` values.

use serde_json::{Value, json};

/// The context of actor documents: ActivityStreams, security, and the extensions Mastodon
/// reads (`manuallyApprovesFollowers`, `featured`, `discoverable`, `indexable`,
/// `PropertyValue`, `Hashtag`, `Emoji`).
pub fn actor() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        {
            "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
            "Hashtag": "as:Hashtag",
            "toot": "http://joinmastodon.org/ns#",
            "featured": { "@id": "toot:featured", "@type": "@id" },
            "discoverable": "toot:discoverable",
            "indexable": "toot:indexable",
            "alsoKnownAs": { "@id": "as:alsoKnownAs", "@type": "@id" },
            "movedTo": { "@id": "as:movedTo", "@type": "@id" },
            "Emoji": "toot:Emoji",
            "schema": "http://schema.org#",
            "PropertyValue": "schema:PropertyValue",
            "value": "schema:value"
        }
    ])
}

/// The context of notes and activities carrying them, with custom emoji (`Emoji`), the
/// terms of quote posts (FEP-044f, and the older names others read) and of interaction
/// policies (GoToSocial's).
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
            "Emoji": "toot:Emoji",
            "votersCount": "toot:votersCount",
            "focalPoint": { "@container": "@list", "@id": "toot:focalPoint" },
            "quote": { "@id": "https://w3id.org/fep/044f#quote", "@type": "@id" },
            "quoteUri": "http://fedibird.com/ns#quoteUri",
            "_misskey_quote": "https://misskey-hub.net/ns#_misskey_quote",
            "quoteAuthorization": {
                "@id": "https://w3id.org/fep/044f#quoteAuthorization",
                "@type": "@id"
            },
            "gts": "https://gotosocial.org/ns#",
            "interactionPolicy": { "@id": "gts:interactionPolicy", "@type": "@id" },
            "canQuote": { "@id": "gts:canQuote", "@type": "@id" },
            "canReply": { "@id": "gts:canReply", "@type": "@id" },
            "canAnnounce": { "@id": "gts:canAnnounce", "@type": "@id" },
            "automaticApproval": { "@id": "gts:automaticApproval", "@type": "@id" },
            "manualApproval": { "@id": "gts:manualApproval", "@type": "@id" }
        }
    ])
}

/// The context of quote requests and their answers: a note's (a request carries the quote
/// post) and `QuoteRequest`.
pub fn quote_request() -> Value {
    let mut context = note();
    if let Some(terms) = context.get_mut(1).and_then(Value::as_object_mut) {
        terms.insert(
            "QuoteRequest".into(),
            json!("https://w3id.org/fep/044f#QuoteRequest"),
        );
    }
    context
}

/// The context of a quote's stamp (`QuoteAuthorization`) and of its `Delete`.
pub fn quote_authorization() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        {
            "QuoteAuthorization": "https://w3id.org/fep/044f#QuoteAuthorization",
            "gts": "https://gotosocial.org/ns#",
            "interactingObject": { "@id": "gts:interactingObject", "@type": "@id" },
            "interactionTarget": { "@id": "gts:interactionTarget", "@type": "@id" }
        }
    ])
}

/// The context of a custom emoji served at its id.
pub fn emoji() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        {
            "toot": "http://joinmastodon.org/ns#",
            "Emoji": "toot:Emoji"
        }
    ])
}

/// Plain ActivityStreams, for collections.
pub fn activity_streams() -> Value {
    json!("https://www.w3.org/ns/activitystreams")
}
