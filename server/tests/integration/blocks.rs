//! Blocks: follows end both ways, statuses and notifications stop crossing, following is
//! refused, and the blocked account's server is told with a `Block` (and its `Undo`).

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::support::TestServer;

const BLOCK: &str = "mutation($id: ID!) { block(input: {accountId: $id}) { account { relationship { blocking following followedBy } } } }";
const UNBLOCK: &str = "mutation($id: ID!) { unblock(input: {accountId: $id}) { account { relationship { blocking } } } }";
const RELATIONSHIP: &str = "query($id: ID!) { account(id: $id) { relationship { following followedBy blocking blockedBy } } }";
const FOLLOW: &str =
    "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following } } }";
const STATUS: &str = "query($id: ID!) { status(id: $id) { content } }";

#[tokio::test]
async fn blocks_hide_both_ways_and_reach_the_other_server() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    blocks_across_servers(a, b).await;
}

#[tokio::test]
async fn blocks_hide_both_ways_and_reach_the_other_server_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    blocks_across_servers(a, b).await;
}

async fn blocks_across_servers(a: TestServer, b: TestServer) {
    let (alice, alice_id) = a.register("alice").await;
    let (carol, carol_id) = a.register("carol").await;
    let post = a.post(&alice, "hello all", "PUBLIC").await;
    a.ok(Some(&carol), FOLLOW, json!({ "id": alice_id })).await;
    a.ok(Some(&alice), FOLLOW, json!({ "id": carol_id })).await;

    let data = a.ok(Some(&alice), BLOCK, json!({ "id": carol_id })).await;
    let relationship = &data["block"]["account"]["relationship"];
    assert_eq!(relationship["blocking"], true);
    assert_eq!(relationship["following"], false);
    assert_eq!(relationship["followedBy"], false);
    let seen = a
        .ok(Some(&carol), RELATIONSHIP, json!({ "id": alice_id }))
        .await;
    assert_eq!(seen["account"]["relationship"]["blockedBy"], true);
    assert_eq!(seen["account"]["relationship"]["following"], false);

    // Carol sees nothing of alice, cannot follow her, and alice hears nothing of carol.
    assert_eq!(
        a.error_code(Some(&carol), STATUS, json!({ "id": post }))
            .await,
        "NOT_FOUND"
    );
    let local = "{ localTimeline(first: 20) { edges { node { author { username } } } } }";
    let data = a.ok(Some(&carol), local, json!({})).await;
    let authors: Vec<_> = data["localTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["author"]["username"].as_str().unwrap().to_owned())
        .collect();
    assert!(!authors.contains(&"alice".to_owned()), "{authors:?}");
    assert_eq!(
        a.error_code(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await,
        "FORBIDDEN"
    );
    a.post(&carol, "hey @alice", "PUBLIC").await;
    let count = "{ unreadNotificationCount }";
    let before = a.ok(Some(&alice), count, json!({})).await["unreadNotificationCount"].clone();
    // Alice's own notifications: carol's two follows came before the block, nothing after.
    assert_eq!(before, 1);
    // Anonymous readers still see alice's public post.
    assert_eq!(
        a.ok(None, STATUS, json!({ "id": post })).await["status"]["content"],
        "<p>hello all</p>"
    );

    let data = a.ok(Some(&alice), UNBLOCK, json!({ "id": carol_id })).await;
    assert_eq!(
        data["unblock"]["account"]["relationship"]["blocking"],
        false
    );
    assert_eq!(
        a.ok(Some(&carol), STATUS, json!({ "id": post })).await["status"]["content"],
        "<p>hello all</p>"
    );

    // Across servers: bob's follow of alice ends on his server too.
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;
    a.ok(Some(&alice), BLOCK, json!({ "id": bob_on_a })).await;
    eventually(
        Duration::from_secs(10),
        "the Block on bob's server",
        || async {
            let data = b
                .ok(Some(&bob), RELATIONSHIP, json!({ "id": alice_on_b }))
                .await;
            let relationship = &data["account"]["relationship"];
            relationship["blockedBy"] == true && relationship["following"] == false
        },
    )
    .await;
    a.ok(Some(&alice), UNBLOCK, json!({ "id": bob_on_a })).await;
    eventually(
        Duration::from_secs(10),
        "the Undo on bob's server",
        || async {
            let data = b
                .ok(Some(&bob), RELATIONSHIP, json!({ "id": alice_on_b }))
                .await;
            data["account"]["relationship"]["blockedBy"] == false
        },
    )
    .await;

    assert_eq!(
        a.error_code(Some(&alice), BLOCK, json!({ "id": alice_id }))
            .await,
        "VALIDATION"
    );
}
