//! Remote references dereferenced by activitypub_federation's rules through Rookery's own
//! fetcher: the stored copy while fresh, the object fetched at its id once stale (the stale
//! copy when that fails), a document that names another id refused, nothing of this server
//! or of a blocked one fetched.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::{App, remote};
use rookery_domain::testing::{RecordingQueue, TestDb, instance};
use rookery_federation::context::FederationContext;
use rookery_federation::error::ResolveError;
use rookery_federation::fetch::{FetchPolicy, Fetcher};
use rookery_federation::references::{self, Dereference};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server on a loopback port that answers every GET with what `answer` holds (a status
/// code and a JSON body), counting the requests.
struct Peer {
    base: String,
    answer: Arc<Mutex<(u16, Value)>>,
    requests: Arc<AtomicUsize>,
}

impl Peer {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let answer = Arc::new(Mutex::new((404, Value::Null)));
        let requests = Arc::new(AtomicUsize::new(0));
        let (held, counted) = (answer.clone(), requests.clone());
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let mut head = Vec::new();
                let mut buffer = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let (status, body) = held.lock().unwrap().clone();
                let body = body.to_string();
                let reply = format!(
                    "HTTP/1.1 {status} Whatever\r\ncontent-type: application/activity+json\r\n\
                     content-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            }
        });
        Self {
            base,
            answer,
            requests,
        }
    }

    fn answer(&self, status: u16, body: Value) {
        *self.answer.lock().unwrap() = (status, body);
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    /// The actor document of `carol` here, named `name` and claiming the id `id`.
    fn carol(&self, id: &str, name: &str) -> Value {
        json!({
            "id": id,
            "type": "Person",
            "preferredUsername": "carol",
            "name": name,
            "inbox": format!("{}/users/carol/inbox", self.base),
            "publicKey": {
                "id": format!("{id}#main-key"),
                "owner": id,
                "publicKeyPem": "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
            },
        })
    }
}

async fn accounts_are_dereferenced_by_the_crates_rules(test: TestDb) {
    let db = &test.db;
    let policy = FetchPolicy {
        allow_private: true,
        timeout: Duration::from_secs(5),
        ..FetchPolicy::default()
    };
    let fetcher = Fetcher::new(policy, "test").unwrap();
    let outbox = Outbox::new(
        instance(),
        Arc::new(RecordingQueue::default()),
        Arc::new(LocalBus::default()),
    );
    let data = FederationContext::new(App::new(db.clone(), outbox), fetcher)
        .config()
        .data();
    let peer = Peer::start().await;
    let carol = format!("{}/users/carol", peer.base);
    let reference = references::account(&carol).unwrap();

    // Unknown: fetched at its id and stored.
    peer.answer(200, peer.carol(&carol, "Carol"));
    let fetched = reference.dereference_here(&data).await.unwrap();
    assert_eq!(fetched.account.display_name, "Carol");
    assert_eq!(peer.requests(), 1);

    // Fresh: the stored copy, nothing fetched.
    peer.answer(200, peer.carol(&carol, "Carol, renamed"));
    let stored = reference.dereference_here(&data).await.unwrap();
    assert_eq!(stored.account.display_name, "Carol");
    assert_eq!(peer.requests(), 1);

    // Stale: fetched again, and what it says now is stored.
    let age_it = format!(
        "UPDATE accounts SET updated_at = '2020-01-01 00:00:00+00:00' WHERE actor_id = '{carol}'"
    );
    test.execute(&age_it).await;
    let refreshed = reference.dereference_here(&data).await.unwrap();
    assert_eq!(refreshed.account.display_name, "Carol, renamed");
    assert_eq!(peer.requests(), 2);

    // Stale and its server failing: the stale copy.
    test.execute(&age_it).await;
    peer.answer(500, Value::Null);
    let kept = reference.dereference_here(&data).await.unwrap();
    assert_eq!(kept.account.display_name, "Carol, renamed");
    assert_eq!(peer.requests(), 3);

    // A document that names another id than where it was fetched from: refused, and
    // nothing is stored under either id.
    let dave = format!("{}/users/dave", peer.base);
    peer.answer(
        200,
        peer.carol(&format!("{}/users/erin", peer.base), "Erin"),
    );
    let refused = references::account(&dave)
        .unwrap()
        .dereference_here(&data)
        .await;
    assert!(refused.is_err(), "{refused:?}");
    for id in [&dave, &format!("{}/users/erin", peer.base)] {
        assert!(remote::account_by_actor_id(db, id).await.unwrap().is_none());
    }

    // Not an actor: not found.
    peer.answer(200, json!({ "id": dave, "type": "Note" }));
    let note = references::account(&dave)
        .unwrap()
        .dereference_here(&data)
        .await;
    assert!(matches!(note, Err(ResolveError::NotFound(_))), "{note:?}");

    // This server's own ids are never fetched.
    let before = peer.requests();
    let local = references::account("https://rookery.test/users/nobody")
        .unwrap()
        .dereference_here(&data)
        .await;
    assert!(matches!(local, Err(ResolveError::NotFound(_))), "{local:?}");
    assert_eq!(peer.requests(), before);
}

#[tokio::test]
async fn accounts_are_dereferenced_by_the_crates_rules_on_sqlite() {
    accounts_are_dereferenced_by_the_crates_rules(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn accounts_are_dereferenced_by_the_crates_rules_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    accounts_are_dereferenced_by_the_crates_rules(postgres).await;
}
