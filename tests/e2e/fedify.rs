//! A real peer built on Fedify (`tests/peers/fedify`, installed by `make test-tools`):
//! follows and public notes go both ways between it and a `rookery serve`, signed, and
//! each side checks the other's signatures.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use rookery_domain::testing::skip_unless_required;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::process::{Server, free_port};

/// How long anything that crosses the two servers may take.
const LIMIT: Duration = Duration::from_secs(30);

/// The Fedify server process: one Person, `peer`, and a control API for the test.
struct Peer {
    /// Killed when dropped.
    _child: Child,
    /// `http://localhost:PORT`, the host of every id it makes.
    origin: String,
    client: reqwest::Client,
}

/// Where the peer's script and its `node_modules` are.
fn peer_dir() -> PathBuf {
    std::env::var_os("ROOKERY_TEST_FEDIFY_PEER").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("peers/fedify"),
        PathBuf::from,
    )
}

impl Peer {
    /// Starts one, or returns None (skipping) when Node.js or the peer's packages are
    /// missing and services are not required.
    async fn start() -> Option<Self> {
        let dir = peer_dir();
        let node = std::process::Command::new("node")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let installed = dir
            .join("node_modules/@fedify/fedify/package.json")
            .is_file();
        if !node || !installed {
            let missing = if node {
                format!(
                    "the Fedify peer's packages are missing from {}",
                    dir.display()
                )
            } else {
                "node is not on PATH".to_owned()
            };
            skip_unless_required(&format!(
                "{missing} (`make test-tools` installs the Fedify peer)"
            ));
            return None;
        }
        let mut child = Command::new("node")
            .arg("peer.mjs")
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(LIMIT, lines.next_line())
            .await
            .expect("the Fedify peer did not start")
            .unwrap()
            .expect("the Fedify peer exited before it was ready");
        let origin = ready
            .strip_prefix("ready ")
            .unwrap_or_else(|| panic!("the Fedify peer said {ready:?}"))
            .to_owned();
        // Whatever else it prints is read, so that it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Some(Self {
            _child: child,
            origin,
            client: reqwest::Client::new(),
        })
    }

    /// `user@host:port`, as Rookery writes the peer's acct.
    fn acct(&self) -> String {
        format!("peer@{}", self.origin.trim_start_matches("http://"))
    }

    fn actor(&self) -> String {
        format!("{}/users/peer", self.origin)
    }

    async fn control(&self, path: &str, body: Value) -> Value {
        let response = self
            .client
            .post(format!("{}/control/{path}", self.origin))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_success(), "{path} answered {status}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// The activities its inbox accepted so far (each passed Fedify's checks).
    async fn received(&self) -> Vec<Value> {
        let url = format!("{}/control/received", self.origin);
        let response = self.client.get(url).send().await;
        let response = response.expect("the Fedify peer stopped answering (its log is above)");
        response.json().await.unwrap()
    }

    /// Waits for the first received activity that `matches`.
    async fn wait_for(&self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        let start = Instant::now();
        loop {
            if let Some(found) = self.received().await.into_iter().find(&matches) {
                return found;
            }
            assert!(
                start.elapsed() < LIMIT,
                "the Fedify peer did not receive {what}; it has {:#?}",
                self.received().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// An id, whether written alone or as the embedded object's `id`.
fn id_of(value: &Value) -> Option<&str> {
    value.as_str().or_else(|| value["id"].as_str())
}

/// Polls `probe` until it returns true, for up to [`LIMIT`].
async fn eventually<F, Fut>(what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while !probe().await {
        assert!(
            start.elapsed() < LIMIT,
            "{what} did not happen within {LIMIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn follows_and_notes_go_both_ways_with_a_fedify_server() {
    let started = Instant::now();
    let Some(peer) = Peer::start().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = [
        ("ROOKERY_FEDERATION__ALLOW_PRIVATE_ADDRESSES", "true".into()),
        ("ROOKERY_INSTANCE__HTTPS", "false".into()),
    ];
    let server = Server::start(dir.path(), port, &env).await;
    let data = server
        .ok(
            None,
            "mutation { register(input: {username: \"alice\", email: \"alice@example.org\", password: \"correct horse\"}) { token account { id uri } } }",
            json!({}),
        )
        .await;
    let token = data["register"]["token"].as_str().unwrap().to_owned();
    let alice_id = data["register"]["account"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let alice = data["register"]["account"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(alice, format!("http://127.0.0.1:{port}/users/alice"));

    // Fedify refuses what is not signed: its inbox checks signatures.
    let unsigned = peer
        .client
        .post(format!("{}/inbox", peer.origin))
        .header("content-type", "application/activity+json")
        .body(
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("{alice}#forged"),
                "type": "Create",
                "actor": alice,
                "object": {
                    "id": format!("{alice}#forged-note"),
                    "type": "Note",
                    "attributedTo": alice,
                    "content": "forged",
                },
            })
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        unsigned.status().as_u16(),
        401,
        "an unsigned POST to Fedify"
    );
    // And Rookery too.
    let unsigned = server
        .client
        .post(format!("{}/inbox", server.base))
        .header("content-type", "application/activity+json")
        .body(
            json!({
                "@context": "https://www.w3.org/ns/activitystreams",
                "id": format!("{}/forged", peer.origin),
                "type": "Follow",
                "actor": peer.actor(),
                "object": alice,
            })
            .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        unsigned.status().as_u16(),
        401,
        "an unsigned POST to Rookery"
    );

    // The peer follows alice; Rookery accepts on its own, and the Accept verifies at the peer.
    let follow = peer.control("follow", json!({ "target": alice })).await;
    let follow_id = follow["id"].as_str().unwrap().to_owned();
    let accept = peer
        .wait_for("the Accept of its Follow", |a| {
            a["type"] == "Accept" && a["actor"] == alice
        })
        .await;
    assert_eq!(
        id_of(&accept["object"]),
        Some(follow_id.as_str()),
        "{accept}"
    );
    let followers = "query($id: ID!) { account(id: $id) { followersCount } followers(accountId: $id) { edges { node { acct uri } } } }";
    let data = server
        .ok(Some(&token), followers, json!({ "id": alice_id }))
        .await;
    assert_eq!(data["account"]["followersCount"], 1, "{data}");
    let follower = &data["followers"]["edges"][0]["node"];
    assert_eq!(follower["acct"], peer.acct());
    assert_eq!(follower["uri"], peer.actor());

    // alice follows the peer, found by its handle; the peer's Accept verifies at Rookery.
    let data = server
        .ok(
            Some(&token),
            "query($h: String!) { resolveAccount(handle: $h) { id acct } }",
            json!({ "h": format!("@{}", peer.acct()) }),
        )
        .await;
    assert_eq!(data["resolveAccount"]["acct"], peer.acct());
    let peer_id = data["resolveAccount"]["id"].as_str().unwrap().to_owned();
    server
        .ok(
            Some(&token),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
            json!({ "id": peer_id }),
        )
        .await;
    let follow = peer
        .wait_for("alice's Follow", |a| {
            a["type"] == "Follow" && a["actor"] == alice
        })
        .await;
    assert_eq!(id_of(&follow["object"]), Some(peer.actor().as_str()));
    let relationship =
        "query($id: ID!) { account(id: $id) { relationship { following requested } } }";
    eventually("the peer's Accept, at Rookery", || async {
        let data = server
            .ok(Some(&token), relationship, json!({ "id": peer_id }))
            .await;
        data["account"]["relationship"]["following"] == true
    })
    .await;

    // alice's public status reaches the peer as a Create(Note) by her.
    server
        .ok(
            Some(&token),
            "mutation { createStatus(input: {text: \"hello from **Rookery**\", visibility: PUBLIC}) { status { id } } }",
            json!({}),
        )
        .await;
    let create = peer
        .wait_for("alice's Create", |a| {
            a["type"] == "Create" && a["actor"] == alice
        })
        .await;
    let note = &create["object"];
    assert_eq!(note["type"], "Note", "{create}");
    assert_eq!(
        id_of(&note["attributedTo"]),
        Some(alice.as_str()),
        "{create}"
    );
    assert_eq!(
        note["content"], "<p>hello from <strong>Rookery</strong></p>",
        "{create}"
    );

    // The peer's public note reaches alice's home timeline.
    peer.control(
        "note",
        json!({ "to": alice, "content": "<p>hello from Fedify</p>" }),
    )
    .await;
    let home =
        "{ homeTimeline(first: 20) { edges { node { content visibility author { acct } } } } }";
    eventually("the peer's note in alice's home timeline", || async {
        let data = server.ok(Some(&token), home, json!({})).await;
        data["homeTimeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["node"]["content"] == "<p>hello from Fedify</p>")
    })
    .await;
    let data = server.ok(Some(&token), home, json!({})).await;
    let note = data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["content"] == "<p>hello from Fedify</p>")
        .unwrap();
    assert_eq!(note["author"]["acct"], peer.acct());
    assert_eq!(note["visibility"], "PUBLIC");

    server.stop();
    eprintln!("the Fedify round trip took {:?}", started.elapsed());
}
