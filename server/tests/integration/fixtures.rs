//! Every payload captured from another server (`federation/tests/fixtures`) is applied as
//! that server would deliver it: activities by signed inbox POSTs, objects and actors by
//! `resolveObject`, each with the effect it has on Mastodon.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use poem::listener::{Acceptor, Listener, TcpListener};
use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::{Account, Audience, Quote, QuoteState, Status};
use rookery_federation::protocol::incoming::{ACTOR_TYPES, OBJECT_TYPES};
use rookery_federation::signatures;
use rookery_server::graphql::ids;
use serde_json::{Value, json};

use super::support::{TestServer, serve_full};

/// Hosts of vocabularies and plain links: left as they are.
const VOCABULARIES: [&str; 9] = [
    "www.w3.org",
    "w3id.org",
    "schema.org",
    "ostatus.org",
    "joinmastodon.org",
    "misskey-hub.net",
    "joinpeertube.org",
    "join-lemmy.org",
    "purl.org",
];

/// What an activity does here.
#[derive(Clone, Copy, Debug)]
enum Effect {
    /// Its object is stored as a status.
    Stored,
    /// Its object, stored before, is edited.
    Edited,
    /// Its object, stored before, becomes a tombstone.
    Tombstoned,
    /// The actor's statuses become tombstones.
    ActorRemoved,
    /// The actor follows the local account it is aimed at.
    Followed,
    /// The actor, following before, stops.
    Unfollowed,
    /// The local account's request to follow the actor is accepted.
    Accepted,
    /// The local status it is aimed at gets a favourite.
    Liked,
    /// The actor boosts the status.
    Boosted,
    /// The actor blocks the local account (and then undoes it).
    Blocked,
    /// A report is filed with the moderators.
    Reported,
    /// The actor is recorded as moved.
    Moved,
    /// The actor's profile changes.
    ProfileUpdated,
    /// The actor pins its status (and nothing is pinned when aimed at another collection).
    Pinned,
    /// The actor, having pinned its status, unpins it.
    Unpinned,
    /// The actor asks to quote the local status (its quote post carried along): allowed by
    /// the status's policy, stamped, and its author told.
    QuoteAccepted,
    /// The actor allows the local account's quote of its status, with a stamp.
    QuoteAuthorized,
    /// Refused with this status code.
    Refused(u16),
    /// Accepted and changes nothing (votes on polls, reactions, dislikes, boosts of
    /// activities, accepts of boosts).
    Ignored,
}

/// Every activity among the fixtures, in the order applied (actors' deletions last).
const EXPECTED: &[(&str, Effect)] = &[
    ("gotosocial/accept_announce.json", Effect::Ignored),
    ("gotosocial/announce.json", Effect::Boosted),
    ("gotosocial/create_note.json", Effect::Stored),
    ("gotosocial/create_note_iri_only.json", Effect::Stored),
    ("gotosocial/create_poll_vote.json", Effect::Ignored),
    ("gotosocial/delete_note.json", Effect::Tombstoned),
    ("gotosocial/delete_note_direct.json", Effect::Tombstoned),
    ("gotosocial/flag.json", Effect::Reported),
    ("gotosocial/move.json", Effect::Moved),
    ("lemmy/accept_follow.json", Effect::Accepted),
    ("lemmy/announce.json", Effect::Ignored),
    ("lemmy/block.json", Effect::Blocked),
    ("lemmy/create_note.json", Effect::Stored),
    ("lemmy/create_page.json", Effect::Stored),
    // Edited before it is deleted.
    ("lemmy/update_page.json", Effect::Edited),
    ("lemmy/delete_page.json", Effect::Tombstoned),
    ("lemmy/dislike.json", Effect::Ignored),
    ("lemmy/flag.json", Effect::Reported),
    ("lemmy/follow.json", Effect::Followed),
    ("lemmy/like.json", Effect::Liked),
    ("lemmy/undo_follow.json", Effect::Unfollowed),
    // Only the community itself may update it, not one of its moderators.
    ("lemmy/update_group.json", Effect::Refused(403)),
    ("mastodon/accept_follow.json", Effect::Accepted),
    (
        "mastodon/accept_quote_request.json",
        Effect::QuoteAuthorized,
    ),
    ("mastodon/add_featured.json", Effect::Pinned),
    ("mastodon/remove_featured.json", Effect::Unpinned),
    ("mastodon/announce.json", Effect::Boosted),
    // A boost of a followers-only status is not kept (only public and unlisted statuses
    // are boosted here); the status it carries is.
    ("mastodon/announce_private.json", Effect::Stored),
    ("mastodon/block.json", Effect::Blocked),
    ("mastodon/create_note.json", Effect::Stored),
    ("mastodon/create_poll_vote.json", Effect::Ignored),
    ("mastodon/create_question.json", Effect::Stored),
    ("mastodon/delete_note.json", Effect::Tombstoned),
    ("mastodon/flag.json", Effect::Reported),
    ("mastodon/follow.json", Effect::Followed),
    ("mastodon/like.json", Effect::Liked),
    ("mastodon/move.json", Effect::Moved),
    ("mastodon/quote_request.json", Effect::QuoteAccepted),
    ("mastodon/undo_follow.json", Effect::Unfollowed),
    ("mastodon/update_note.json", Effect::Edited),
    ("mastodon/update_person.json", Effect::ProfileUpdated),
    ("misskey/create_note.json", Effect::Stored),
    // Its id is on another server than its actor: anyone could have made it up.
    ("misskey/like.json", Effect::Refused(401)),
    ("misskey/like_custom_emoji_reaction.json", Effect::Liked),
    ("peertube/announce.json", Effect::Boosted),
    ("pleroma/create_note.json", Effect::Stored),
    ("pleroma/delete_note.json", Effect::Tombstoned),
    ("pleroma/emoji_react.json", Effect::Ignored),
    ("pleroma/follow.json", Effect::Followed),
    ("lemmy/delete_actor.json", Effect::ActorRemoved),
    ("mastodon/delete_actor.json", Effect::ActorRemoved),
];

/// The fixtures, by name (`server/file.json`), as text.
fn fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../federation/tests/fixtures");
    let mut all = Vec::new();
    for server in std::fs::read_dir(&root).unwrap() {
        let server = server.unwrap().path();
        // Signed requests are headers and bodies, not payloads to apply.
        if !server.is_dir() || server.ends_with("signed_requests") {
            continue;
        }
        for file in std::fs::read_dir(&server).unwrap() {
            let path = file.unwrap().path();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            all.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    all.sort();
    all
}

/// Calls `each(scheme_start, host)` for every `http(s)://host` in `text`, in order, with
/// the byte range of the scheme and host; returns the text's length.
fn urls(text: &str, mut each: impl FnMut(std::ops::Range<usize>, &str)) {
    let mut from = 0;
    while let Some(found) = text[from..].find("://") {
        let at = from + found;
        let scheme = ["https", "http"]
            .into_iter()
            .find(|s| text[..at].ends_with(s));
        let host_start = at + 3;
        let host_len = text[host_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':')))
            .unwrap_or(text.len() - host_start);
        if let Some(scheme) = scheme {
            each(
                at - scheme.len()..host_start + host_len,
                &text[host_start..host_start + host_len],
            );
        }
        from = host_start + host_len;
    }
}

/// Loopback servers standing in for the fixtures' hosts, one each: they serve the
/// documents put up for them and take any POST.
struct Web {
    bases: HashMap<String, String>,
    documents: Arc<Mutex<HashMap<String, Value>>>,
    public_key_pem: String,
}

impl Web {
    async fn start(hosts: BTreeSet<String>, public_key_pem: String) -> Self {
        let documents: Arc<Mutex<HashMap<String, Value>>> = Arc::default();
        let mut bases = HashMap::new();
        for host in hosts {
            let acceptor = TcpListener::bind("127.0.0.1:0")
                .into_acceptor()
                .await
                .unwrap();
            let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
            let base = format!("http://{addr}");
            let (served, prefix) = (documents.clone(), base.clone());
            let endpoint = poem::endpoint::make_sync(move |request: poem::Request| {
                if request.method() == poem::http::Method::POST {
                    return poem::Response::builder()
                        .status(poem::http::StatusCode::ACCEPTED)
                        .finish();
                }
                let url = format!("{prefix}{}", request.uri());
                match served.lock().unwrap().get(&url) {
                    Some(document) => poem::Response::builder()
                        .content_type("application/activity+json")
                        .body(document.to_string()),
                    None => poem::Response::builder()
                        .status(poem::http::StatusCode::NOT_FOUND)
                        .finish(),
                }
            });
            tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(endpoint));
            bases.insert(host, base);
        }
        Self {
            bases,
            documents,
            public_key_pem,
        }
    }

    /// `text` with every fixture host replaced by the loopback server standing in for it.
    fn rewrite(&self, text: &str) -> Value {
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        urls(text, |range, host| {
            if let Some(base) = self.bases.get(host) {
                out.push_str(&text[copied..range.start]);
                out.push_str(base);
                copied = range.end;
            }
        });
        out.push_str(&text[copied..]);
        serde_json::from_str(&out).unwrap()
    }

    /// Serves `document` at its id, unless something is served there already. Objects
    /// whose id has a fragment (votes) live inside another document and are not served.
    fn put(&self, document: Value) {
        if !is_actor(&document) && document["id"].as_str().is_some_and(|id| id.contains('#')) {
            return;
        }
        let url = served_at(document["id"].as_str().unwrap());
        let document = self.keyed(document);
        self.documents
            .lock()
            .unwrap()
            .entry(url)
            .or_insert(document);
    }

    /// Serves `document` at its id, in place of what was served there.
    fn replace(&self, document: Value) {
        let url = served_at(document["id"].as_str().unwrap());
        let document = self.keyed(document);
        self.documents.lock().unwrap().insert(url, document);
    }

    /// An actor document with the test key (the fixtures' servers kept theirs); other
    /// documents as they are.
    fn keyed(&self, mut document: Value) -> Value {
        if is_actor(&document) {
            let id = document["id"].as_str().unwrap().to_owned();
            document["publicKey"] = json!({
                "id": format!("{id}#main-key"),
                "owner": id,
                "publicKeyPem": self.public_key_pem,
            });
        }
        document
    }

    /// Serves a plain Person at `id` unless something is served there.
    fn put_person(&self, id: &str) {
        self.put(person(id, Vec::new()));
    }
}

fn person(id: &str, also_known_as: Vec<&str>) -> Value {
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": id,
        "type": "Person",
        "preferredUsername": id
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('/'))
            .and_then(|(_, path)| path.rsplit('/').find(|s| !s.is_empty()))
            .unwrap_or("instance"),
        "inbox": format!("{id}/inbox"),
        "alsoKnownAs": also_known_as,
    })
}

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap()
}

/// Where a document with id `id` is served: its URL without the fragment, with the path
/// `/` when it has none.
fn served_at(id: &str) -> String {
    let url = without_fragment(id);
    let has_path = url
        .split_once("://")
        .is_some_and(|(_, rest)| rest.contains('/'));
    if has_path {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

fn kind(value: &Value) -> &str {
    value["type"].as_str().unwrap_or_default()
}

fn is_actor(value: &Value) -> bool {
    ACTOR_TYPES.contains(&kind(value))
}

fn is_object(value: &Value) -> bool {
    OBJECT_TYPES.contains(&kind(value))
}

/// A quote's stamp: served at its id, neither resolved nor delivered.
fn is_stamp(value: &Value) -> bool {
    kind(value) == "QuoteAuthorization"
}

/// The id of a reference written as an id or as an object.
fn id_of(value: &Value) -> Option<&str> {
    value.as_str().or_else(|| value["id"].as_str())
}

/// The actors an object names as its authors.
fn authors(object: &Value) -> Vec<String> {
    match &object["attributedTo"] {
        Value::Array(many) => many.iter().filter_map(id_of).map(str::to_owned).collect(),
        one => id_of(one).map(str::to_owned).into_iter().collect(),
    }
}

/// The local server, its user `alice` with a public status, and the key the stand-in
/// servers sign with.
struct Local {
    server: TestServer,
    alice: Account,
    alice_token: String,
    status: Status,
    private_key: String,
}

impl Local {
    async fn start(test: TestDb) -> (Self, String) {
        let db = test.db.clone();
        let server = serve_full(test, db, 1000, false).await;
        let (alice_token, _) = server.register("alice").await;
        server.register("keyholder").await;
        let db = &server.db.db;
        let keyholder = accounts::local_by_username(db, "keyholder").await.unwrap();
        let private_key = store::accounts::private_key(db, keyholder.id)
            .await
            .unwrap()
            .unwrap();
        let alice = accounts::local_by_username(db, "alice").await.unwrap();
        let posted = server
            .ok(
                Some(&alice_token),
                r#"mutation { createStatus(input: {text: "a status to aim at", visibility: PUBLIC})
                    { status { uri } } }"#,
                json!({}),
            )
            .await;
        let uri = posted["createStatus"]["status"]["uri"].as_str().unwrap();
        let status = store::statuses::by_ap_id(db, uri).await.unwrap().unwrap();
        let local = Self {
            server,
            alice,
            alice_token,
            status,
            private_key,
        };
        (local, keyholder.public_key_pem)
    }

    /// POSTs `activity` to the shared inbox, signed by its actor; returns the status code.
    async fn deliver(&self, activity: &Value) -> u16 {
        let actor = id_of(&activity["actor"]).unwrap();
        let key_id = format!("{actor}#main-key");
        let body = serde_json::to_vec(activity).unwrap();
        let host = &self.server.instance.domain;
        let headers = signatures::sign_post(
            &self.private_key,
            &key_id,
            host,
            "/inbox",
            &body,
            Utc::now(),
        )
        .unwrap();
        let mut request = self
            .server
            .client
            .post(format!("{}/inbox", self.server.base));
        for (name, value) in headers {
            if name != "host" {
                request = request.header(name, value);
            }
        }
        request.body(body).send().await.unwrap().status().as_u16()
    }

    async fn accepted(&self, name: &str, activity: &Value) {
        assert_eq!(self.deliver(activity).await, 202, "{name}: {activity:#}");
    }

    async fn account(&self, actor_id: &str) -> Account {
        store::accounts::by_actor_id(&self.server.db.db, actor_id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{actor_id} is not stored"))
    }

    async fn status(&self, ap_id: &str) -> Option<Status> {
        store::statuses::by_ap_id(&self.server.db.db, ap_id)
            .await
            .unwrap()
    }

    async fn quote(&self, post: &Status) -> Quote {
        store::quotes::by_status(&self.server.db.db, post.id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{} quotes nothing", post.ap_id))
    }

    async fn follows(&self, follower: &Account, followee: &Account) -> bool {
        store::follows::find(&self.server.db.db, follower.id, followee.id)
            .await
            .unwrap()
            .is_some()
    }

    async fn favourites(&self) -> u64 {
        let counts = store::favourites::counts(&self.server.db.db, &[self.status.id])
            .await
            .unwrap();
        counts.get(&self.status.id).copied().unwrap_or(0)
    }

    /// Has `actor` store a note by `create`, so that something is there to act on.
    async fn create_note(&self, name: &str, actor: &str, note: Value) {
        let create = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/before", without_fragment(note["id"].as_str().unwrap())),
            "type": "Create",
            "actor": actor,
            "object": note,
        });
        self.accepted(name, &create).await;
    }

    async fn resolve(&self, url: &str) -> Value {
        self.server
            .gql(
                Some(&self.alice_token),
                "query($url: String!) { resolveObject(url: $url) {
                    __typename ... on Account { id displayName } ... on Status { id content } } }",
                json!({ "url": url }),
            )
            .await
    }
}

/// Applies one activity fixture and checks its effect.
async fn apply(local: &Local, web: &Web, name: &str, mut activity: Value, effect: Effect) {
    let actor = id_of(&activity["actor"]).unwrap().to_owned();
    let object_id = id_of(&activity["object"]).map(str::to_owned);
    let alice_actor = local.alice.actor_id.clone();
    let aimed_at = local.status.ap_id.clone();
    match effect {
        Effect::Stored => {
            local.accepted(name, &activity).await;
            let stored = local.status(&object_id.unwrap()).await;
            assert!(stored.is_some_and(|s| s.deleted_at.is_none()), "{name}");
        }
        Effect::Edited => {
            let mut before = activity["object"].clone();
            before["content"] = json!("<p>before</p>");
            before.as_object_mut().unwrap().remove("contentMap");
            before.as_object_mut().unwrap().remove("updated");
            local.create_note(name, &actor, before).await;
            local.accepted(name, &activity).await;
            let edited = local.status(&object_id.unwrap()).await.unwrap();
            assert!(edited.edited_at.is_some(), "{name}");
            assert_ne!(edited.content_html, "<p>before</p>", "{name}");
        }
        Effect::Tombstoned => {
            let note_id = object_id.unwrap();
            let note = json!({
                "id": note_id,
                "type": "Note",
                "attributedTo": actor,
                "content": "<p>soon gone</p>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            });
            local.create_note(name, &actor, note).await;
            assert!(local.status(&note_id).await.is_some(), "{name}");
            local.accepted(name, &activity).await;
            let gone = local.status(&note_id).await.unwrap();
            assert!(gone.deleted_at.is_some(), "{name}");
        }
        Effect::ActorRemoved => {
            let note_id = format!("{actor}/statuses/last-words");
            let note = json!({
                "id": note_id,
                "type": "Note",
                "attributedTo": actor,
                "content": "<p>last words</p>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            });
            local.create_note(name, &actor, note).await;
            // Lemmy's captured Deletes of a post and of an actor share one id; the second
            // would be taken for a copy of the first.
            let id = format!("{}-actor", activity["id"].as_str().unwrap());
            activity["id"] = json!(id);
            local.accepted(name, &activity).await;
            let gone = local.status(&note_id).await.unwrap();
            assert!(gone.deleted_at.is_some(), "{name}");
        }
        Effect::Followed => {
            activity["object"] = json!(alice_actor);
            local.accepted(name, &activity).await;
            let follower = local.account(&actor).await;
            assert!(local.follows(&follower, &local.alice).await, "{name}");
        }
        Effect::Unfollowed => {
            let mut follow = activity["object"].clone();
            follow["object"] = json!(alice_actor);
            follow["@context"] = json!("https://www.w3.org/ns/activitystreams");
            local.accepted(name, &follow).await;
            let follower = local.account(&actor).await;
            assert!(local.follows(&follower, &local.alice).await, "{name}");
            activity["object"] = follow;
            local.accepted(name, &activity).await;
            assert!(!local.follows(&follower, &local.alice).await, "{name}");
        }
        Effect::Accepted => {
            let followee_id = local.resolve(&actor).await["data"]["resolveObject"]["id"].clone();
            local
                .server
                .ok(
                    Some(&local.alice_token),
                    "mutation($id: ID!) { follow(input: { accountId: $id }) { account { id } } }",
                    json!({ "id": followee_id }),
                )
                .await;
            let followee = local.account(&actor).await;
            assert!(!local.follows(&local.alice, &followee).await, "{name}");
            activity["object"]["actor"] = json!(alice_actor);
            activity["object"]["object"] = json!(actor);
            local.accepted(name, &activity).await;
            assert!(local.follows(&local.alice, &followee).await, "{name}");
        }
        Effect::Liked => {
            activity["object"] = json!(aimed_at);
            let before = local.favourites().await;
            local.accepted(name, &activity).await;
            assert_eq!(local.favourites().await, before + 1, "{name}");
        }
        Effect::Boosted => {
            if activity["object"].is_string() {
                activity["object"] = json!(aimed_at);
            }
            local.accepted(name, &activity).await;
            let booster = local.account(&actor).await;
            let target = id_of(&activity["object"]).unwrap();
            let original = local.status(target).await.unwrap();
            let boost = store::statuses::reblog_by(&local.server.db.db, booster.id, original.id)
                .await
                .unwrap();
            assert!(boost.is_some(), "{name}");
        }
        Effect::Blocked => {
            activity["object"] = json!(alice_actor);
            local.accepted(name, &activity).await;
            let blocker = local.account(&actor).await;
            let blocked_by = |blocker: Account| async move {
                let (_, by) =
                    store::blocks::between(&local.server.db.db, local.alice.id, &[blocker.id])
                        .await
                        .unwrap();
                by.contains(&blocker.id)
            };
            assert!(blocked_by(blocker.clone()).await, "{name}");
            let undo = json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("{}/undo", without_fragment(activity["id"].as_str().unwrap())),
                "type": "Undo",
                "actor": actor,
                "object": activity,
            });
            local.accepted(name, &undo).await;
            assert!(!blocked_by(blocker).await, "{name}");
        }
        Effect::Reported => {
            activity["object"] = json!([alice_actor, aimed_at]);
            local.accepted(name, &activity).await;
            let report =
                store::reports::by_ap_id(&local.server.db.db, activity["id"].as_str().unwrap())
                    .await
                    .unwrap()
                    .unwrap();
            assert_eq!(report.target, local.alice.id, "{name}");
        }
        Effect::Moved => {
            let target = id_of(&activity["target"]).unwrap().to_owned();
            web.replace(person(&target, vec![&actor]));
            local.resolve(&actor).await;
            let before = local.account(&actor).await;
            let db = &local.server.db.db;
            store::follows::insert(db, local.alice.id, before.id, None)
                .await
                .unwrap();
            local.accepted(name, &activity).await;
            let moved_to = local.account(&target).await;
            assert_eq!(
                local.account(&actor).await.moved_to,
                Some(moved_to.id),
                "{name}"
            );
            // Alice, who followed the old account, now asks to follow the new one.
            assert!(!local.follows(&local.alice, &before).await, "{name}");
            let asked = store::follow_requests::find(db, local.alice.id, moved_to.id)
                .await
                .unwrap();
            assert!(asked.is_some(), "{name}: alice follows the new account");
        }
        Effect::ProfileUpdated => {
            local.accepted(name, &activity).await;
            let updated = local.account(&actor).await;
            let name_given = activity["object"]["name"].as_str().unwrap();
            assert_eq!(updated.display_name, name_given, "{name}");
        }
        Effect::Pinned | Effect::Unpinned => {
            let note_id = object_id.unwrap();
            web.replace(json!({
                "id": note_id,
                "type": "Note",
                "attributedTo": actor,
                "content": "<p>pinned</p>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            }));
            let pinned = || async {
                let Some(status) = local.status(&note_id).await else {
                    return false;
                };
                let pins = store::pins::pinned_among(&local.server.db.db, &[status.id])
                    .await
                    .unwrap();
                pins.contains(&status.id)
            };
            let unpinning = matches!(effect, Effect::Unpinned);
            if unpinning {
                let mut add = activity.clone();
                add["type"] = json!("Add");
                local.accepted(name, &add).await;
                assert!(pinned().await, "{name}");
            }
            // Aimed at another actor's collection, or at another of its own: ignored.
            for target in [
                format!("{alice_actor}/collections/featured"),
                format!("{actor}/collections/tags"),
            ] {
                let mut elsewhere = activity.clone();
                elsewhere["target"] = json!(target);
                local.accepted(name, &elsewhere).await;
                assert_eq!(pinned().await, unpinning, "{name}: {target}");
            }
            local.accepted(name, &activity).await;
            assert_eq!(pinned().await, !unpinning, "{name}");
        }
        Effect::QuoteAccepted => {
            let post_id = format!("{actor}/statuses/quoting-alice");
            activity["object"] = json!(aimed_at);
            activity["instrument"]["id"] = json!(post_id);
            activity["instrument"]["quote"] = json!(aimed_at);
            local.accepted(name, &activity).await;
            let post = local.status(&post_id).await.unwrap();
            let quote = local.quote(&post).await;
            assert_eq!(quote.state, QuoteState::Accepted, "{name}");
            assert_eq!(quote.quoted_status_id, Some(local.status.id));
            let stamp = quote.authorization_ap_id.unwrap();
            assert!(
                stamp.ends_with(&format!("/users/alice/quote_authorizations/{}", post.id)),
                "{stamp}"
            );
            let told = local
                .server
                .ok(
                    Some(&local.alice_token),
                    "{ notifications(first: 5, filter: {types: [QUOTE]}) { edges { node { status { uri } } } } }",
                    json!({}),
                )
                .await;
            assert_eq!(
                told["notifications"]["edges"][0]["node"]["status"]["uri"], post_id,
                "{name}: {told}"
            );
        }
        Effect::QuoteAuthorized => {
            let quoted_id = format!("{actor}/statuses/quotable");
            let note = json!({
                "id": quoted_id,
                "type": "Note",
                "attributedTo": actor,
                "content": "<p>quote me</p>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
                "interactionPolicy": {
                    "canQuote": {
                        "automaticApproval": ["https://www.w3.org/ns/activitystreams#Public"]
                    }
                },
            });
            local.create_note(name, &actor, note).await;
            let quoted = local.status(&quoted_id).await.unwrap();
            let data = local
                .server
                .ok(
                    Some(&local.alice_token),
                    "mutation($q: ID!) { createStatus(input: {text: \"as they say\", quoteOfId: $q}) { status { uri quote { state } } } }",
                    json!({ "q": ids::encode(ids::STATUS, quoted.id.0) }),
                )
                .await;
            let created = &data["createStatus"]["status"];
            assert_eq!(created["quote"]["state"], "PENDING", "{name}");
            let post = local
                .status(created["uri"].as_str().unwrap())
                .await
                .unwrap();
            let request = local.quote(&post).await.request_ap_id.unwrap();
            activity["object"]["id"] = json!(request);
            activity["object"]["actor"] = json!(alice_actor);
            activity["object"]["object"] = json!(quoted_id);
            activity["object"]["instrument"] = json!(post.ap_id);
            local.accepted(name, &activity).await;
            let quote = local.quote(&post).await;
            assert_eq!(quote.state, QuoteState::Accepted, "{name}");
            assert_eq!(
                quote.authorization_ap_id.as_deref(),
                activity["result"].as_str()
            );
        }
        Effect::Refused(code) => {
            assert_eq!(local.deliver(&activity).await, code, "{name}");
        }
        Effect::Ignored => {
            if activity["object"].is_string() && kind(&activity) != "Accept" {
                activity["object"] = json!(aimed_at);
            }
            let before = local.favourites().await;
            local.accepted(name, &activity).await;
            assert_eq!(local.favourites().await, before, "{name}");
            if let Some(object) = activity["object"]["id"].as_str() {
                assert!(local.status(object).await.is_none(), "{name}");
            }
        }
    }
}

#[tokio::test]
async fn every_fixture_is_applied_with_its_effect_on_sqlite() {
    every_fixture_applied(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn every_fixture_is_applied_with_its_effect_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    every_fixture_applied(postgres).await;
}

async fn every_fixture_applied(test: TestDb) {
    let texts = fixtures();
    let mut hosts = BTreeSet::new();
    for (_, text) in &texts {
        urls(text, |_, host| {
            if !VOCABULARIES.contains(&host) {
                hosts.insert(host.to_owned());
            }
        });
    }
    let (local, public_key_pem) = Local::start(test).await;
    let web = Web::start(hosts, public_key_pem).await;
    let documents: Vec<(String, Value)> = texts
        .iter()
        .map(|(name, text)| (name.clone(), web.rewrite(text)))
        .collect();

    // What the stand-in servers serve: the fixtures' actors and objects, the objects that
    // activities carry, and a plain Person for every other actor or author named.
    for (_, document) in &documents {
        if is_actor(document) || is_object(document) || is_stamp(document) {
            web.put(document.clone());
        }
    }
    for (_, document) in &documents {
        let embedded = &document["object"];
        // Actors carried in activities (a deleted one) are stubs, not their documents.
        if is_object(embedded) && embedded["id"].is_string() {
            web.put(embedded.clone());
        }
    }
    for (_, document) in &documents {
        let mut actors: Vec<String> = id_of(&document["actor"])
            .map(str::to_owned)
            .into_iter()
            .collect();
        actors.extend(authors(document));
        actors.extend(authors(&document["object"]));
        for actor in actors {
            web.put_person(&actor);
        }
    }
    // A Create that names its Note by id alone has the Note served.
    for (_, document) in &documents {
        if kind(document) == "Create"
            && let Some(id) = document["object"].as_str()
        {
            web.put(json!({
                "id": id,
                "type": "Note",
                "attributedTo": document["actor"],
                "content": "<p>fetched by id</p>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            }));
        }
    }

    // Every fixture is either an actor or object (resolved by URL) or an activity named
    // in EXPECTED.
    let by_name: HashMap<&str, &Value> = documents
        .iter()
        .map(|(name, document)| (name.as_str(), document))
        .collect();
    let activities: BTreeSet<&str> = documents
        .iter()
        .filter(|(_, d)| !is_actor(d) && !is_object(d) && !is_stamp(d))
        .map(|(name, _)| name.as_str())
        .collect();
    let expected: BTreeSet<&str> = EXPECTED.iter().map(|(name, _)| *name).collect();
    assert_eq!(activities, expected);

    let mut failures = Vec::new();
    for (name, document) in &documents {
        if !is_actor(document) && !is_object(document) {
            continue;
        }
        let resolved = local.resolve(document["id"].as_str().unwrap()).await;
        let typename = if is_actor(document) {
            "Account"
        } else {
            "Status"
        };
        // Examples from documentation that name no author or no audience are no one's
        // to see.
        let unseen = is_object(document)
            && (authors(document).is_empty()
                || (document["to"].is_null() && document["cc"].is_null()));
        let as_expected = if unseen {
            resolved["data"]["resolveObject"].is_null()
        } else {
            resolved["data"]["resolveObject"]["__typename"] == typename
        };
        if !as_expected {
            failures.push(format!("{name}: {resolved}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    quotes_and_policies_as_stored(&local, &by_name).await;
    for (name, effect) in EXPECTED {
        apply(&local, &web, name, by_name[name].clone(), *effect).await;
    }
}

/// What the quote and policy objects among the fixtures were stored as: a Mastodon quote
/// post whose stamp, fetched from the quoted author's server, checks out; the policies
/// Mastodon and GoToSocial publish, which hold local accounts.
async fn quotes_and_policies_as_stored(local: &Local, fixtures: &HashMap<&str, &Value>) {
    let db = &local.server.db.db;
    let id_of_fixture = |name: &str| fixtures[name]["id"].as_str().unwrap().to_owned();
    let quoted = local
        .status(&id_of_fixture("mastodon/note_quoted.json"))
        .await
        .unwrap();
    let post = local
        .status(&id_of_fixture("mastodon/note_with_quote.json"))
        .await
        .unwrap();
    let quote = local.quote(&post).await;
    assert_eq!(quote.quoted_status_id, Some(quoted.id));
    assert_eq!(quote.state, QuoteState::Accepted, "the stamp checks out");
    let policy = |status: Status| async move {
        store::interaction_policies::by_status(db, status.id)
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(policy(post.clone()).await.can_quote, Audience::Anyone);
    assert_eq!(policy(quoted.clone()).await.can_quote, Audience::Followers);

    // Replies need approval, boosts are for followers and quotes for nobody: alice, who
    // follows nobody, may do none of it.
    let guarded = local
        .status(&id_of_fixture(
            "gotosocial/note_with_interaction_policy.json",
        ))
        .await
        .unwrap();
    let stored = policy(guarded.clone()).await;
    assert_eq!(
        (stored.can_quote, stored.can_reply, stored.can_boost),
        (Audience::Nobody, Audience::Nobody, Audience::Followers)
    );
    for target in [&guarded, &quoted] {
        let data = local
            .server
            .ok(
                Some(&local.alice_token),
                "query($id: ID!) { status(id: $id) { viewerCanQuote viewerCanReply viewerCanBoost } }",
                json!({ "id": ids::encode(ids::STATUS, target.id.0) }),
            )
            .await;
        let can = &data["status"];
        assert_eq!(can["viewerCanQuote"], false, "{}", target.ap_id);
        assert_eq!(can["viewerCanReply"], target.id != guarded.id);
        assert_eq!(can["viewerCanBoost"], target.id != guarded.id);
    }
    let id = ids::encode(ids::STATUS, guarded.id.0);
    for attempt in [
        "mutation($id: ID!) { createStatus(input: {text: \"a reply\", inReplyToId: $id}) { status { id } } }",
        "mutation($id: ID!) { createStatus(input: {text: \"a quote\", quoteOfId: $id}) { status { id } } }",
        "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
    ] {
        let code = local
            .server
            .error_code(Some(&local.alice_token), attempt, json!({ "id": id }))
            .await;
        assert_eq!(code, "FORBIDDEN", "{attempt}");
    }
}
