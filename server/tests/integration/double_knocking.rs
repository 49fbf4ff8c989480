//! Deliveries and signed fetches are signed with RFC 9421 first; a host that refuses it
//! with 401 gets the same request signed with draft-cavage, and draft-cavage first from
//! then on.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poem::listener::{Acceptor, Listener};
use rookery_domain::service::accounts;
use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::testing::TestDb;
use rookery_federation::signatures::{self, Arrival};

use super::support::{TestServer, serve_full};

/// What one inbox host saw: for each POST, the scheme it was signed with, or why it did
/// not verify.
type Seen = Arc<Mutex<Vec<String>>>;

/// A host on loopback that verifies every signature with `public_key_pem` and takes only
/// what verifies: POSTs to inboxes (202), and GETs of actors (their document); with
/// `refuses_rfc9421`, it answers 401 to RFC 9421 as older servers do. Returns its
/// `host:port`.
async fn signing_host(public_key_pem: String, refuses_rfc9421: bool, seen: Seen) -> String {
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let authority = addr.to_string();
    let endpoint = poem::endpoint::make(move |request: poem::Request| {
        let (seen, key, authority) = (seen.clone(), public_key_pem.clone(), authority.clone());
        async move {
            let headers: BTreeMap<String, String> = request
                .headers()
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
                .collect();
            let path = request.uri().path().to_owned();
            let get = request.method() == poem::http::Method::GET;
            let body = request.into_body().into_bytes().await.unwrap();
            let scheme = if headers.contains_key("signature-input") {
                "rfc9421"
            } else {
                "cavage"
            };
            let arrival = Arrival {
                method: if get { "GET" } else { "POST" },
                scheme: "http",
                authority: &authority,
                path_and_query: &path,
            };
            let body = (!get).then_some(&body[..]);
            let verified = signatures::prepare(&arrival, &headers, body, chrono::Utc::now())
                .and_then(|pending| pending.verify(&key));
            let outcome = match &verified {
                Ok(()) => scheme.to_owned(),
                Err(error) => format!("{scheme}: {error}"),
            };
            seen.lock().unwrap().push(outcome);
            let answer = poem::Response::builder();
            if verified.is_err() || (refuses_rfc9421 && scheme == "rfc9421") {
                answer.status(poem::http::StatusCode::UNAUTHORIZED).finish()
            } else if get {
                let actor = format!("http://{authority}{path}");
                answer
                    .content_type("application/activity+json")
                    .body(serde_json::json!({ "id": actor, "type": "Person" }).to_string())
            } else {
                answer.status(poem::http::StatusCode::ACCEPTED).finish()
            }
        }
    });
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(endpoint));
    addr.to_string()
}

/// Makes `http://{host}/users/{username}` a remote follower of `followee`.
async fn follower(local: &TestServer, host: &str, username: &str, followee: &str) {
    let db = &local.db.db;
    let actor = format!("http://{host}/users/{username}");
    let account = remote::upsert_account(
        db,
        RemoteActor {
            actor_id: actor.clone(),
            key_id: format!("{actor}#main-key"),
            public_key_pem: String::new(),
            username: username.to_owned(),
            domain: host.to_owned(),
            display_name: String::new(),
            note_html: String::new(),
            fields: Vec::new(),
            url: actor.clone(),
            inbox_url: format!("{actor}/inbox"),
            shared_inbox_url: None,
            outbox_url: None,
            followers_url: None,
            following_url: None,
            featured_url: None,
            locked: false,
            bot: false,
            discoverable: false,
            indexable: false,
            published: None,
            avatar_url: None,
            header_url: None,
        },
    )
    .await
    .unwrap();
    let followee = accounts::local_by_username(db, followee).await.unwrap();
    rookery_domain::store::follows::insert(db, account.id, followee.id, None)
        .await
        .unwrap();
}

async fn wait_for(seen: &Seen, count: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = seen.lock().unwrap().clone();
        if now.len() >= count || Instant::now() > deadline {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn deliveries_knock_with_rfc_9421_then_draft_cavage() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let local = serve_full(test, db, 1000, true).await;
    let (alice, _) = local.register("alice").await;
    let pem = accounts::local_by_username(&local.db.db, "alice")
        .await
        .unwrap()
        .public_key_pem;
    let (modern, older): (Seen, Seen) = Default::default();
    let modern_host = signing_host(pem.clone(), false, modern.clone()).await;
    let older_host = signing_host(pem, true, older.clone()).await;
    follower(&local, &modern_host, "m", "alice").await;
    follower(&local, &older_host, "o", "alice").await;

    local.post(&alice, "first", "PUBLIC").await;
    assert_eq!(wait_for(&modern, 1).await, ["rfc9421"]);
    assert_eq!(wait_for(&older, 2).await, ["rfc9421", "cavage"]);

    // The older host now gets draft-cavage at once; the other still RFC 9421.
    local.post(&alice, "second", "PUBLIC").await;
    assert_eq!(wait_for(&modern, 2).await, ["rfc9421", "rfc9421"]);
    assert_eq!(wait_for(&older, 3).await, ["rfc9421", "cavage", "cavage"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(older.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn signed_fetches_knock_with_rfc_9421_then_draft_cavage() {
    use rookery_federation::fetch::{FetchPolicy, Fetcher};
    let (private, public) = accounts::generate_key_pair().unwrap();
    let fetcher = Fetcher::new(
        FetchPolicy {
            allow_private: true,
            ..FetchPolicy::default()
        },
        "rookery-test",
    )
    .unwrap()
    .signing_as(
        signatures::PrivateKey::from_pem(&private).unwrap(),
        "https://a.example/actor#main-key".to_owned(),
    );
    let (modern, older): (Seen, Seen) = Default::default();
    let modern_host = signing_host(public.clone(), false, modern.clone()).await;
    let older_host = signing_host(public, true, older.clone()).await;
    let fetch = |host: &str| {
        let url = format!("http://{host}/users/x");
        let fetcher = &fetcher;
        async move {
            let actor = fetcher.get_object(&url).await.unwrap();
            assert_eq!(actor["id"], url.as_str());
        }
    };

    fetch(&modern_host).await;
    fetch(&older_host).await;
    assert_eq!(*modern.lock().unwrap(), ["rfc9421"]);
    assert_eq!(*older.lock().unwrap(), ["rfc9421", "cavage"]);
    // The older host now gets draft-cavage at once; the other still RFC 9421.
    fetch(&modern_host).await;
    fetch(&older_host).await;
    assert_eq!(*modern.lock().unwrap(), ["rfc9421", "rfc9421"]);
    assert_eq!(*older.lock().unwrap(), ["rfc9421", "cavage", "cavage"]);
}
