//! What other servers send and serve, read leniently: fields that may be a string, an
//! object or an array; missing optional fields; any `@context`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

/// One value or an array of them. `Many` is tried first: a `OneOrMany<Value>` must read an
/// array as its items, not as one value that is an array.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        Self::Many(Vec::new())
    }
}

impl<T> OneOrMany<T> {
    pub fn into_vec(self) -> Vec<T> {
        match self {
            Self::One(one) => vec![one],
            Self::Many(many) => many,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        match self {
            Self::One(one) => std::slice::from_ref(one).iter(),
            Self::Many(many) => many.iter(),
        }
    }
}

/// Anything with an id.
#[derive(Debug, Clone, Deserialize)]
pub struct WithId {
    pub id: String,
}

/// A reference that may be written as the id alone or as the whole object.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Reference {
    Id(String),
    Object(WithId),
}

impl Reference {
    pub fn id(&self) -> &str {
        match self {
            Self::Id(id) => id,
            Self::Object(object) => &object.id,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    /// Some servers leave it out of activities that need no reference (GoToSocial's Delete).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub actor: OneOrMany<Reference>,
    #[serde(default)]
    pub object: Option<Value>,
    #[serde(default)]
    pub to: OneOrMany<String>,
    #[serde(default)]
    pub cc: OneOrMany<String>,
    #[serde(default)]
    pub target: Option<Value>,
    #[serde(default)]
    pub published: Option<DateTime<Utc>>,
    /// What a `Flag` says (Lemmy writes it as `summary`).
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    /// A `QuoteRequest`'s quote post.
    #[serde(default)]
    pub instrument: Option<Value>,
    /// What an `Accept` made: a quote's stamp.
    #[serde(default)]
    pub result: Option<Value>,
}

impl Activity {
    /// The (first) actor's id.
    pub fn actor_id(&self) -> Option<&str> {
        self.actor.iter().next().map(Reference::id)
    }

    /// Every object's id, whether written as ids or embedded.
    pub fn object_ids(&self) -> Vec<String> {
        let id = |item: &Value| match item {
            Value::String(id) => Some(id.clone()),
            other => other.get("id").and_then(Value::as_str).map(str::to_owned),
        };
        match &self.object {
            Some(Value::Array(items)) => items.iter().filter_map(id).collect(),
            Some(one) => id(one).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// The object's id, whether it is written as an id or embedded.
    pub fn object_id(&self) -> Option<&str> {
        match self.object.as_ref()? {
            Value::String(id) => Some(id),
            Value::Object(map) => map.get("id").and_then(Value::as_str),
            Value::Array(items) => items.first().and_then(|item| match item {
                Value::String(id) => Some(id.as_str()),
                other => other.get("id").and_then(Value::as_str),
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKey {
    pub id: String,
    pub owner: String,
    pub public_key_pem: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    #[serde(default)]
    pub shared_inbox: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub preferred_username: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    pub inbox: String,
    #[serde(default)]
    pub outbox: Option<String>,
    #[serde(default)]
    pub followers: Option<String>,
    #[serde(default)]
    pub following: Option<String>,
    #[serde(default)]
    pub featured: Option<String>,
    #[serde(default)]
    pub endpoints: Option<Endpoints>,
    #[serde(default)]
    pub public_key: Option<PublicKey>,
    #[serde(default)]
    pub manually_approves_followers: Option<bool>,
    #[serde(default)]
    pub discoverable: Option<bool>,
    #[serde(default)]
    pub indexable: Option<bool>,
    #[serde(default)]
    pub url: Option<Value>,
    #[serde(default)]
    pub icon: Option<Value>,
    #[serde(default)]
    pub image: Option<Value>,
    #[serde(default)]
    pub published: Option<DateTime<Utc>>,
    #[serde(default)]
    pub attachment: OneOrMany<Value>,
    #[serde(default)]
    pub moved_to: Option<String>,
    /// Earlier ids of this actor: a `Move` to it counts only from one of them.
    #[serde(default)]
    pub also_known_as: OneOrMany<String>,
    /// Its custom emoji (`Emoji`), among other tags.
    #[serde(default)]
    pub tag: OneOrMany<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Missing in some samples: then the author is the activity's actor.
    #[serde(default)]
    pub attributed_to: OneOrMany<Reference>,
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub content_map: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub in_reply_to: Option<Reference>,
    #[serde(default)]
    pub to: OneOrMany<String>,
    #[serde(default)]
    pub cc: OneOrMany<String>,
    #[serde(default)]
    pub tag: OneOrMany<Value>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(default)]
    pub published: Option<DateTime<Utc>>,
    #[serde(default)]
    pub updated: Option<DateTime<Utc>>,
    #[serde(default)]
    pub url: Option<Value>,
    #[serde(default)]
    pub attachment: OneOrMany<Value>,
    /// A `Question`'s options when one may be chosen.
    #[serde(default)]
    pub one_of: OneOrMany<Value>,
    /// A `Question`'s options when several may be chosen.
    #[serde(default)]
    pub any_of: OneOrMany<Value>,
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
    /// When a `Question` closed (some servers write `true`).
    #[serde(default)]
    pub closed: Option<Value>,
    #[serde(default)]
    pub voters_count: Option<u64>,
    /// The status a quote post quotes (FEP-044f), and the older names for it.
    #[serde(default)]
    pub quote: Option<Value>,
    #[serde(default)]
    pub quote_uri: Option<Value>,
    #[serde(default)]
    pub quote_url: Option<Value>,
    #[serde(default, rename = "_misskey_quote")]
    pub misskey_quote: Option<Value>,
    /// The stamp by which the quoted author allowed the quote.
    #[serde(default)]
    pub quote_authorization: Option<Value>,
    /// Who may quote, reply to and announce it (GoToSocial's interaction policies).
    #[serde(default)]
    pub interaction_policy: Option<Value>,
}

/// The id a reference names, whether written as the id or as an object with one.
pub fn id_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(id) => Some(id),
        Value::Object(map) => map.get("id").and_then(Value::as_str),
        _ => None,
    }
}

impl Object {
    /// The author: the first `Person` (or the first reference) it is attributed to.
    pub fn author_id(&self) -> Option<&str> {
        self.attributed_to.iter().next().map(Reference::id)
    }

    /// The status it quotes: by FEP-044f's `quote`, else by the older names.
    pub fn quoted_id(&self) -> Option<&str> {
        [
            &self.quote,
            &self.quote_uri,
            &self.misskey_quote,
            &self.quote_url,
        ]
        .into_iter()
        .find_map(|value| value.as_ref().and_then(id_of))
        .filter(|id| id.starts_with("https://") || id.starts_with("http://"))
    }

    /// A vote on a poll, as Mastodon sends it: a Note named for the chosen option, with no
    /// content, in reply to the Question.
    pub fn is_poll_vote(&self) -> bool {
        self.kind == "Note"
            && self.name.is_some()
            && self.content.is_none()
            && self.in_reply_to.is_some()
    }
}

/// Actor types an account can be made from.
pub const ACTOR_TYPES: &[&str] = &["Person", "Service", "Application", "Group", "Organization"];
/// Object types a status can be made from.
pub const OBJECT_TYPES: &[&str] = &["Note", "Article", "Page", "Question", "Video", "Event"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_of_values_is_read_as_its_items() {
        let tags: OneOrMany<Value> = serde_json::from_value(serde_json::json!([
            { "type": "Mention", "href": "https://a.example/users/x" },
            { "type": "Hashtag", "name": "#rust" },
        ]))
        .unwrap();
        let kinds: Vec<_> = tags.iter().map(|t| t["type"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["Mention", "Hashtag"]);
        let one: OneOrMany<Value> =
            serde_json::from_value(serde_json::json!({ "type": "Mention" })).unwrap();
        assert_eq!(one.iter().count(), 1);
        let ids: OneOrMany<String> = serde_json::from_value(serde_json::json!("x")).unwrap();
        assert_eq!(ids.into_vec(), ["x"]);
    }
}
