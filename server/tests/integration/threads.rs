//! Threads: how many replies each reader counts, and where deleted replies stand.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const REPLY: &str = "mutation($id: ID!, $t: String!, $v: Visibility!) { createStatus(input: {text: $t, inReplyToId: $id, visibility: $v}) { status { id } } }";
const DELETE: &str = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";

async fn reply(server: &TestServer, token: &str, to: &str, visibility: &str) -> String {
    let vars = json!({ "id": to, "t": "an answer", "v": visibility });
    let data = server.ok(Some(token), REPLY, vars).await;
    data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The replies count of `id`, read by itself and in the public timeline.
async fn replies_counted(server: &TestServer, token: Option<&str>, id: &str) -> (Value, Value) {
    let data = server
        .ok(
            token,
            "query($id: ID!) { status(id: $id) { repliesCount } publicTimeline(first: 20) { edges { node { id repliesCount } } } }",
            json!({ "id": id }),
        )
        .await;
    let listed = data["publicTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|edge| edge["node"]["id"] == id)
        .map(|edge| edge["node"]["repliesCount"].clone())
        .unwrap_or_default();
    (data["status"]["repliesCount"].clone(), listed)
}

#[tokio::test]
async fn each_reader_counts_the_replies_it_may_see() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        server
            .ok(Some(&dave), FOLLOW, json!({ "id": carol_id }))
            .await;
        let post = server.post(&alice, "what do you think?", "PUBLIC").await;
        reply(&server, &bob, &post, "LOCAL").await;
        reply(&server, &carol, &post, "FOLLOWERS").await;
        let gone = reply(&server, &carol, &post, "PUBLIC").await;
        server.ok(Some(&carol), DELETE, json!({ "id": gone })).await;

        for (token, count) in [
            (None, 0),
            (Some(alice.as_str()), 1),
            (Some(bob.as_str()), 1),
            (Some(carol.as_str()), 2),
            (Some(dave.as_str()), 2),
        ] {
            let (alone, listed) = replies_counted(&server, token, &post).await;
            assert_eq!(alone, count, "{backend}: {token:?}");
            assert_eq!(listed, count, "{backend}: {token:?} in a timeline");
        }
    }
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
