//! A hostile server on loopback tries to speak for accounts that are not its own: through
//! WebFinger, through the author of a fetched post, through objects embedded in its
//! activities and through keys it claims. Each attack fails, and the accounts it aimed at
//! stay as they were.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::{Data, Path};
use poem::{EndpointExt, Route, Server, get, handler};
use rookery_domain::service::statuses::received;
use rookery_domain::service::{accounts, remote};
use rookery_domain::testing::TestDb;
use rookery_domain::types::Account;
use rookery_federation::signatures;
use serde_json::{Value, json};

use super::support::{TestServer, serve_full};

/// A server that answers whatever it was told to, at any path.
#[derive(Clone)]
struct Hostile {
    base: String,
    host: String,
    documents: Arc<Mutex<HashMap<String, Value>>>,
    /// Where WebFinger sends each username, besides `/users/{name}` when it is served.
    handles: Arc<Mutex<HashMap<String, String>>>,
    private_key: String,
    public_key: String,
}

#[handler]
fn serve_document(Path(path): Path<String>, hostile: Data<&Hostile>) -> poem::Response {
    use poem::IntoResponse;
    let path = format!("/{}", path.split('?').next().unwrap_or_default());
    let documents = hostile.documents.lock().unwrap();
    match documents.get(&path) {
        // A page: text/html, whatever was asked for.
        Some(Value::String(html)) => poem::Response::builder()
            .content_type("text/html; charset=utf-8")
            .body(html.clone()),
        Some(document) => poem::Response::builder()
            .content_type("application/activity+json")
            .body(document.to_string()),
        None => poem::http::StatusCode::NOT_FOUND.into_response(),
    }
}

#[handler]
fn serve_webfinger(
    poem::web::Query(query): poem::web::Query<HashMap<String, String>>,
    hostile: Data<&Hostile>,
) -> poem::Response {
    use poem::IntoResponse;
    let resource = query.get("resource").cloned().unwrap_or_default();
    let user = resource
        .trim_start_matches("acct:")
        .split('@')
        .next()
        .unwrap_or_default();
    let path = format!("/users/{user}");
    let href = match hostile.handles.lock().unwrap().get(user) {
        Some(href) => href.clone(),
        None if hostile.documents.lock().unwrap().contains_key(&path) => {
            format!("{}{path}", hostile.base)
        }
        None => return poem::http::StatusCode::NOT_FOUND.into_response(),
    };
    poem::web::Json(json!({
        "subject": resource,
        "links": [{ "rel": "self", "type": "application/activity+json", "href": href }]
    }))
    .into_response()
}

impl Hostile {
    async fn start() -> Self {
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
        let (private_key, public_key) = accounts::generate_key_pair().unwrap();
        let hostile = Hostile {
            base: format!("http://{addr}"),
            host: addr.to_string(),
            documents: Arc::default(),
            handles: Arc::default(),
            private_key,
            public_key,
        };
        let app = Route::new()
            .at("/.well-known/webfinger", get(serve_webfinger))
            .at("/*path", get(serve_document))
            .data(hostile.clone());
        tokio::spawn(Server::new_with_acceptor(acceptor).run(app));
        hostile
    }

    /// Asks `local`, as `token`, to resolve `user` at this server; the whole answer.
    async fn resolve(&self, local: &TestServer, token: &str, user: &str) -> Value {
        let handle = format!("{user}@{}", self.host);
        local
            .gql(Some(token), RESOLVE, json!({ "h": handle }))
            .await
    }

    fn serve(&self, path: &str, document: Value) {
        self.documents
            .lock()
            .unwrap()
            .insert(path.to_owned(), document);
    }

    /// An actor document served at `/users/{name}` that claims the id `id`, with this
    /// server's key (named `key_id`) and inbox.
    fn actor_claiming(&self, name: &str, id: &str, key_id: &str) -> Value {
        json!({
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": id,
            "type": "Person",
            "preferredUsername": name,
            "inbox": format!("{}/inbox", self.base),
            "endpoints": { "sharedInbox": format!("{}/inbox", self.base) },
            "publicKey": { "id": key_id, "owner": id, "publicKeyPem": self.public_key },
        })
    }

    /// POSTs `activity` to `target`'s shared inbox, signed with this server's key as
    /// `key_id`; returns the status code.
    async fn deliver(&self, target: &TestServer, key_id: &str, activity: &Value) -> u16 {
        self.deliver_answered(target, key_id, activity).await.0
    }

    /// The same; returns the status code and the body of the answer.
    async fn deliver_answered(
        &self,
        target: &TestServer,
        key_id: &str,
        activity: &Value,
    ) -> (u16, String) {
        let body = serde_json::to_vec(activity).unwrap();
        let host = target.base.trim_start_matches("http://");
        let headers =
            signatures::sign_post(&self.private_key, key_id, host, "/inbox", &body, Utc::now())
                .unwrap();
        let mut request = target.client.post(format!("{}/inbox", target.base));
        for (name, value) in headers.into_iter().filter(|(name, _)| name != "host") {
            request = request.header(name, value);
        }
        let response = request.body(body).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    }

    /// Serves a consistent actor of this server at `/users/{path_name}`, calling itself
    /// `username`; returns its id and key id.
    fn actor(&self, path_name: &str, username: &str) -> (String, String) {
        let id = format!("{}/users/{path_name}", self.base);
        let key_id = format!("{id}#main-key");
        let path = format!("/users/{path_name}");
        self.serve(&path, self.actor_claiming(username, &id, &key_id));
        (id, key_id)
    }

    /// A public `Create` by `actor` of `object`, given the id `{base}/notes/{name}`.
    fn create(&self, actor: &str, name: &str, mut object: Value) -> (String, Value) {
        let id = format!("{}/notes/{name}", self.base);
        object["id"] = json!(id);
        object["attributedTo"] = json!(actor);
        object["to"] = json!(["https://www.w3.org/ns/activitystreams#Public"]);
        let create = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{id}/activity"), "type": "Create", "actor": actor, "object": object,
        });
        (id, create)
    }
}

/// What makes an account itself: where it is, its key and where it is reached.
fn identity(account: &Account) -> Vec<Option<String>> {
    vec![
        account.domain.clone(),
        Some(account.username.clone()),
        Some(account.actor_id.clone()),
        account.key_id.clone(),
        Some(account.public_key_pem.clone()),
        Some(account.inbox_url.clone()),
        account.shared_inbox_url.clone(),
        Some(account.url.clone()),
    ]
}

async fn federating(test: TestDb) -> TestServer {
    let db = test.db.clone();
    serve_full(test, db, 1000, true).await
}

/// A federating server with a local account to take over (alice) and one that looks
/// things up (carol, whose token is returned), and a hostile server.
async fn local_victim(test: TestDb) -> (TestServer, Hostile, Account, String) {
    let local = federating(test).await;
    let hostile = Hostile::start().await;
    local.register("alice").await;
    let (carol, _) = local.register("carol").await;
    let alice = accounts::local_by_username(&local.db.db, "alice")
        .await
        .unwrap();
    (local, hostile, alice, carol)
}

/// Asserts that the local `account` is still what it was.
async fn still_itself(local: &TestServer, account: &Account) {
    let after = accounts::local_by_username(&local.db.db, &account.username)
        .await
        .unwrap();
    assert_eq!(identity(&after), identity(account), "{}", local.backend);
}

const RESOLVE: &str = "query($h: String!) { resolveAccount(handle: $h) { id acct } }";
const RESOLVE_URL: &str = "query($u: String!) { resolveObject(url: $u) { __typename } }";

/// WebFinger leads to a document that claims a local account's id: the account is not
/// taken over, is still served, and the attacker's signed posts as that account are
/// refused.
#[tokio::test]
async fn a_webfinger_answer_cannot_take_over_a_local_account() {
    for test in TestDb::all().await {
        let (local, hostile, alice, carol) = local_victim(test).await;
        let key_id = format!("{}/users/x#main-key", hostile.base);
        hostile.serve(
            "/users/x",
            hostile.actor_claiming("x", &alice.actor_id, &key_id),
        );

        let answer = hostile.resolve(&local, &carol, "x").await;
        assert!(answer["errors"].is_array(), "{}: {answer}", local.backend);
        still_itself(&local, &alice).await;
        let served = local
            .client
            .get(format!("{}/users/alice", local.base))
            .header("accept", "application/activity+json")
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200, "{}", local.backend);

        let note_id = format!("{}/notes/spoofed", hostile.base);
        let create = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{}/activities/1", hostile.base),
            "type": "Create",
            "actor": alice.actor_id,
            "object": {
                "id": note_id, "type": "Note", "attributedTo": alice.actor_id,
                "content": "spoofed", "to": ["https://www.w3.org/ns/activitystreams#Public"],
            },
        });
        let status = hostile.deliver(&local, &key_id, &create).await;
        assert!(
            (400..500).contains(&status),
            "{}: a Create as alice answered {status}",
            local.backend
        );
        assert!(
            received::status_by_ap_id(&local.db.db, &note_id)
                .await
                .unwrap()
                .is_none()
        );
        still_itself(&local, &alice).await;
    }
}

/// The same through the author of a post fetched by URL.
#[tokio::test]
async fn a_fetched_author_cannot_take_over_a_local_account() {
    for test in TestDb::all().await {
        let (local, hostile, alice, carol) = local_victim(test).await;
        let author = format!("{}/users/y", hostile.base);
        hostile.serve(
            "/users/y",
            hostile.actor_claiming("y", &alice.actor_id, &format!("{author}#main-key")),
        );
        let note = format!("{}/notes/1", hostile.base);
        hostile.serve(
            "/notes/1",
            json!({
                "id": note, "type": "Note", "attributedTo": author, "content": "hi",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            }),
        );
        let answer = local
            .gql(Some(&carol), RESOLVE_URL, json!({ "u": note }))
            .await;
        assert!(answer["errors"].is_array(), "{}: {answer}", local.backend);
        still_itself(&local, &alice).await;
        assert!(
            received::status_by_ap_id(&local.db.db, &note)
                .await
                .unwrap()
                .is_none()
        );
    }
}

/// A hostile server's documents that claim an account of another server (its id, or its
/// key id) change nothing of that account here; one claiming its id resolves, at most, to
/// the account as its own server describes it.
#[tokio::test]
async fn a_server_cannot_speak_for_accounts_of_another() {
    for (test, victim_test) in TestDb::all().await.into_iter().zip(TestDb::all().await) {
        let local = federating(test).await;
        let victim = federating(victim_test).await;
        let hostile = Hostile::start().await;
        let (carol, _) = local.register("carol").await;
        victim.register("bob").await;
        let bob_handle = format!("bob@{}", victim.instance.domain);
        local
            .ok(Some(&carol), RESOLVE, json!({ "h": bob_handle }))
            .await;
        let bob_actor = accounts::local_by_username(&victim.db.db, "bob")
            .await
            .unwrap()
            .actor_id;
        let bob = remote::account_by_actor_id(&local.db.db, &bob_actor)
            .await
            .unwrap()
            .unwrap();

        // Its id: the document is fetched again from bob's own server.
        let key_id = format!("{}/users/x#main-key", hostile.base);
        hostile.serve("/users/x", hostile.actor_claiming("x", &bob_actor, &key_id));
        let answer = hostile.resolve(&local, &carol, "x").await;
        if answer["errors"].is_null() {
            assert_eq!(answer["data"]["resolveAccount"]["acct"], bob_handle);
        }
        let after = remote::account_by_actor_id(&local.db.db, &bob_actor)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(identity(&after), identity(&bob), "{}", local.backend);

        // Its key id, on an actor of the hostile server's own.
        let zed = format!("{}/users/zed", hostile.base);
        hostile.serve(
            "/users/zed",
            hostile.actor_claiming("zed", &zed, bob.key_id.as_deref().unwrap()),
        );
        let answer = hostile.resolve(&local, &carol, "zed").await;
        assert!(answer["errors"].is_array(), "{}: {answer}", local.backend);
        assert!(
            remote::account_by_actor_id(&local.db.db, &zed)
                .await
                .unwrap()
                .is_none()
        );
        let signer = remote::account_by_key_id(&local.db.db, bob.key_id.as_deref().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(signer.id, bob.id, "{}", local.backend);

        // Objects embedded in its own actor's activities, naming bob's server.
        let mallory = format!("{}/users/mallory", hostile.base);
        let mallory_key = format!("{mallory}#main-key");
        hostile.serve(
            "/users/mallory",
            hostile.actor_claiming("mallory", &mallory, &mallory_key),
        );
        let forged_note = format!("{bob_actor}/statuses/forged");
        let create = json!({
            "id": format!("{mallory}/activities/1"), "type": "Create", "actor": mallory,
            "object": {
                "id": forged_note, "type": "Note", "attributedTo": bob_actor,
                "content": "forged", "to": ["https://www.w3.org/ns/activitystreams#Public"],
            },
        });
        let status = hostile.deliver(&local, &mallory_key, &create).await;
        assert!((400..500).contains(&status), "a forged Create: {status}");
        assert!(
            received::status_by_ap_id(&local.db.db, &forged_note)
                .await
                .unwrap()
                .is_none()
        );
        let mut forged_actor = hostile.actor_claiming("bob", &bob_actor, &mallory_key);
        forged_actor["name"] = json!("not bob");
        let update = json!({
            "id": format!("{mallory}/activities/2"), "type": "Update", "actor": mallory,
            "object": forged_actor,
        });
        let status = hostile.deliver(&local, &mallory_key, &update).await;
        assert!((400..500).contains(&status), "a forged Update: {status}");
        let after = remote::account_by_actor_id(&local.db.db, &bob_actor)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(identity(&after), identity(&bob), "{}", local.backend);
        assert_eq!(after.display_name, bob.display_name);
    }
}

/// A handle is recorded for an actor only when its own server's WebFinger leads back to
/// it: a server cannot give one of its actors the handle of another.
#[tokio::test]
async fn a_handle_must_lead_back_to_its_actor() {
    let local = federating(TestDb::sqlite().await).await;
    let hostile = Hostile::start().await;
    let (carol, _) = local.register("carol").await;
    // `/users/eve` is a consistent actor of the hostile server, that calls itself `root`;
    // WebFinger for root@ leads nowhere (no `/users/root` is served).
    let eve = format!("{}/users/eve", hostile.base);
    hostile.serve(
        "/users/eve",
        hostile.actor_claiming("root", &eve, &format!("{eve}#main-key")),
    );
    let answer = hostile.resolve(&local, &carol, "eve").await;
    assert!(answer["errors"].is_array(), "{answer}");
    assert!(
        remote::account_by_actor_id(&local.db.db, &eve)
            .await
            .unwrap()
            .is_none()
    );
    // Once WebFinger for root@ leads back to it, it resolves, known by that handle.
    hostile
        .handles
        .lock()
        .unwrap()
        .insert("root".into(), eve.clone());
    let answer = hostile.resolve(&local, &carol, "eve").await;
    assert_eq!(
        answer["data"]["resolveAccount"]["acct"],
        format!("root@{}", hostile.host),
        "{answer}"
    );
}

/// Profile and post links that are not http(s) (`javascript:`, `data:`) never reach a
/// client: the account's and the post's ids stand in for them.
#[tokio::test]
async fn only_web_links_reach_clients() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (carol, _) = local.register("carol").await;
        let js = format!("{}/users/js", hostile.base);
        let mut actor = hostile.actor_claiming("js", &js, &format!("{js}#main-key"));
        actor["url"] = json!("javascript:alert(1)");
        hostile.serve("/users/js", actor);
        let note = format!("{}/notes/js", hostile.base);
        hostile.serve(
            "/notes/js",
            json!({
                "id": note, "type": "Note", "attributedTo": js, "content": "hi",
                "url": "data:text/html,<script>alert(1)</script>",
                "to": ["https://www.w3.org/ns/activitystreams#Public"],
            }),
        );
        let data = local
            .ok(
                Some(&carol),
                "query($u: String!) { resolveObject(url: $u) { ... on Status { url author { url } } } }",
                json!({ "u": note }),
            )
            .await;
        assert_eq!(data["resolveObject"]["url"], note.as_str(), "{data}");
        assert_eq!(
            data["resolveObject"]["author"]["url"],
            js.as_str(),
            "{data}"
        );
    }
}

/// The GraphQL `Int` limit, which no count shown to clients passes.
const MAX_INT: i64 = i32::MAX as i64;

/// A post naming tens of thousands of mentions (most of them the same) is taken: each
/// account is mentioned once, at most a bounded number of them are looked up, and the
/// mentioned local account is told once.
#[tokio::test]
async fn a_post_naming_thousands_of_mentions_is_taken_with_its_mentions_capped() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (alice, _) = local.register("alice").await;
        let alice_actor = accounts::local_by_username(&local.db.db, "alice")
            .await
            .unwrap()
            .actor_id;
        let (mallory, key_id) = hostile.actor("mallory", "mallory");
        let mention = |href: &str| json!({ "type": "Mention", "href": href });
        let mut tags = vec![mention(&alice_actor), mention(&alice_actor)];
        tags.extend((0..200).map(|i| mention(&format!("{}/users/u{i}", hostile.base))));
        tags.push(mention(&alice_actor));
        tags.resize(33_500, mention("x"));
        let (note, create) = hostile.create(
            &mallory,
            "many",
            json!({ "type": "Note", "content": "<p>hi all</p>", "tag": tags }),
        );
        assert_eq!(
            hostile.deliver(&local, &key_id, &create).await,
            202,
            "{}",
            local.backend
        );
        assert!(
            received::status_by_ap_id(&local.db.db, &note)
                .await
                .unwrap()
                .is_some()
        );
        let data = local
            .ok(
                Some(&alice),
                "{ notifications { edges { node { type status { content mentions { acct } } } } } }",
                json!({}),
            )
            .await;
        let edges = data["notifications"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 1, "{}: {data}", local.backend);
        assert_eq!(edges[0]["node"]["type"], "MENTION");
        assert_eq!(
            edges[0]["node"]["status"]["mentions"],
            json!([{ "acct": "alice" }]),
            "{}",
            local.backend
        );
    }
}

/// Poll counts of 2^64 - 1 are taken without wrapping around, and no count a client reads
/// passes the GraphQL `Int` limit.
#[tokio::test]
async fn remote_poll_counts_are_clamped() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (carol, _) = local.register("carol").await;
        let (mallory, key_id) = hostile.actor("mallory", "mallory");
        let option = |name: &str, votes: u64| json!({ "type": "Note", "name": name, "replies": { "type": "Collection", "totalItems": votes } });
        let (question, create) = hostile.create(
            &mallory,
            "poll",
            json!({
                "type": "Question", "content": "<p>how many?</p>",
                "oneOf": [option("all", u64::MAX), option("more", u64::MAX), option("few", 3)],
                "votersCount": u64::MAX,
                "endTime": "2099-01-01T00:00:00Z",
            }),
        );
        assert_eq!(
            hostile.deliver(&local, &key_id, &create).await,
            202,
            "{}",
            local.backend
        );
        let data = local
            .ok(
                Some(&carol),
                "query($u: String!) { resolveObject(url: $u) { ... on Status { poll { votesCount votersCount options { votesCount } } } } }",
                json!({ "u": question }),
            )
            .await;
        let poll = &data["resolveObject"]["poll"];
        assert_eq!(poll["votesCount"], MAX_INT, "{}: {data}", local.backend);
        assert_eq!(poll["votersCount"], MAX_INT, "{}: {data}", local.backend);
        assert_eq!(
            poll["options"],
            json!([{ "votesCount": MAX_INT }, { "votesCount": MAX_INT }, { "votesCount": 3 }]),
            "{}",
            local.backend
        );
    }
}

/// An actor whose `preferredUsername` is no handle (a NUL, a right-to-left override, a
/// space, an `@`, a thousand characters) is refused with a clear error, by URL and when
/// it delivers; nothing of it is stored. One with a handle's characters is taken.
#[tokio::test]
async fn an_actor_whose_username_is_no_handle_is_refused() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (carol, _) = local.register("carol").await;
        let long = "a".repeat(1000);
        for (i, bad) in ["nul\0l", "rlo\u{202e}lor", "with space", "at@home", &long]
            .into_iter()
            .enumerate()
        {
            let (id, key_id) = hostile.actor(&format!("bad{i}"), bad);
            let answer = local
                .gql(Some(&carol), RESOLVE_URL, json!({ "u": id }))
                .await;
            assert_eq!(
                answer["errors"][0]["extensions"]["code"], "VALIDATION",
                "{}: {bad:?}: {answer}",
                local.backend
            );
            assert!(
                answer["errors"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("preferredUsername"),
                "{answer}"
            );
            let (note, create) = hostile.create(
                &id,
                &format!("bad{i}"),
                json!({ "type": "Note", "content": "hi" }),
            );
            let status = hostile.deliver(&local, &key_id, &create).await;
            assert!(
                (400..500).contains(&status),
                "{}: {bad:?} delivered: {status}",
                local.backend
            );
            assert!(
                remote::account_by_actor_id(&local.db.db, &id)
                    .await
                    .unwrap()
                    .is_none(),
                "{}: {bad:?} stored",
                local.backend
            );
            assert!(
                received::status_by_ap_id(&local.db.db, &note)
                    .await
                    .unwrap()
                    .is_none()
            );
        }
        let (good, _) = hostile.actor("good", "good.name-1_x");
        let data = local
            .ok(
                Some(&carol),
                "query($u: String!) { resolveObject(url: $u) { ... on Account { username } } }",
                json!({ "u": good }),
            )
            .await;
        assert_eq!(data["resolveObject"]["username"], "good.name-1_x");
    }
}

/// The cap on remote text holds for what is stored: text that sanitising makes longer
/// (every `<` written as `&lt;`) is cut to the cap, and stays sanitised.
#[tokio::test]
async fn remote_text_is_stored_within_its_cap() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (mallory, key_id) = hostile.actor("mallory", "mallory");
        let (note, create) = hostile.create(
            &mallory,
            "long",
            json!({ "type": "Note", "content": format!("<p>{}</p>", "<".repeat(60_000)) }),
        );
        assert_eq!(hostile.deliver(&local, &key_id, &create).await, 202);
        let stored = received::status_by_ap_id(&local.db.db, &note)
            .await
            .unwrap()
            .unwrap();
        let cap = remote::MAX_REMOTE_TEXT_BYTES;
        assert!(
            stored.content_html.len() <= cap,
            "{}: {} bytes stored",
            local.backend,
            stored.content_html.len()
        );
        assert!(stored.content_html.len() > cap / 2);
        assert_eq!(
            rookery_domain::content::sanitize(&stored.content_html),
            stored.content_html
        );
    }
}

/// Refusals tell an unauthenticated sender a short reason: not what went wrong fetching
/// its key (connection refused, what its server answered), nor its 100 KB key id.
#[tokio::test]
async fn refusals_do_not_echo_fetch_errors_or_key_ids() {
    let local = federating(TestDb::sqlite().await).await;
    let hostile = Hostile::start().await;
    let (mallory, _) = hostile.actor("mallory", "mallory");
    let (_, create) = hostile.create(&mallory, "n", json!({ "type": "Note", "content": "hi" }));
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let huge = format!("{}/users/{}#main-key", hostile.base, "k".repeat(100_000));
    for key_id in [
        format!("http://127.0.0.1:{closed_port}/users/mallory#main-key"),
        format!("{}/users/nobody#main-key", hostile.base),
        huge,
    ] {
        let (status, body) = hostile.deliver_answered(&local, &key_id, &create).await;
        assert!((400..500).contains(&status), "{status}: {body}");
        assert!(
            body.len() <= 100,
            "{status}: {} bytes: {body:.300}",
            body.len()
        );
        for leak in ["127.0.0.1", "refused", "404", "kkkk", "error sending"] {
            assert!(!body.contains(leak), "{status}: {body}");
        }
    }
}

/// A page (`/@eve`, as some servers serve pasted URLs) that links to its ActivityPub form
/// (`<link rel="alternate" type="application/activity+json">`) resolves to the object that
/// form is, believed at its own id only: a page whose alternate claims a local account's
/// id resolves to nothing.
#[tokio::test]
async fn a_page_resolves_through_its_alternate_link_at_the_objects_own_id() {
    for test in TestDb::all().await {
        let (local, hostile, alice, carol) = local_victim(test).await;
        let (eve, _) = hostile.actor("eve", "eve");
        let page = |href: &str| {
            Value::String(format!(
                "<!doctype html><html><head><title>eve</title>\
                 <link rel=\"icon\" href=\"/favicon.ico\">\
                 <link href='{href}' rel=\"alternate\" type=\"application/activity+json\">\
                 </head><body><h1>eve</h1></body></html>"
            ))
        };
        hostile.serve("/@eve", page(&eve));
        let data = local
            .ok(
                Some(&carol),
                "query($u: String!) { resolveObject(url: $u) { ... on Account { acct uri } } }",
                json!({ "u": format!("{}/@eve", hostile.base) }),
            )
            .await;
        assert_eq!(
            data["resolveObject"]["uri"],
            eve.as_str(),
            "{}: {data}",
            local.backend
        );

        let key_id = format!("{}/users/x#main-key", hostile.base);
        hostile.serve(
            "/users/x",
            hostile.actor_claiming("x", &alice.actor_id, &key_id),
        );
        hostile.serve("/@x", page(&format!("{}/users/x", hostile.base)));
        let answer = local
            .gql(
                Some(&carol),
                RESOLVE_URL,
                json!({ "u": format!("{}/@x", hostile.base) }),
            )
            .await;
        assert!(answer["errors"].is_array(), "{}: {answer}", local.backend);
        still_itself(&local, &alice).await;
    }
}

/// The counts a remote server publishes for its actor (its collections' `totalItems`) are
/// taken clamped: never past the GraphQL `Int` limit, never negative.
#[tokio::test]
async fn published_counts_are_clamped() {
    for test in TestDb::all().await {
        let local = federating(test).await;
        let hostile = Hostile::start().await;
        let (carol, _) = local.register("carol").await;
        let id = format!("{}/users/big", hostile.base);
        let mut actor = hostile.actor_claiming("big", &id, &format!("{id}#main-key"));
        for (name, total) in [
            ("outbox", json!(u64::MAX)),
            ("followers", json!(-5)),
            ("following", json!(12)),
        ] {
            let url = format!("{id}/{name}");
            actor[name] = json!(url);
            hostile.serve(
                &format!("/users/big/{name}"),
                json!({ "id": url, "type": "OrderedCollection", "totalItems": total }),
            );
        }
        hostile.serve("/users/big", actor);
        let data = local
            .ok(
                Some(&carol),
                "query($u: String!) { resolveObject(url: $u) { ... on Account { statusesCount followersCount followingCount } } }",
                json!({ "u": id }),
            )
            .await;
        assert_eq!(
            data["resolveObject"],
            json!({ "statusesCount": MAX_INT, "followersCount": 0, "followingCount": 12 }),
            "{}",
            local.backend
        );
    }
}
