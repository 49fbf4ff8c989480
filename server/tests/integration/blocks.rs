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
async fn blocks_hide_both_ways_and_reach_the_other_server_on_sqlite() {
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
    // Alice's own notifications: carol's follow came before the block and went with it;
    // nothing came after.
    assert_eq!(before, 0);
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

const NOTIFICATIONS: &str =
    "{ notifications(first: 50) { edges { node { type account { username } status { id } } } } }";
const CONVERSATIONS: &str =
    "{ conversations(first: 10) { edges { node { id lastStatus { id } } } } }";

async fn edges(
    server: &super::support::TestServer,
    token: &str,
    query: &str,
) -> Vec<serde_json::Value> {
    let data = server.ok(Some(token), query, json!({})).await;
    let field = if query.contains("notifications") {
        "notifications"
    } else {
        "conversations"
    };
    data[field]["edges"].as_array().unwrap().to_vec()
}

#[tokio::test]
async fn a_block_removes_the_notifications_and_conversations_between_the_two() {
    for server in super::support::servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dan, _) = server.register("dan").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;
        server.post(&carol, "@alice look at this", "PUBLIC").await;
        server
            .post(&carol, "@alice just between us", "DIRECT")
            .await;
        server.post(&dan, "@alice hello from dan", "PUBLIC").await;
        let alices = server.post(&alice, "@carol and to you", "DIRECT").await;
        assert_eq!(edges(&server, &alice, NOTIFICATIONS).await.len(), 4);
        assert_eq!(edges(&server, &alice, CONVERSATIONS).await.len(), 2);
        assert_eq!(edges(&server, &carol, CONVERSATIONS).await.len(), 2);

        server
            .ok(Some(&alice), BLOCK, json!({ "id": carol_id }))
            .await;
        // Alice hears only of dan; no notification or conversation points at nothing.
        let notifications = edges(&server, &alice, NOTIFICATIONS).await;
        assert_eq!(
            notifications.len(),
            1,
            "{}: {notifications:?}",
            server.backend
        );
        assert_eq!(notifications[0]["node"]["account"]["username"], "dan");
        assert!(!notifications[0]["node"]["status"].is_null());
        assert_eq!(
            server
                .ok(Some(&alice), "{ unreadNotificationCount }", json!({}))
                .await["unreadNotificationCount"],
            1
        );
        for token in [&alice, &carol] {
            let conversations = edges(&server, token, CONVERSATIONS).await;
            assert!(
                conversations.is_empty(),
                "{}: {conversations:?}",
                server.backend
            );
        }
        // Alice's own status stays hers.
        assert!(
            server
                .ok(Some(&alice), STATUS, json!({ "id": alices }))
                .await["status"]["content"]
                .is_string()
        );
    }
}
