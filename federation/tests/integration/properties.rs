//! Properties of what federation reads from other servers: incoming activities, objects and
//! actors from any JSON or bytes, the addressing the inbox reads, and handles.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::select;
use rookery_domain::types::{Instance, RegistrationMode, Visibility};
use rookery_federation::discovery::username_of;
use rookery_federation::inbox::{remote_actor, remote_emojis, visibility_of};
use rookery_federation::protocol::context;
use rookery_federation::protocol::incoming::{Activity, Actor, Object};
use rookery_federation::resolve::split_handle;
use serde_json::{Map, Value};

const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// Keys and strings incoming documents hold.
const WORDS: &[&str] = &[
    "id",
    "type",
    "actor",
    "object",
    "to",
    "cc",
    "published",
    "content",
    "summary",
    "attributedTo",
    "inReplyTo",
    "tag",
    "attachment",
    "url",
    "href",
    "mediaType",
    "name",
    "quote",
    "quoteUri",
    "_misskey_quote",
    "oneOf",
    "anyOf",
    "closed",
    "publicKey",
    "owner",
    "publicKeyPem",
    "inbox",
    "endpoints",
    "sharedInbox",
    "preferredUsername",
    "icon",
    "alsoKnownAs",
    "PropertyValue",
    "value",
    "Create",
    "Note",
    "Person",
    "Question",
    "Emoji",
    ":blobcat:",
    "updated",
    PUBLIC,
    "as:Public",
    "https://a.example/users/x",
    "https://a.example/users/x/followers",
    "javascript:x",
    "2021-11-05T11:46:50Z",
    "",
    "é🦀",
];

/// Any JSON value, its strings and keys mostly drawn from what documents hold.
fn json() -> impl Strategy<Value = Value> {
    let word = || prop_oneof![3 => select(WORDS).prop_map(str::to_owned), 1 => ".{0,8}"];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Every fixture, read once.
static FIXTURES: LazyLock<Vec<Value>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut all = Vec::new();
    for server in std::fs::read_dir(root).unwrap() {
        let server = server.unwrap().path();
        // Signed requests are headers and bodies, not payloads.
        if server.is_dir() && !server.ends_with("signed_requests") {
            for file in std::fs::read_dir(server).unwrap() {
                let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
                all.push(serde_json::from_str(&text).unwrap());
            }
        }
    }
    all.sort_by_key(Value::to_string);
    all
});

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Replaces the `target`-th node (depth first) of `value` with `with`.
fn replace_node(value: &mut Value, target: usize, seen: &mut usize, with: &Value) -> bool {
    if *seen == target {
        *value = with.clone();
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|item| replace_node(item, target, seen, with)),
        Value::Object(map) => map
            .values_mut()
            .any(|item| replace_node(item, target, seen, with)),
        _ => false,
    }
}

/// Reads `value` as everything an inbox may read it as; none of it may panic.
fn read_everything(value: &Value) {
    if let Ok(activity) = serde_json::from_value::<Activity>(value.clone()) {
        activity.actor_id();
        let ids = activity.object_ids();
        if let Some(id) = activity.object_id() {
            assert_eq!(ids.first().map(String::as_str), Some(id));
        }
        visibility_of(&activity.to.into_vec(), &activity.cc.into_vec(), None);
    }
    for object in [value, &value["object"]] {
        if let Ok(object) = serde_json::from_value::<Object>(object.clone()) {
            assert!(remote_emojis(&object.tag).len() <= 4 * 50);
            object.author_id();
            object.is_poll_vote();
            if let Some(quoted) = object.quoted_id() {
                assert!(quoted.starts_with("https://") || quoted.starts_with("http://"));
            }
        }
    }
    if let Ok(actor) = serde_json::from_value::<Actor>(value.clone())
        && let Ok(remote) = {
            assert!(remote_emojis(&actor.tag).len() <= 4 * 50);
            remote_actor(actor)
        }
    {
        assert_eq!(
            rookery_federation::authority(&remote.actor_id).as_deref(),
            Some(remote.domain.as_str())
        );
    }
}

fn instance() -> Instance {
    Instance {
        domain: "local.example".into(),
        base_url: "https://local.example/".parse().unwrap(),
        name: "Local".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 500,
        max_media_attachments: 4,
        require_email_confirmation: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_json_is_read_or_refused(value in json()) {
        read_everything(&value);
    }

    #[test]
    fn fixtures_with_any_node_replaced_are_read_or_refused(
        which in any::<prop::sample::Index>(),
        node in any::<prop::sample::Index>(),
        with in json(),
    ) {
        let mut value = which.get(&FIXTURES).clone();
        let count = count_nodes(&value);
        replace_node(&mut value, node.index(count), &mut 0, &with);
        read_everything(&value);
    }

    #[test]
    fn any_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<Activity>(&bytes);
        let _ = serde_json::from_slice::<Object>(&bytes);
        if let Ok(actor) = serde_json::from_slice::<Actor>(&bytes) {
            let _ = remote_actor(actor);
        }
    }

    #[test]
    fn visibility_follows_the_public_address(
        to in prop::collection::vec(select(vec![PUBLIC, "as:Public", "Public", "https://a.example/users/x/followers", "https://b.example/users/y", ""]), 0..4),
        cc in prop::collection::vec(select(vec![PUBLIC, "as:Public", "https://a.example/users/x/followers", "https://b.example/users/y"]), 0..4),
    ) {
        let to: Vec<String> = to.into_iter().map(str::to_owned).collect();
        let cc: Vec<String> = cc.into_iter().map(str::to_owned).collect();
        let public = |list: &[String]| list.iter().any(|a| [PUBLIC, "as:Public", "Public"].contains(&a.as_str()));
        let expected = if public(&to) {
            Visibility::Public
        } else if public(&cc) {
            Visibility::Unlisted
        } else if to.iter().chain(&cc).any(|a| a.ends_with("/followers")) {
            Visibility::Followers
        } else {
            Visibility::Direct
        };
        prop_assert_eq!(visibility_of(&to, &cc, None), expected);
    }

    #[test]
    fn handles_split_into_parts_that_split_back(
        handle in prop_oneof![
            "@?[a-zA-Z0-9_.ü-]{0,12}@[a-z0-9.:-]{0,16}",
            ".{0,24}",
            prop::collection::vec(select(vec!["@", "a", "ü", ".", ":", "/", " ", "x.example", "＠"]), 0..10).prop_map(|p| p.concat()),
        ],
    ) {
        if let Some((user, domain)) = split_handle(&handle) {
            prop_assert!(!user.is_empty() && !domain.is_empty());
            prop_assert!(!user.contains('@') && !domain.contains('@'));
            let again = format!("@{user}@{domain}");
            prop_assert_eq!(split_handle(&again), Some((user, domain)));
        }
    }

    #[test]
    fn webfinger_resources_name_a_nonempty_local_username(
        resource in prop_oneof![
            (select(vec!["acct:", "acct:@", "https://local.example/users/", "https://local.example/@", "https://local.example", ""]),
             "[a-z@/.]{0,10}",
             select(vec!["@local.example", "@LOCAL.example", "@other.example", "", "/x"]))
                .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
            ".{0,24}",
        ],
    ) {
        if let Ok(user) = username_of(&instance(), &resource) {
            prop_assert!(!user.is_empty(), "{resource:?}");
        }
    }
}

/// What `term` means in `context` (an array of IRIs and term maps, or one of them): its
/// full IRI, through one compact IRI prefix (`toot:Emoji`) as JSON-LD expands it; None
/// when no term map of the context defines it.
fn expand_term(context: &Value, term: &str) -> Option<String> {
    let maps: Vec<&Map<String, Value>> = match context {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(map) => vec![map],
        _ => Vec::new(),
    };
    let definition = maps.iter().rev().find_map(|map| map.get(term))?;
    let iri = match definition {
        Value::String(iri) => iri.as_str(),
        Value::Object(map) => map.get("@id")?.as_str()?,
        _ => return None,
    };
    match iri.split_once(':') {
        Some((prefix, rest)) if !rest.starts_with("//") => {
            let base = maps
                .iter()
                .rev()
                .find_map(|map| map.get(prefix))?
                .as_str()?;
            Some(format!("{base}{rest}"))
        }
        _ => Some(iri.to_owned()),
    }
}

#[test]
fn contexts_define_the_terms_their_documents_use() {
    const TOOT: &str = "http://joinmastodon.org/ns#";
    for (name, served) in [
        ("actor", context::actor()),
        ("note", context::note()),
        ("emoji", context::emoji()),
    ] {
        assert_eq!(
            expand_term(&served, "Emoji").as_deref(),
            Some(format!("{TOOT}Emoji").as_str()),
            "the {name} context"
        );
    }
    let note = context::note();
    assert_eq!(
        expand_term(&note, "blurhash").as_deref(),
        Some(format!("{TOOT}blurhash").as_str())
    );
    assert_eq!(
        expand_term(&context::actor(), "featured").as_deref(),
        Some(format!("{TOOT}featured").as_str())
    );
    assert_eq!(expand_term(&note, "nothing"), None);
}
