//! Two servers federating through their queues: a follow across servers is accepted, and
//! statuses and their deletion reach the follower's home timeline.

use std::time::{Duration, Instant};

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::support::{TestServer, serve_full};

const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content author { acct } } } } }";

async fn federating(test: TestDb) -> TestServer {
    let db = test.db.clone();
    serve_full(test, db, 1000, true).await
}

/// Polls `probe` until it returns true, for up to `limit`.
async fn eventually<F, Fut>(limit: Duration, what: &str, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < limit {
        if probe().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what} did not happen within {limit:?}");
}

fn contents(data: &Value) -> Vec<String> {
    data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

async fn follow_and_receive(a: TestServer, b: TestServer) {
    let (alice, alice_id) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let handle = format!("@alice@{}", a.instance.domain);
    let data = b
        .ok(
            Some(&bob),
            "query($h: String!) { resolveAccount(handle: $h) { id } }",
            json!({ "h": handle }),
        )
        .await;
    let alice_on_b = data["resolveAccount"]["id"].as_str().unwrap().to_owned();
    let data = b
        .ok(
            Some(&bob),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }",
            json!({ "id": alice_on_b }),
        )
        .await;
    assert_eq!(
        data["follow"]["relationship"]["requested"], true,
        "a remote follow waits for the Accept"
    );
    let relationship =
        "query($id: ID!) { account(id: $id) { relationship { following requested } } }";
    eventually(Duration::from_secs(10), "the Accept", || async {
        let data = b
            .ok(Some(&bob), relationship, json!({ "id": alice_on_b }))
            .await;
        data["account"]["relationship"]["following"] == true
    })
    .await;

    let status = a.post(&alice, "hello, fediverse", "PUBLIC").await;
    eventually(Duration::from_secs(10), "the Create", || async {
        let home = b.ok(Some(&bob), HOME, json!({})).await;
        contents(&home)
            .iter()
            .any(|c| c.contains("hello, fediverse"))
    })
    .await;
    let home = b.ok(Some(&bob), HOME, json!({})).await;
    assert_eq!(
        home["homeTimeline"]["edges"][0]["node"]["author"]["acct"],
        format!("alice@{}", a.instance.domain)
    );

    a.ok(
        Some(&alice),
        "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
        json!({ "id": status }),
    )
    .await;
    eventually(Duration::from_secs(10), "the Delete", || async {
        let home = b.ok(Some(&bob), HOME, json!({})).await;
        contents(&home).is_empty()
    })
    .await;

    // Unfollowing sends an Undo: alice's server forgets the follower.
    b.ok(
        Some(&bob),
        "mutation($id: ID!) { unfollow(input: {accountId: $id}) { relationship { following } } }",
        json!({ "id": alice_on_b }),
    )
    .await;
    eventually(Duration::from_secs(10), "the Undo", || async {
        let data = a
            .ok(
                None,
                "query($id: ID!) { followers(accountId: $id) { edges { node { acct } } } }",
                json!({ "id": alice_id }),
            )
            .await;
        data["followers"]["edges"].as_array().unwrap().is_empty()
    })
    .await;
}

#[tokio::test]
async fn follows_statuses_and_deletes_cross_servers_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    follow_and_receive(a, b).await;
}

#[tokio::test]
async fn follows_statuses_and_deletes_cross_servers_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    follow_and_receive(a, b).await;
}
