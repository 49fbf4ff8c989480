//! Mutes: a muted account's statuses and boosts of them leave the muter's timelines, its
//! notifications stop when asked, nothing else changes, and a mute may end by itself.

use std::time::Duration;

use serde_json::json;

use super::support::{TestServer, servers};

const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const MUTE: &str = "mutation($id: ID!, $n: Boolean!, $d: Int) { mute(input: {accountId: $id, notifications: $n, durationSeconds: $d}) { account { relationship { muting mutingNotifications } } } }";
const UNMUTE: &str = "mutation($id: ID!) { unmute(input: {accountId: $id}) { account { relationship { muting } } } }";
const HOME: &str = "{ homeTimeline(first: 40) { edges { node { content reblog { content } } } } }";
const PUBLIC: &str = "{ publicTimeline(first: 40) { edges { node { content } } } }";
const FAVOURITE: &str =
    "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }";
const UNREAD: &str = "{ unreadNotificationCount }";

/// Each status of a timeline as its content, a boost as `boost of <content>`.
async fn timeline(server: &TestServer, token: Option<&str>, query: &str) -> Vec<String> {
    let data = server.ok(token, query, json!({})).await;
    let (_, timeline) = data.as_object().unwrap().iter().next().unwrap();
    timeline["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| match e["node"]["reblog"]["content"].as_str() {
            Some(boosted) => format!("boost of {boosted}"),
            None => e["node"]["content"].as_str().unwrap().to_owned(),
        })
        .collect()
}

async fn unread(server: &TestServer, token: &str) -> u64 {
    server.ok(Some(token), UNREAD, json!({})).await["unreadNotificationCount"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn a_muted_account_leaves_timelines_and_notifications() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        for id in [&bob_id, &carol_id] {
            server.ok(Some(&alice), FOLLOW, json!({ "id": id })).await;
        }
        let bobs = server.post(&bob, "bob speaks", "PUBLIC").await;
        let reblog = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }";
        server.ok(Some(&carol), reblog, json!({ "id": bobs })).await;
        server.post(&carol, "carol speaks", "PUBLIC").await;
        // Carol's boost of bob's status is left out: the status is on the page itself.
        let everything = vec![
            "<p>carol speaks</p>".to_owned(),
            "<p>bob speaks</p>".to_owned(),
        ];
        assert_eq!(timeline(&server, Some(&alice), HOME).await, everything);

        let data = server
            .ok(
                Some(&alice),
                MUTE,
                json!({ "id": bob_id, "n": true, "d": null }),
            )
            .await;
        let relationship = &data["mute"]["account"]["relationship"];
        assert_eq!(relationship["muting"], true);
        assert_eq!(relationship["mutingNotifications"], true);
        assert_eq!(
            timeline(&server, Some(&alice), HOME).await,
            vec!["<p>carol speaks</p>"],
            "neither bob's status nor its boost"
        );
        assert!(
            !timeline(&server, Some(&alice), PUBLIC)
                .await
                .contains(&"<p>bob speaks</p>".to_owned())
        );
        assert!(
            timeline(&server, None, PUBLIC)
                .await
                .contains(&"<p>bob speaks</p>".to_owned()),
            "others still see bob"
        );
        let status = "query($id: ID!) { status(id: $id) { content } }";
        let data = server.ok(Some(&alice), status, json!({ "id": bobs })).await;
        assert_eq!(
            data["status"]["content"], "<p>bob speaks</p>",
            "nor is bob hidden"
        );

        // Bob's mention and like go unheard; carol's like is heard.
        let alices = server.post(&alice, "alice speaks", "PUBLIC").await;
        let before = unread(&server, &alice).await;
        server.post(&bob, "hello @alice", "PUBLIC").await;
        server
            .ok(Some(&bob), FAVOURITE, json!({ "id": alices }))
            .await;
        assert_eq!(unread(&server, &alice).await, before);
        server
            .ok(Some(&carol), FAVOURITE, json!({ "id": alices }))
            .await;
        assert_eq!(unread(&server, &alice).await, before + 1);

        // Muting only the statuses lets notifications through.
        server
            .ok(
                Some(&alice),
                MUTE,
                json!({ "id": bob_id, "n": false, "d": null }),
            )
            .await;
        let unfavourite =
            "mutation($id: ID!) { unfavourite(input: {statusId: $id}) { status { id } } }";
        server
            .ok(Some(&bob), unfavourite, json!({ "id": alices }))
            .await;
        server
            .ok(Some(&bob), FAVOURITE, json!({ "id": alices }))
            .await;
        assert_eq!(unread(&server, &alice).await, before + 2);

        // Bad input changes nothing.
        for (id, d) in [(&bob_id, json!(0)), (&bob_id, json!(400 * 24 * 3600))] {
            let code = server
                .error_code(Some(&alice), MUTE, json!({ "id": id, "n": true, "d": d }))
                .await;
            assert_eq!(code, "VALIDATION");
        }
        assert_eq!(
            server
                .error_code(
                    Some(&alice),
                    MUTE,
                    json!({ "id": alice_id, "n": true, "d": null })
                )
                .await,
            "VALIDATION"
        );
        assert_eq!(timeline(&server, Some(&alice), HOME).await.len(), 2);

        // A mute with an end ends by itself; unmute ends one at once.
        server
            .ok(
                Some(&alice),
                MUTE,
                json!({ "id": bob_id, "n": true, "d": 1 }),
            )
            .await;
        assert!(
            !timeline(&server, Some(&alice), HOME)
                .await
                .contains(&"<p>bob speaks</p>".to_owned())
        );
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert!(
            timeline(&server, Some(&alice), HOME)
                .await
                .contains(&"<p>bob speaks</p>".to_owned())
        );
        server
            .ok(
                Some(&alice),
                MUTE,
                json!({ "id": bob_id, "n": true, "d": null }),
            )
            .await;
        let data = server
            .ok(Some(&alice), UNMUTE, json!({ "id": bob_id }))
            .await;
        assert_eq!(data["unmute"]["account"]["relationship"]["muting"], false);
        // Bob's two statuses, carol's, alice's own (carol's boost of bob's is left out).
        assert_eq!(timeline(&server, Some(&alice), HOME).await.len(), 4);
    }
}

#[tokio::test]
async fn a_muted_conversation_notifies_no_more() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let reply = "mutation($t: String!, $r: ID!) { createStatus(input: {text: $t, inReplyToId: $r, visibility: PUBLIC}) { status { id } } }";
        let hers = server.post(&alice, "a thread", "PUBLIC").await;
        let elsewhere = server.post(&alice, "another thread", "PUBLIC").await;
        server
            .ok(Some(&bob), reply, json!({ "t": "@alice first", "r": hers }))
            .await;
        assert_eq!(unread(&server, &alice).await, 1);

        let mute =
            "mutation($id: ID!) { muteConversation(input: {statusId: $id}) { status { muted } } }";
        let data = server.ok(Some(&alice), mute, json!({ "id": hers })).await;
        assert_eq!(data["muteConversation"]["status"]["muted"], true);
        let muted = "query($id: ID!) { status(id: $id) { muted } }";
        let seen_by_bob = server.ok(Some(&bob), muted, json!({ "id": hers })).await;
        assert_eq!(seen_by_bob["status"]["muted"], false, "the mute is alice's");
        server
            .ok(
                Some(&bob),
                reply,
                json!({ "t": "@alice second", "r": hers }),
            )
            .await;
        server
            .ok(Some(&bob), FAVOURITE, json!({ "id": hers }))
            .await;
        assert_eq!(
            unread(&server, &alice).await,
            1,
            "nothing from the muted thread"
        );
        server
            .ok(Some(&bob), FAVOURITE, json!({ "id": elsewhere }))
            .await;
        assert_eq!(unread(&server, &alice).await, 2, "other threads still tell");

        let unmute = "mutation($id: ID!) { unmuteConversation(input: {statusId: $id}) { status { muted } } }";
        let data = server.ok(Some(&alice), unmute, json!({ "id": hers })).await;
        assert_eq!(data["unmuteConversation"]["status"]["muted"], false);
        server
            .ok(Some(&bob), reply, json!({ "t": "@alice third", "r": hers }))
            .await;
        assert_eq!(unread(&server, &alice).await, 3);
    }
}
