//! Pins: one's own statuses shown first on one's profile, five at most, served as the
//! `featured` collection, and told to other servers (and heard from them) as `Add` and
//! `Remove`.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id pinned } } }";
const UNPIN: &str = "mutation($id: ID!) { unpin(input: {statusId: $id}) { status { id pinned } } }";
const PINNED: &str = "query($id: ID!) { account(id: $id) { pinnedStatuses { content pinned } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";

/// The account's pinned statuses as `token` sees them, each marked `pinned`.
async fn pinned(server: &TestServer, token: Option<&str>, account: &str) -> Vec<String> {
    let data = server.ok(token, PINNED, json!({ "id": account })).await;
    data["account"]["pinnedStatuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["pinned"], true);
            s["content"].as_str().unwrap().to_owned()
        })
        .collect()
}

/// The account's pinned statuses while pins may still arrive: a `Remove` landing between
/// the list and its `pinned` marks would unmark one of them.
async fn arriving_pins(server: &TestServer, token: &str, account: &str) -> Vec<String> {
    let data = server
        .ok(
            Some(token),
            "query($id: ID!) { account(id: $id) { pinnedStatuses { content } } }",
            json!({ "id": account }),
        )
        .await;
    data["account"]["pinnedStatuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["content"].as_str().unwrap().to_owned())
        .collect()
}

async fn featured(server: &TestServer) -> Value {
    let response = server
        .client
        .get(format!("{}/users/alice/collections/featured", server.base))
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn own_statuses_are_pinned_five_at_most_and_featured() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;

        let public = server.post(&alice, "public pin", "PUBLIC").await;
        let private = server.post(&alice, "followers pin", "FOLLOWERS").await;
        let direct = server.post(&alice, "secret for @bob", "DIRECT").await;
        let bobs = server.post(&bob, "bob's own", "PUBLIC").await;

        for id in [&public, &private, &public] {
            let data = server.ok(Some(&alice), PIN, json!({ "id": id })).await;
            assert_eq!(data["pin"]["status"]["pinned"], true);
        }
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": bobs }))
                .await,
            "FORBIDDEN",
            "only one's own statuses"
        );
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": direct }))
                .await,
            "VALIDATION",
            "not direct ones"
        );
        assert_eq!(
            server.error_code(None, PIN, json!({ "id": public })).await,
            "UNAUTHENTICATED"
        );

        // The latest pinned first; followers-only ones only for those who may see them.
        let both = vec![
            "<p>followers pin</p>".to_owned(),
            "<p>public pin</p>".to_owned(),
        ];
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await, both);
        assert_eq!(pinned(&server, Some(&carol), &alice_id).await, both);
        assert_eq!(
            pinned(&server, Some(&bob), &alice_id).await,
            vec!["<p>public pin</p>"]
        );
        assert_eq!(
            pinned(&server, None, &alice_id).await,
            vec!["<p>public pin</p>"]
        );

        // Other servers see what anyone may see.
        let collection = featured(&server).await;
        assert_eq!(collection["type"], "OrderedCollection");
        assert_eq!(collection["totalItems"], 1);
        assert_eq!(collection["orderedItems"][0]["type"], "Note");
        assert_eq!(
            collection["orderedItems"][0]["content"],
            "<p>public pin</p>"
        );

        // Five at most.
        for n in 0..3 {
            let id = server.post(&alice, &format!("more {n}"), "PUBLIC").await;
            server.ok(Some(&alice), PIN, json!({ "id": id })).await;
        }
        let sixth = server.post(&alice, "one too many", "PUBLIC").await;
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": sixth }))
                .await,
            "VALIDATION"
        );
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await.len(), 5);

        let data = server
            .ok(Some(&alice), UNPIN, json!({ "id": public }))
            .await;
        assert_eq!(data["unpin"]["status"]["pinned"], false);
        assert_eq!(
            server
                .error_code(Some(&bob), UNPIN, json!({ "id": private }))
                .await,
            "NOT_FOUND",
            "bob cannot see it, so cannot unpin it"
        );
        server.ok(Some(&alice), PIN, json!({ "id": sixth })).await;
        assert_eq!(featured(&server).await["totalItems"], 4);

        // A deleted status leaves its place free.
        let delete = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
        server
            .ok(Some(&alice), delete, json!({ "id": sixth }))
            .await;
        let seventh = server.post(&alice, "in its place", "PUBLIC").await;
        server.ok(Some(&alice), PIN, json!({ "id": seventh })).await;
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await.len(), 5);
    }
}

#[tokio::test]
async fn pins_of_public_statuses_are_sent_as_add_and_remove() {
    use std::time::Duration;

    use rookery_domain::service::accounts;
    use rookery_domain::store::outbox_activities;
    use rookery_domain::testing::TestDb;
    use rookery_domain::types::ActivityKind;

    use super::federation::{eventually, federating};

    let server = federating(TestDb::sqlite().await).await;
    let (alice, _) = server.register("alice").await;
    let public = server.post(&alice, "pinned for all", "PUBLIC").await;
    let private = server
        .post(&alice, "pinned for followers", "FOLLOWERS")
        .await;
    let account = accounts::local_by_username(&server.db.db, "alice")
        .await
        .unwrap();
    let latest = || async {
        let ids = outbox_activities::recent_of(&server.db.db, account.id, 1)
            .await
            .unwrap();
        outbox_activities::by_id(&server.db.db, ids[0])
            .await
            .unwrap()
            .unwrap()
    };
    let uri = |id: &str| {
        let id = id.to_owned();
        let server = &server;
        let alice = alice.clone();
        async move {
            server
                .ok(
                    Some(&alice),
                    "query($id: ID!) { status(id: $id) { uri } }",
                    json!({ "id": id }),
                )
                .await["status"]["uri"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };

    server.ok(Some(&alice), PIN, json!({ "id": public })).await;
    eventually(Duration::from_secs(10), "the Add", || async {
        latest().await.body.is_some()
    })
    .await;
    let add = latest().await;
    assert_eq!(add.kind, ActivityKind::AddPin);
    let body: Value = serde_json::from_str(add.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["type"], "Add");
    assert_eq!(body["object"], uri(&public).await);
    assert_eq!(
        body["target"],
        format!("{}/collections/featured", account.actor_id)
    );

    // A followers-only pin is not announced; unpinning a public one is.
    server.ok(Some(&alice), PIN, json!({ "id": private })).await;
    server
        .ok(Some(&alice), UNPIN, json!({ "id": public }))
        .await;
    eventually(Duration::from_secs(10), "the Remove", || async {
        let last = latest().await;
        last.kind == ActivityKind::RemovePin && last.body.is_some()
    })
    .await;
    let remove = latest().await;
    let body: Value = serde_json::from_str(remove.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["type"], "Remove");
    assert_eq!(body["object"], uri(&public).await);
    let ids = outbox_activities::recent_of(&server.db.db, account.id, 10)
        .await
        .unwrap();
    let mut kinds = Vec::new();
    for id in ids {
        let activity = outbox_activities::by_id(&server.db.db, id)
            .await
            .unwrap()
            .unwrap();
        kinds.push(activity.kind);
    }
    let pins = kinds
        .iter()
        .filter(|k| matches!(k, ActivityKind::AddPin | ActivityKind::RemovePin))
        .count();
    assert_eq!(pins, 2, "{kinds:?}");
}

/// A pin on one server shows on the other, which hears of it as an `Add` (fetching the
/// status when it never saw it) and of the unpin as a `Remove`.
async fn pins_cross_servers(a: TestServer, b: TestServer) {
    use std::time::Duration;

    use super::federation::{eventually, follow_accepted, remote_id};

    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let older = a.post(&alice, "from before bob came", "PUBLIC").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    let newer = a.post(&alice, "for bob too", "PUBLIC").await;

    for id in [&older, &newer] {
        a.ok(Some(&alice), PIN, json!({ "id": id })).await;
    }
    let both = ["<p>for bob too</p>", "<p>from before bob came</p>"];
    eventually(Duration::from_secs(10), "the Adds", || async {
        arriving_pins(&b, &bob, &alice_on_b).await.len() == 2
    })
    .await;
    let mut on_b = pinned(&b, Some(&bob), &alice_on_b).await;
    on_b.sort();
    assert_eq!(on_b, both, "{}", a.backend);

    a.ok(Some(&alice), UNPIN, json!({ "id": older })).await;
    eventually(Duration::from_secs(10), "the Remove", || async {
        arriving_pins(&b, &bob, &alice_on_b).await == ["<p>for bob too</p>"]
    })
    .await;
    let statuses = b
        .ok(
            Some(&bob),
            "query($id: ID!) { accountStatuses(accountId: $id) { edges { node { content pinned } } } }",
            json!({ "id": alice_on_b }),
        )
        .await;
    let mut flags: Vec<(String, bool)> = statuses["accountStatuses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["content"].as_str().unwrap().to_owned(),
                node["pinned"].as_bool().unwrap(),
            )
        })
        .collect();
    flags.sort();
    assert_eq!(
        flags,
        [
            ("<p>for bob too</p>".to_owned(), true),
            ("<p>from before bob came</p>".to_owned(), false),
        ],
        "the status fetched for its pin is among alice's there"
    );
}

#[tokio::test]
async fn pins_reach_other_servers_on_sqlite() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    pins_cross_servers(a, b).await;
}

#[tokio::test]
async fn pins_reach_other_servers_on_postgres() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    pins_cross_servers(a, b).await;
}

/// Pins made before the other server knew the account are read from its `featured`
/// collection when that server fetches it, and read again (in place of the old ones) when
/// it fetches it afresh; followers-only pins are not served, so not read.
async fn pins_read_from_featured(a: TestServer, b: TestServer) {
    use chrono::{Duration, Utc};
    use rookery_domain::service::accounts;
    use rookery_domain::store;

    use super::federation::remote_id;

    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let first = a.post(&alice, "pinned first", "PUBLIC").await;
    let hidden = a.post(&alice, "pinned for followers", "FOLLOWERS").await;
    let second = a.post(&alice, "pinned second", "UNLISTED").await;
    let later = a.post(&alice, "pinned later", "PUBLIC").await;
    for id in [&first, &hidden, &second] {
        a.ok(Some(&alice), PIN, json!({ "id": id })).await;
    }

    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    let read = ["<p>pinned second</p>", "<p>pinned first</p>"];
    assert_eq!(
        pinned(&b, Some(&bob), &alice_on_b).await,
        read,
        "{}",
        a.backend
    );
    let statuses = b
        .ok(
            Some(&bob),
            "query($id: ID!) { accountStatuses(accountId: $id, pinnedFirst: true) { edges { node { content pinned } } } }",
            json!({ "id": alice_on_b }),
        )
        .await;
    let shown: Vec<&str> = statuses["accountStatuses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        shown, read,
        "the statuses read for their pins, pinned first"
    );

    // Changes b does not hear of (bob does not follow alice) wait for the next fetch.
    a.ok(Some(&alice), UNPIN, json!({ "id": second })).await;
    a.ok(Some(&alice), PIN, json!({ "id": later })).await;
    remote_id(&b, &bob, "alice", &a).await;
    assert_eq!(
        pinned(&b, Some(&bob), &alice_on_b).await,
        read,
        "still fresh"
    );
    let actor_id = accounts::local_by_username(&a.db.db, "alice")
        .await
        .unwrap()
        .actor_id;
    let on_b = store::accounts::by_actor_id(&b.db.db, &actor_id)
        .await
        .unwrap()
        .unwrap();
    store::accounts::touch(&b.db.db, on_b.id, Utc::now() - Duration::days(2))
        .await
        .unwrap();
    remote_id(&b, &bob, "alice", &a).await;
    assert_eq!(
        pinned(&b, Some(&bob), &alice_on_b).await,
        ["<p>pinned later</p>", "<p>pinned first</p>"],
        "read again, in place of the old ones"
    );
}

#[tokio::test]
async fn pins_made_before_are_read_when_resolved_on_sqlite() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    pins_read_from_featured(a, b).await;
}

#[tokio::test]
async fn pins_made_before_are_read_when_resolved_on_postgres() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(postgres).await;
    pins_read_from_featured(a, b).await;
}

/// Documents by path (and query).
type Documents = std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Value>>>;

/// A loopback server standing in for another implementation: it serves the documents put
/// up for it, by path (and query, when one was given), and 404 for anything else.
struct Peer {
    base: String,
    documents: Documents,
}

impl Peer {
    async fn start() -> Self {
        use poem::listener::{Acceptor, Listener, TcpListener};

        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
        let documents: Documents = std::sync::Arc::default();
        let served = std::sync::Arc::clone(&documents);
        let endpoint = poem::endpoint::make_sync(move |request: poem::Request| {
            let uri = request.uri();
            let served = served.lock().unwrap();
            let found = uri
                .path_and_query()
                .and_then(|p| served.get(p.as_str()))
                .or_else(|| served.get(uri.path()));
            match found {
                Some(document) => poem::Response::builder()
                    .content_type("application/activity+json")
                    .body(document.to_string()),
                None => poem::Response::builder()
                    .status(poem::http::StatusCode::NOT_FOUND)
                    .finish(),
            }
        });
        tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(endpoint));
        Self {
            base: format!("http://{addr}"),
            documents,
        }
    }

    fn put(&self, path: &str, document: Value) {
        self.documents
            .lock()
            .unwrap()
            .insert(path.to_owned(), document);
    }

    fn remove(&self, path: &str) {
        self.documents.lock().unwrap().remove(path);
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A Person at `/users/<name>`, named `display_name`, with a `featured` collection.
    fn put_person(&self, name: &str, display_name: &str) {
        let id = self.url(&format!("/users/{name}"));
        // A real key, as captured from Mastodon; nothing here is signed with it.
        let captured: Value = serde_json::from_str(include_str!(
            "../../../federation/tests/fixtures/mastodon/person.json"
        ))
        .unwrap();
        self.put(
            &format!("/users/{name}"),
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": id,
                "type": "Person",
                "preferredUsername": name,
                "name": display_name,
                "inbox": format!("{id}/inbox"),
                "featured": format!("{id}/collections/featured"),
                "publicKey": {
                    "id": format!("{id}#main-key"),
                    "owner": id,
                    "publicKeyPem": captured["publicKey"]["publicKeyPem"],
                },
            }),
        );
    }

    /// A public Note of `author`'s, numbered `n` on this server.
    fn note(&self, id_of: &str, author: &str, n: u32, text: &str) -> Value {
        json!({
            "id": self.url(&format!("/users/{id_of}/statuses/{n}")),
            "type": "Note",
            "attributedTo": self.url(&format!("/users/{author}")),
            "content": format!("<p>{text}</p>"),
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "published": "2026-11-01T12:00:00Z",
        })
    }
}

/// A `featured` collection in other servers' shapes (items on a first page, by id or
/// inline) is read for the account's own statuses only; when it cannot be read, the
/// account is fetched all the same and keeps its pins.
#[tokio::test]
async fn featured_collections_are_read_in_other_shapes() {
    use chrono::{Duration, Utc};
    use rookery_domain::store;

    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let peer = Peer::start().await;
        let domain = peer.base.trim_start_matches("http://").to_owned();
        let felix = peer.url("/users/felix");
        peer.put(
            "/.well-known/webfinger",
            json!({
                "subject": format!("acct:felix@{domain}"),
                "links": [{ "rel": "self", "type": "application/activity+json", "href": felix }],
            }),
        );
        peer.put_person("felix", "Felix");
        peer.put_person("other", "Other");
        let featured = "/users/felix/collections/featured";
        peer.put(
            featured,
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": peer.url(featured),
                "type": "OrderedCollection",
                "totalItems": 6,
                "first": peer.url(&format!("{featured}?page=true")),
            }),
        );
        let by_id = peer.note("felix", "felix", 1, "fetched by its id");
        let mut inline = peer.note("felix", "felix", 2, "given inline");
        // A reply to a status not known here.
        inline["inReplyTo"] = json!("http://127.0.0.2:9/users/someone/statuses/1");
        let claimed = peer.note("felix", "other", 3, "claimed for another");
        let others = peer.note("other", "other", 9, "someone else's");
        peer.put("/users/felix/statuses/1", by_id.clone());
        peer.put("/users/other/statuses/9", others.clone());
        peer.put(
            &format!("{featured}?page=true"),
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": peer.url(&format!("{featured}?page=true")),
                "type": "OrderedCollectionPage",
                "partOf": peer.url(featured),
                "orderedItems": [
                    by_id["id"],
                    inline,
                    others["id"],
                    claimed,
                    "http://127.0.0.2:9/users/felix/statuses/4",
                    peer.url("/users/felix/statuses/5"),
                ],
            }),
        );

        let resolve = "query($h: String!) { resolveAccount(handle: $h) { id displayName } }";
        let handle = json!({ "h": format!("@felix@{domain}") });
        let data = server.ok(Some(&alice), resolve, handle.clone()).await;
        let felix_id = data["resolveAccount"]["id"].as_str().unwrap().to_owned();
        let both = ["<p>fetched by its id</p>", "<p>given inline</p>"];
        assert_eq!(
            pinned(&server, Some(&alice), &felix_id).await,
            both,
            "{}",
            server.backend
        );

        // Read for their pins, they are among felix's statuses; the reply whose parent is
        // unknown is a reply all the same.
        let statuses = "query($id: ID!, $x: Boolean) { accountStatuses(accountId: $id, excludeReplies: $x) { edges { node { content } } } }";
        for (exclude, expected) in [
            (
                false,
                vec!["<p>given inline</p>", "<p>fetched by its id</p>"],
            ),
            (true, vec!["<p>fetched by its id</p>"]),
        ] {
            let data = server
                .ok(
                    Some(&alice),
                    statuses,
                    json!({ "id": felix_id, "x": exclude }),
                )
                .await;
            let shown: Vec<&str> = data["accountStatuses"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["content"].as_str().unwrap())
                .collect();
            assert_eq!(shown, expected, "excludeReplies: {exclude}");
        }

        let stale = || async {
            let account = store::accounts::by_actor_id(&server.db.db, &felix)
                .await
                .unwrap()
                .unwrap();
            store::accounts::touch(&server.db.db, account.id, Utc::now() - Duration::days(2))
                .await
                .unwrap();
        };

        // The collection gone: the profile is read anew, the pins stay.
        peer.remove(featured);
        peer.put_person("felix", "Felix anew");
        stale().await;
        let data = server.ok(Some(&alice), resolve, handle.clone()).await;
        assert_eq!(data["resolveAccount"]["displayName"], "Felix anew");
        assert_eq!(pinned(&server, Some(&alice), &felix_id).await, both);

        // Items listed in the collection itself, as Mastodon serves it.
        peer.put(
            featured,
            json!({
                "id": peer.url(featured),
                "type": "OrderedCollection",
                "totalItems": 1,
                "orderedItems": [inline],
            }),
        );
        stale().await;
        server.ok(Some(&alice), resolve, handle.clone()).await;
        assert_eq!(
            pinned(&server, Some(&alice), &felix_id).await,
            ["<p>given inline</p>"]
        );

        // An empty collection leaves nothing pinned.
        peer.put(
            featured,
            json!({ "id": peer.url(featured), "type": "OrderedCollection", "totalItems": 0, "orderedItems": [] }),
        );
        stale().await;
        server.ok(Some(&alice), resolve, handle).await;
        assert!(pinned(&server, Some(&alice), &felix_id).await.is_empty());
    }
}
