//! How activities' fields are read and written: leniently in (a reference may be an id, an
//! object with one, or a list of them; an id that is no URL is no id), exactly out (ids as
//! strings).

use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::traits::Object;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use url::Url;

use crate::protocol::incoming::{OneOrMany, Reference};

/// The id a reference names: the id itself, an object's `id`, or a list's first.
pub(crate) fn reference_of(value: &Value) -> Option<&str> {
    match value {
        Value::String(id) => Some(id),
        Value::Object(map) => map.get("id").and_then(Value::as_str),
        Value::Array(items) => items.first().and_then(|item| match item {
            Value::String(id) => Some(id.as_str()),
            other => other.get("id").and_then(Value::as_str),
        }),
        _ => None,
    }
}

/// An activity's own `id`: None when missing or no URL.
pub(crate) fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Url>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|id| Url::parse(id).ok()))
}

/// The (first) actor, written as its id or as the actor itself.
pub(crate) fn actor<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Url, D::Error> {
    let actors = OneOrMany::<Reference>::deserialize(deserializer)?;
    let first = actors
        .iter()
        .next()
        .ok_or_else(|| serde::de::Error::custom("no actor"))?;
    Url::parse(first.id()).map_err(serde::de::Error::custom)
}

/// The id of what an activity is about, however it is written; None when it names none.
pub(crate) fn reference<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.as_ref().and_then(reference_of).map(str::to_owned))
}

/// What an activity is about, as a remote reference: None when it names nothing, or
/// nothing that is a URL.
pub(crate) fn object_id<'de, D, T>(deserializer: D) -> Result<Option<ObjectId<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Object + Send + Sync + std::fmt::Debug + 'static,
    for<'a> T::Kind: Deserialize<'a>,
{
    Ok(reference(deserializer)?.and_then(|id| ObjectId::parse(&id).ok()))
}

/// The ids of everything an activity is about (ids or objects, one or a list).
pub(crate) fn references<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    let id = |item: &Value| match item {
        Value::String(id) => Some(id.clone()),
        other => other.get("id").and_then(Value::as_str).map(str::to_owned),
    };
    Ok(match value {
        Some(Value::Array(items)) => items.iter().filter_map(id).collect(),
        Some(one) => id(&one).into_iter().collect(),
        None => Vec::new(),
    })
}

/// Addresses (`to`, `cc`): one or a list.
pub(crate) fn addresses<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    Ok(Option::<OneOrMany<String>>::deserialize(deserializer)?
        .map(OneOrMany::into_vec)
        .unwrap_or_default())
}

/// A `target`: its id, or an object's `id`.
pub(crate) fn target<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(Value::String(id)) => Some(id),
        Some(other) => other["id"].as_str().map(str::to_owned),
        None => None,
    })
}

/// An id as a URL, to be written out (an id this server holds, so a URL).
pub(crate) fn url_of(id: &str) -> Result<Url, serde_json::Error> {
    Url::parse(id).map_err(serde::ser::Error::custom)
}
