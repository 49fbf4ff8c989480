//! Threads: how many replies each reader counts, and where deleted replies stand.

use serde_json::json;

use super::support::{TestServer, servers};

const REPLY: &str = "mutation($id: ID!, $t: String!, $v: Visibility!) { createStatus(input: {text: $t, inReplyToId: $id, visibility: $v}) { status { id } } }";
const DELETE: &str = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";

async fn reply(server: &TestServer, token: &str, to: &str, visibility: &str) -> String {
    let vars = json!({ "id": to, "t": "an answer", "v": visibility });
    let data = server.ok(Some(token), REPLY, vars).await;
    data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The ids of the descendants of `id`, and whether each is deleted.
async fn descendants(server: &TestServer, token: Option<&str>, id: &str) -> Vec<(String, bool)> {
    let data = server
        .ok(
            token,
            "query($id: ID!) { thread(statusId: $id) { descendants { id deleted inReplyTo { id } } } }",
            json!({ "id": id }),
        )
        .await;
    data["thread"]["descendants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["deleted"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_deleted_reply_with_replies_below_it_stays_in_the_thread() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let root = server.post(&alice, "the root", "PUBLIC").await;
        let r1 = reply(&server, &bob, &root, "PUBLIC").await;
        let r2 = reply(&server, &alice, &r1, "PUBLIC").await;
        // A deleted reply with only deleted replies below it, and one with none.
        let lone = reply(&server, &bob, &root, "PUBLIC").await;
        let lone_below = reply(&server, &bob, &lone, "PUBLIC").await;
        let leaf = reply(&server, &bob, &r2, "PUBLIC").await;
        for id in [&r1, &lone_below, &lone, &leaf] {
            server.ok(Some(&bob), DELETE, json!({ "id": id })).await;
        }

        let expected = vec![(r1.clone(), true), (r2.clone(), false)];
        for token in [None, Some(alice.as_str())] {
            assert_eq!(
                descendants(&server, token, &root).await,
                expected,
                "{backend}"
            );
        }
        // Seen from below, the tombstone is an ancestor as before.
        let data = server
            .ok(
                None,
                "query($id: ID!) { thread(statusId: $id) { ancestors { id deleted } } }",
                json!({ "id": r2 }),
            )
            .await;
        assert_eq!(
            data["thread"]["ancestors"],
            json!([{ "id": root, "deleted": false }, { "id": r1, "deleted": true }]),
            "{backend}"
        );
    }
}
