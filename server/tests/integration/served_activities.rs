//! Every activity a local account sends is served at its id (`/activities/<id>`) to those
//! who may read it: the other party of a follow or block, whoever may see a liked status,
//! anyone for pins of public statuses and moves.

use std::time::{Duration, Instant};

use chrono::Utc;
use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::{ActivityKind, OutboxActivity};
use rookery_federation::signatures;
use serde_json::{Value, json};

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::support::TestServer;

/// A local account of a server that signs fetches with its own key.
struct Signer {
    key_id: String,
    private_key: String,
}

async fn signer(server: &TestServer, username: &str) -> Signer {
    let account = accounts::local_by_username(&server.db.db, username)
        .await
        .unwrap();
    Signer {
        key_id: account.key_id.clone().unwrap(),
        private_key: store::accounts::private_key(&server.db.db, account.id)
            .await
            .unwrap()
            .unwrap(),
    }
}

/// GETs `url` of `server`, signed by `from` when given: the status and the type served.
async fn fetch(server: &TestServer, url: &str, from: Option<&Signer>) -> (u16, Value) {
    let path = url.strip_prefix(&server.base).unwrap();
    let mut request = server
        .client
        .get(url)
        .header("accept", "application/activity+json");
    if let Some(from) = from {
        let host = &server.instance.domain;
        for (name, value) in
            signatures::sign_get(&from.private_key, &from.key_id, host, path, Utc::now()).unwrap()
        {
            if name != "host" {
                request = request.header(name, value);
            }
        }
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (status, body["type"].clone())
}

/// The latest activity of `kind` that `username` of `server` sent, once published.
async fn sent(server: &TestServer, username: &str, kind: ActivityKind) -> OutboxActivity {
    let db = &server.db.db;
    let account = accounts::local_by_username(db, username).await.unwrap();
    let start = Instant::now();
    loop {
        for id in store::outbox_activities::recent_of(db, account.id, 100)
            .await
            .unwrap()
        {
            let activity = store::outbox_activities::by_id(db, id)
                .await
                .unwrap()
                .unwrap();
            if activity.kind == kind && activity.published_at.is_some() {
                return activity;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no {kind:?} of {username} was published"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn serve_each_kind(a: TestServer, b: TestServer, c: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let (carl, _) = b.register("carl").await;
    c.register("mallory").await;
    let (bob_key, carl_key, mallory_key) = (
        signer(&b, "bob").await,
        signer(&b, "carl").await,
        signer(&c, "mallory").await,
    );
    let backend = a.backend;

    // alice follows bob (a Follow), who posts for his followers; she likes it.
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;
    follow_accepted(&a, &alice, &bob_on_a).await;
    b.post(&bob, "for followers", "FOLLOWERS").await;
    let home = "{ homeTimeline(first: 5) { edges { node { id } } } }";
    eventually(Duration::from_secs(10), "bob's status", || async {
        let data = a.ok(Some(&alice), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["id"].is_string()
    })
    .await;
    let data = a.ok(Some(&alice), home, json!({})).await;
    let liked = data["homeTimeline"]["edges"][0]["node"]["id"].clone();
    let action = |name: &str| {
        format!("mutation($id: ID!) {{ {name}(input: {{statusId: $id}}) {{ status {{ id }} }} }}")
    };
    let liked = json!({ "id": liked });
    a.ok(Some(&alice), &action("favourite"), liked.clone())
        .await;
    let like = sent(&a, "alice", ActivityKind::Like).await;
    a.ok(Some(&alice), &action("unfavourite"), liked).await;
    let undo_like = sent(&a, "alice", ActivityKind::UndoLike).await;
    let follow = sent(&a, "alice", ActivityKind::Follow).await;
    a.ok(
        Some(&alice),
        "mutation($id: ID!) { unfollow(input: {accountId: $id}) { relationship { following } } }",
        json!({ "id": bob_on_a }),
    )
    .await;
    let undo_follow = sent(&a, "alice", ActivityKind::UndoFollow).await;

    // carl follows alice (an Accept), then she blocks him and takes it back.
    let alice_on_b = remote_id(&b, &carl, "alice", &a).await;
    follow_accepted(&b, &carl, &alice_on_b).await;
    let accept = sent(&a, "alice", ActivityKind::AcceptFollow).await;
    let carl_on_a = remote_id(&a, &alice, "carl", &b).await;
    let block = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }";
    a.ok(Some(&alice), block, json!({ "id": carl_on_a })).await;
    let blocked = sent(&a, "alice", ActivityKind::Block).await;
    let unblock = block.replace("block(", "unblock(");
    a.ok(Some(&alice), &unblock, json!({ "id": carl_on_a }))
        .await;
    let unblocked = sent(&a, "alice", ActivityKind::UndoBlock).await;

    // Follows and blocks: to their other party's server only.
    for (activity, party, kind) in [
        (&follow, &bob_key, "Follow"),
        (&undo_follow, &bob_key, "Undo"),
        (&accept, &carl_key, "Accept"),
        (&blocked, &carl_key, "Block"),
        (&unblocked, &carl_key, "Undo"),
    ] {
        let url = &activity.ap_id;
        assert_eq!(
            fetch(&a, url, Some(party)).await,
            (200, json!(kind)),
            "{backend}: {url}"
        );
        assert_eq!(fetch(&a, url, Some(&mallory_key)).await.0, 404, "{url}");
        assert_eq!(fetch(&a, url, None).await.0, 404, "{url}");
    }
    // Likes of a followers-only status: to those who may see it (bob, its author).
    for (activity, kind) in [(&like, "Like"), (&undo_like, "Undo")] {
        let url = &activity.ap_id;
        assert_eq!(
            fetch(&a, url, Some(&bob_key)).await,
            (200, json!(kind)),
            "{backend}: {url}"
        );
        assert_eq!(fetch(&a, url, Some(&mallory_key)).await.0, 404, "{url}");
        assert_eq!(fetch(&a, url, None).await.0, 404, "{url}");
    }

    // Pins of a public status: to anyone.
    let public = a.post(&alice, "pinned", "PUBLIC").await;
    let pinned = json!({ "id": public });
    a.ok(Some(&alice), &action("pin"), pinned.clone()).await;
    let add = sent(&a, "alice", ActivityKind::AddPin).await;
    a.ok(Some(&alice), &action("unpin"), pinned).await;
    let remove = sent(&a, "alice", ActivityKind::RemovePin).await;
    assert_eq!(fetch(&a, &add.ap_id, None).await, (200, json!("Add")));
    assert_eq!(
        fetch(&a, &remove.ap_id, Some(&mallory_key)).await,
        (200, json!("Remove"))
    );

    // A move: to anyone.
    let (alice2, _) = a.register("alice2").await;
    a.ok(
        Some(&alice2),
        "mutation { updateProfile(input: {alsoKnownAs: [\"alice\"]}) { account { id } } }",
        json!({}),
    )
    .await;
    a.ok(
        Some(&alice),
        "mutation { moveAccount(input: {target: \"alice2\", password: \"correct horse\"}) { account { id } } }",
        json!({}),
    )
    .await;
    let moved = sent(&a, "alice", ActivityKind::Move).await;
    assert_eq!(fetch(&a, &moved.ap_id, None).await, (200, json!("Move")));
}

#[tokio::test]
async fn activities_are_served_to_who_may_read_them_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let c = federating(TestDb::sqlite().await).await;
    serve_each_kind(a, b, c).await;
}

#[tokio::test]
async fn activities_are_served_to_who_may_read_them_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    let c = federating(TestDb::sqlite().await).await;
    serve_each_kind(a, b, c).await;
}
