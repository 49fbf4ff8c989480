//! Follow requests: their notifications go once they are answered or withdrawn, an accepted
//! one notifies as a follow, and unlocking an account approves the requests waiting.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::federation::{eventually, federating, remote_id};
use super::support::{TestServer, servers};

const PROFILE: &str =
    "mutation($p: UpdateProfileInput!) { updateProfile(input: $p) { account { locked } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const UNFOLLOW: &str =
    "mutation($id: ID!) { unfollow(input: {accountId: $id}) { account { id } } }";
const ACCEPT: &str =
    "mutation($id: ID!) { acceptFollowRequest(input: {accountId: $id}) { account { id } } }";
const REJECT: &str =
    "mutation($id: ID!) { rejectFollowRequest(input: {accountId: $id}) { account { id } } }";
const NOTIFICATIONS: &str =
    "{ notifications(first: 50) { edges { node { type account { username } } } } }";
const REQUESTS: &str = "{ followRequests { edges { node { id } } } }";
const RELATIONSHIP: &str =
    "query($id: ID!) { account(id: $id) { relationship { following requested } } }";

/// The viewer's notifications as `TYPE username`, sorted.
async fn notifications(server: &TestServer, token: &str) -> Vec<String> {
    let data = server.ok(Some(token), NOTIFICATIONS, json!({})).await;
    let mut found: Vec<String> = data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["node"]["type"].as_str().unwrap(),
                e["node"]["account"]["username"].as_str().unwrap()
            )
        })
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn answered_requests_leave_no_request_notifications_and_unlocking_approves() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        server
            .ok(Some(&alice), PROFILE, json!({ "p": { "locked": true } }))
            .await;
        let mut followers = Vec::new();
        for name in ["bob", "carol", "dan", "erin"] {
            let (token, id) = server.register(name).await;
            server
                .ok(Some(&token), FOLLOW, json!({ "id": alice_id }))
                .await;
            followers.push((token, id));
        }
        assert_eq!(
            notifications(&server, &alice).await,
            [
                "FOLLOW_REQUEST bob",
                "FOLLOW_REQUEST carol",
                "FOLLOW_REQUEST dan",
                "FOLLOW_REQUEST erin"
            ]
        );
        let [bob, carol, dan, erin] = &followers[..] else {
            unreachable!()
        };

        server
            .ok(Some(&alice), ACCEPT, json!({ "id": bob.1 }))
            .await;
        server
            .ok(Some(&alice), REJECT, json!({ "id": carol.1 }))
            .await;
        server
            .ok(Some(&dan.0), UNFOLLOW, json!({ "id": alice_id }))
            .await;
        assert_eq!(
            notifications(&server, &alice).await,
            ["FOLLOW bob", "FOLLOW_REQUEST erin"],
            "{}",
            server.backend
        );
        assert_eq!(
            server
                .error_code(Some(&alice), ACCEPT, json!({ "id": bob.1 }))
                .await,
            "NOT_FOUND"
        );

        // Unlocking approves erin's request, as accepting it would.
        let data = server
            .ok(Some(&alice), PROFILE, json!({ "p": { "locked": false } }))
            .await;
        assert_eq!(data["updateProfile"]["account"]["locked"], false);
        let data = server.ok(Some(&alice), REQUESTS, json!({})).await;
        assert_eq!(data["followRequests"]["edges"], json!([]));
        let data = server
            .ok(Some(&erin.0), RELATIONSHIP, json!({ "id": alice_id }))
            .await;
        assert_eq!(data["account"]["relationship"]["following"], true);
        assert_eq!(data["account"]["relationship"]["requested"], false);
        assert_eq!(
            notifications(&server, &alice).await,
            ["FOLLOW bob", "FOLLOW erin"],
            "{}",
            server.backend
        );
    }
}

#[tokio::test]
async fn unlocking_sends_accepts_to_remote_followers() {
    for test in TestDb::all().await {
        let a = federating(test).await;
        let b = federating(TestDb::sqlite().await).await;
        let (alice, _) = a.register("alice").await;
        let (bob, _) = b.register("bob").await;
        a.ok(Some(&alice), PROFILE, json!({ "p": { "locked": true } }))
            .await;
        let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
        b.ok(Some(&bob), FOLLOW, json!({ "id": alice_on_b })).await;
        eventually(Duration::from_secs(10), "bob's request", || async {
            let data = a.ok(Some(&alice), REQUESTS, json!({})).await;
            data["followRequests"]["edges"].as_array().unwrap().len() == 1
        })
        .await;

        a.ok(Some(&alice), PROFILE, json!({ "p": { "locked": false } }))
            .await;
        eventually(Duration::from_secs(10), "the Accept", || async {
            let data = b
                .ok(Some(&bob), RELATIONSHIP, json!({ "id": alice_on_b }))
                .await;
            data["account"]["relationship"]["following"] == true
        })
        .await;
        assert_eq!(
            notifications(&a, &alice).await,
            ["FOLLOW bob"],
            "{}",
            a.backend
        );
    }
}
