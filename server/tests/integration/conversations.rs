//! Conversations: direct statuses grouped by thread for each participant, read and unread,
//! left, and live.

use std::time::Duration;

use rookery_domain::testing::live::LiveClient;
use serde_json::{Value, json};

use super::support::{TestServer, servers};

const CONVERSATIONS: &str = "{ conversations(first: 10) { edges { node { id unread participants { username } lastStatus { content } } } } }";
const REPLY: &str = "mutation($t: String!, $r: ID!) { createStatus(input: {text: $t, inReplyToId: $r, visibility: DIRECT}) { status { id } } }";

async fn conversations(server: &TestServer, token: &str) -> Vec<Value> {
    let data = server.ok(Some(token), CONVERSATIONS, json!({})).await;
    data["conversations"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect()
}

fn participants(conversation: &Value) -> Vec<String> {
    let mut names: Vec<String> = conversation["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["username"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn direct_statuses_group_into_conversations_by_thread() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let (dan, _) = server.register("dan").await;
        let first = server.post(&alice, "@bob @carol shall we?", "DIRECT").await;
        server.post(&alice, "@dan a public mention", "PUBLIC").await;

        let bobs = conversations(&server, &bob).await;
        assert_eq!(bobs.len(), 1);
        assert_eq!(bobs[0]["unread"], true);
        assert_eq!(participants(&bobs[0]), ["alice", "carol"]);
        let alices = conversations(&server, &alice).await;
        assert_eq!(alices.len(), 1);
        assert_eq!(alices[0]["unread"], false, "one's own status is read");
        assert_eq!(participants(&alices[0]), ["bob", "carol"]);
        assert!(conversations(&server, &dan).await.is_empty());

        server
            .ok(
                Some(&bob),
                REPLY,
                json!({ "t": "@alice @carol yes", "r": first }),
            )
            .await;
        let alices = conversations(&server, &alice).await;
        assert_eq!(alices.len(), 1, "a reply stays in the conversation");
        assert_eq!(alices[0]["unread"], true);
        assert!(
            alices[0]["lastStatus"]["content"]
                .as_str()
                .unwrap()
                .contains("yes")
        );

        let read = "mutation($id: ID!) { markConversationRead(input: {id: $id}) { conversation { unread } } }";
        let id = alices[0]["id"].as_str().unwrap();
        let data = server.ok(Some(&alice), read, json!({ "id": id })).await;
        assert_eq!(
            data["markConversationRead"]["conversation"]["unread"],
            false
        );
        assert_eq!(conversations(&server, &alice).await[0]["unread"], false);
        assert_eq!(
            server
                .error_code(Some(&dan), read, json!({ "id": id }))
                .await,
            "NOT_FOUND",
            "nobody else's conversation"
        );

        let leave =
            "mutation($id: ID!) { leaveConversation(input: {id: $id}) { leftConversationId } }";
        let carols = conversations(&server, &carol).await;
        let id = carols[0]["id"].as_str().unwrap();
        server.ok(Some(&carol), leave, json!({ "id": id })).await;
        assert!(conversations(&server, &carol).await.is_empty());
        server
            .ok(
                Some(&alice),
                REPLY,
                json!({ "t": "@bob @carol still there?", "r": first }),
            )
            .await;
        assert!(
            conversations(&server, &carol).await.is_empty(),
            "a conversation left stays left"
        );
        assert_eq!(conversations(&server, &bob).await.len(), 1);
    }
}

/// An edit that mentions someone new brings them into the conversation, unread; the
/// others see them among its participants and keep their conversation as read as it was.
#[tokio::test]
async fn an_edit_that_mentions_someone_new_brings_them_in() {
    const EDIT: &str = "mutation($id: ID!, $t: String!) { editStatus(input: {id: $id, text: $t}) { status { id } } }";
    const READ: &str =
        "mutation($id: ID!) { markConversationRead(input: {id: $id}) { conversation { unread } } }";
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let id = server.post(&alice, "@bob a word", "DIRECT").await;
        let bobs = conversations(&server, &bob).await;
        server
            .ok(Some(&bob), READ, json!({ "id": bobs[0]["id"] }))
            .await;
        assert!(conversations(&server, &carol).await.is_empty());

        let vars = json!({ "id": id, "t": "@bob @carol a word" });
        server.ok(Some(&alice), EDIT, vars).await;
        let carols = conversations(&server, &carol).await;
        assert_eq!(carols.len(), 1, "{}", server.backend);
        assert_eq!(carols[0]["unread"], true);
        assert_eq!(participants(&carols[0]), ["alice", "bob"]);
        let bobs = conversations(&server, &bob).await;
        assert_eq!(bobs[0]["unread"], false);
        assert_eq!(participants(&bobs[0]), ["alice", "carol"]);
        let alices = conversations(&server, &alice).await;
        assert_eq!(alices[0]["unread"], false);
        assert_eq!(participants(&alices[0]), ["bob", "carol"]);
    }
}

#[tokio::test]
async fn a_deleted_status_leaves_the_conversation_to_the_one_before() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let first = server.post(&alice, "@bob first", "DIRECT").await;
        let data = server
            .ok(
                Some(&bob),
                REPLY,
                json!({ "t": "@alice second", "r": first }),
            )
            .await;
        let second = data["createStatus"]["status"]["id"].as_str().unwrap();
        let delete = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
        server.ok(Some(&bob), delete, json!({ "id": second })).await;
        let alices = conversations(&server, &alice).await;
        assert!(
            alices[0]["lastStatus"]["content"]
                .as_str()
                .unwrap()
                .contains("first")
        );
        server
            .ok(Some(&alice), delete, json!({ "id": first }))
            .await;
        assert!(conversations(&server, &alice).await.is_empty());
        assert!(conversations(&server, &bob).await.is_empty());
    }
}

#[tokio::test]
async fn conversations_update_live() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let mut live = LiveClient::connect(&server.base, Some(&bob)).await.unwrap();
        live.subscribe(
            "c",
            "subscription { conversationUpdates { unread participants { username } lastStatus { content } } }",
            json!({}),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.post(&alice, "a public one", "PUBLIC").await;
        server.post(&alice, "@bob just us", "DIRECT").await;
        let data = live.next_data(Duration::from_secs(5)).await;
        let conversation = &data["conversationUpdates"];
        assert_eq!(conversation["unread"], true);
        assert_eq!(participants(conversation), ["alice"]);
        assert!(
            conversation["lastStatus"]["content"]
                .as_str()
                .unwrap()
                .contains("just us")
        );
    }
}
