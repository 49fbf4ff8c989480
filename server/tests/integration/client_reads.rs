//! Reads clients need beside the lists: when a mute ends, how many conversations are
//! unread, and dismissing one notification.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::support::servers;

const MUTE: &str = "mutation($id: ID!, $d: Int) { mute(input: {accountId: $id, notifications: true, durationSeconds: $d}) { account { relationship { muting mutingEndsAt } } } }";

#[tokio::test]
async fn a_relationship_says_when_its_mute_ends() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (_, bob_id) = server.register("bob").await;
        let data = server
            .ok(Some(&alice), MUTE, json!({ "id": bob_id, "d": 3600 }))
            .await;
        let relationship = &data["mute"]["account"]["relationship"];
        assert_eq!(relationship["muting"], true);
        let ends: DateTime<Utc> = relationship["mutingEndsAt"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let from_now = (ends - Utc::now()).num_seconds();
        assert!(
            (3590..=3600).contains(&from_now),
            "{}: {from_now}",
            server.backend
        );
        let data = server
            .ok(Some(&alice), MUTE, json!({ "id": bob_id, "d": null }))
            .await;
        assert!(data["mute"]["account"]["relationship"]["mutingEndsAt"].is_null());
    }
}

#[tokio::test]
async fn unread_conversations_are_counted() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let count = "{ unreadConversationCount }";
        assert_eq!(
            server.ok(Some(&alice), count, json!({})).await["unreadConversationCount"],
            0
        );
        for text in ["@alice one thing", "@alice another"] {
            server.post(&bob, text, "DIRECT").await;
        }
        assert_eq!(
            server.ok(Some(&alice), count, json!({})).await["unreadConversationCount"],
            2
        );
        assert_eq!(
            server.ok(Some(&bob), count, json!({})).await["unreadConversationCount"],
            0
        );
        let data = server
            .ok(
                Some(&alice),
                "{ conversations(first: 1) { edges { node { id } } } }",
                json!({}),
            )
            .await;
        let first = data["conversations"]["edges"][0]["node"]["id"].clone();
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { markConversationRead(input: {id: $id}) { conversation { unread } } }",
                json!({ "id": first }),
            )
            .await;
        assert_eq!(
            server.ok(Some(&alice), count, json!({})).await["unreadConversationCount"],
            1
        );
    }
}

#[tokio::test]
async fn one_notification_can_be_dismissed_by_its_recipient_only() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let post = server.post(&alice, "likeable", "PUBLIC").await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }",
                json!({ "id": post }),
            )
            .await;
        let list = "{ unreadNotificationCount notifications(first: 5) { edges { node { id } } } }";
        let data = server.ok(Some(&alice), list, json!({})).await;
        assert_eq!(data["unreadNotificationCount"], 1);
        let id = data["notifications"]["edges"][0]["node"]["id"].clone();
        let dismiss = "mutation($id: ID!) { dismissNotification(input: {id: $id}) { dismissedNotificationId } }";
        assert_eq!(
            server
                .error_code(Some(&bob), dismiss, json!({ "id": id }))
                .await,
            "NOT_FOUND"
        );
        assert_eq!(
            server.ok(Some(&alice), list, json!({})).await["unreadNotificationCount"],
            1
        );
        let data = server.ok(Some(&alice), dismiss, json!({ "id": id })).await;
        assert_eq!(data["dismissNotification"]["dismissedNotificationId"], id);
        let data = server.ok(Some(&alice), list, json!({})).await;
        assert_eq!(data["unreadNotificationCount"], 0);
        assert!(
            data["notifications"]["edges"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            server
                .error_code(Some(&alice), dismiss, json!({ "id": id }))
                .await,
            "NOT_FOUND"
        );
    }
}

#[tokio::test]
async fn muted_and_blocked_accounts_are_listed_to_their_muter_and_blocker() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let (_, carol_id) = server.register("carol").await;
        let (_, dave_id) = server.register("dave").await;
        server
            .ok(Some(&alice), MUTE, json!({ "id": bob_id, "d": null }))
            .await;
        server
            .ok(Some(&alice), MUTE, json!({ "id": carol_id, "d": 3600 }))
            .await;
        let block = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }";
        server
            .ok(Some(&alice), block, json!({ "id": dave_id }))
            .await;
        let lists = "query($first: Int, $after: String) { mutedAccounts(first: $first, after: $after) { edges { node { username } } pageInfo { hasNextPage endCursor } } blockedAccounts(first: 10) { edges { node { username } } } }";
        let names = |data: &serde_json::Value, field: &str| -> Vec<String> {
            data[field]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["username"].as_str().unwrap().to_owned())
                .collect()
        };
        let data = server.ok(Some(&alice), lists, json!({ "first": 1 })).await;
        assert_eq!(
            names(&data, "mutedAccounts"),
            ["carol"],
            "{}",
            server.backend
        );
        assert_eq!(
            names(&data, "blockedAccounts"),
            ["dave"],
            "{}",
            server.backend
        );
        assert_eq!(data["mutedAccounts"]["pageInfo"]["hasNextPage"], true);
        let after = data["mutedAccounts"]["pageInfo"]["endCursor"].clone();
        let data = server
            .ok(Some(&alice), lists, json!({ "first": 1, "after": after }))
            .await;
        assert_eq!(names(&data, "mutedAccounts"), ["bob"], "{}", server.backend);
        // Another's lists are their own; an ended mute is none.
        let data = server.ok(Some(&bob), lists, json!({ "first": 10 })).await;
        assert!(names(&data, "mutedAccounts").is_empty());
        assert!(names(&data, "blockedAccounts").is_empty());
        server
            .ok(Some(&alice), MUTE, json!({ "id": carol_id, "d": 1 }))
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let data = server.ok(Some(&alice), lists, json!({ "first": 10 })).await;
        assert_eq!(names(&data, "mutedAccounts"), ["bob"], "{}", server.backend);
    }
}
