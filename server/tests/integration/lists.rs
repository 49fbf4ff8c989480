//! Lists: named groups of followed accounts, each with its timeline, seen by their owner
//! alone.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const UNFOLLOW: &str =
    "mutation($id: ID!) { unfollow(input: {accountId: $id}) { account { id } } }";
const CREATE: &str =
    "mutation($t: String!) { createList(input: {title: $t}) { list { id title } } }";
const ADD: &str = "mutation($l: ID!, $a: [ID!]!) { addToList(input: {listId: $l, accountIds: $a}) { list { accounts { username } } } }";
const REMOVE: &str = "mutation($l: ID!, $a: [ID!]!) { removeFromList(input: {listId: $l, accountIds: $a}) { list { accounts { username } } } }";
const TIMELINE: &str =
    "query($id: ID!) { listTimeline(id: $id, first: 20) { edges { node { content } } } }";
const LIST: &str = "query($id: ID!) { list(id: $id) { title accounts { username } } }";

async fn timeline(server: &TestServer, token: &str, list: &str) -> Vec<String> {
    let data = server
        .ok(Some(token), TIMELINE, json!({ "id": list }))
        .await;
    data["listTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

fn usernames(accounts: &Value) -> Vec<&str> {
    accounts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn lists_hold_followed_accounts_and_show_their_statuses() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dave, dave_id) = server.register("dave").await;
        for id in [&bob_id, &carol_id] {
            server.ok(Some(&alice), FOLLOW, json!({ "id": id })).await;
        }

        let data = server
            .ok(Some(&alice), CREATE, json!({ "t": "  Friends " }))
            .await;
        assert_eq!(data["createList"]["list"]["title"], "Friends");
        let list = data["createList"]["list"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let data = server
            .ok(Some(&alice), ADD, json!({ "l": list, "a": [bob_id] }))
            .await;
        assert_eq!(usernames(&data["addToList"]["list"]["accounts"]), ["bob"]);
        assert_eq!(
            server
                .error_code(Some(&alice), ADD, json!({ "l": list, "a": [dave_id] }))
                .await,
            "VALIDATION",
            "dave is not followed"
        );

        server.post(&bob, "bob on the list", "PUBLIC").await;
        server.post(&carol, "carol off it", "PUBLIC").await;
        server.post(&dave, "dave elsewhere", "PUBLIC").await;
        server.post(&bob, "bob to his followers", "FOLLOWERS").await;
        assert_eq!(
            timeline(&server, &alice, &list).await,
            vec!["<p>bob to his followers</p>", "<p>bob on the list</p>"]
        );

        // The list is alice's alone.
        for (token, query, variables) in [
            (&carol, LIST, json!({ "id": list })),
            (&carol, TIMELINE, json!({ "id": list })),
            (&carol, ADD, json!({ "l": list, "a": [] })),
        ] {
            assert_eq!(
                server.error_code(Some(token), query, variables).await,
                "NOT_FOUND"
            );
        }
        assert_eq!(
            server.error_code(None, "{ lists { id } }", json!({})).await,
            "UNAUTHENTICATED"
        );
        assert_eq!(
            server
                .error_code(Some(&alice), CREATE, json!({ "t": " " }))
                .await,
            "VALIDATION"
        );

        let rename = "mutation($id: ID!) { renameList(input: {id: $id, title: \"Close friends\"}) { list { title } } }";
        server.ok(Some(&alice), rename, json!({ "id": list })).await;
        server
            .ok(Some(&alice), CREATE, json!({ "t": "Another" }))
            .await;
        let data = server
            .ok(Some(&alice), "{ lists { title } }", json!({}))
            .await;
        assert_eq!(
            data["lists"],
            json!([{ "title": "Another" }, { "title": "Close friends" }])
        );

        // Unfollowing takes an account off; removing does too.
        server
            .ok(Some(&alice), ADD, json!({ "l": list, "a": [carol_id] }))
            .await;
        server
            .ok(Some(&alice), UNFOLLOW, json!({ "id": bob_id }))
            .await;
        let data = server.ok(Some(&alice), LIST, json!({ "id": list })).await;
        assert_eq!(usernames(&data["list"]["accounts"]), ["carol"]);
        assert_eq!(
            timeline(&server, &alice, &list).await,
            vec!["<p>carol off it</p>"]
        );
        let data = server
            .ok(Some(&alice), REMOVE, json!({ "l": list, "a": [carol_id] }))
            .await;
        assert!(usernames(&data["removeFromList"]["list"]["accounts"]).is_empty());

        let delete = "mutation($id: ID!) { deleteList(input: {id: $id}) { deletedListId } }";
        server.ok(Some(&alice), delete, json!({ "id": list })).await;
        assert_eq!(
            server
                .error_code(Some(&alice), LIST, json!({ "id": list }))
                .await,
            "NOT_FOUND"
        );
    }
}
