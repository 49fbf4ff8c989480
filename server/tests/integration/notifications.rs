//! Notifications: the unread count counts what the list shows.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const LIST: &str =
    "{ notifications(first: 50) { edges { node { id type read status { content } } } } }";
const COUNT: &str = "{ unreadNotificationCount }";
const MUTE: &str =
    "mutation($id: ID!) { mute(input: {accountId: $id, notifications: true}) { account { id } } }";
const FILTER: &str = "mutation { createFilter(input: {title: \"Finale\", contexts: [NOTIFICATIONS], action: HIDE, keywords: [{keyword: \"finale\"}]}) { filter { id } } }";

async fn listed(server: &TestServer, token: &str) -> Vec<Value> {
    server.ok(Some(token), LIST, json!({})).await["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

async fn unread(server: &TestServer, token: &str) -> u64 {
    server.ok(Some(token), COUNT, json!({})).await["unreadNotificationCount"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn the_unread_count_counts_what_the_list_shows() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        server.ok(Some(&alice), FILTER, json!({})).await;
        server
            .post(&bob, "@alice the finale was something", "PUBLIC")
            .await;
        server.post(&bob, "@alice hello there", "PUBLIC").await;
        server.post(&carol, "@alice hi", "PUBLIC").await;
        server
            .ok(Some(&alice), MUTE, json!({ "id": carol_id }))
            .await;

        let shown = listed(&server, &alice).await;
        assert_eq!(shown.len(), 1, "{}: {shown:?}", server.backend);
        let content = shown[0]["status"]["content"].as_str().unwrap();
        assert!(
            content.contains("hello there"),
            "{}: {content}",
            server.backend
        );
        assert_eq!(unread(&server, &alice).await, 1, "{}", server.backend);
    }
}
