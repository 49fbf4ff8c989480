//! Actions on a status by id: a boost's id stands for the status it boosts, and one's own
//! favourite, bookmark or boost can be taken back after losing sight of the status.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const REBLOG: &str = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }";
const FAVOURITE: &str =
    "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id favourited } } }";
const UNFAVOURITE: &str =
    "mutation($id: ID!) { unfavourite(input: {statusId: $id}) { status { id favourited } } }";
const BOOKMARK: &str =
    "mutation($id: ID!) { bookmark(input: {statusId: $id}) { status { id bookmarked } } }";
const UNBOOKMARK: &str =
    "mutation($id: ID!) { unbookmark(input: {statusId: $id}) { status { id bookmarked } } }";
const UNREBLOG: &str =
    "mutation($id: ID!) { unreblog(input: {statusId: $id}) { status { id reblogged } } }";
const STATUS: &str = "query($id: ID!) { status(id: $id) { id favouritesCount favourited bookmarked reblogsCount pinned muted poll { votesCount } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const UNFOLLOW: &str =
    "mutation($id: ID!) { unfollow(input: {accountId: $id}) { account { id } } }";

async fn boost(server: &TestServer, token: &str, id: &str) -> String {
    let data = server.ok(Some(token), REBLOG, json!({ "id": id })).await;
    data["reblog"]["reblog"]["id"].as_str().unwrap().to_owned()
}

async fn status(server: &TestServer, token: Option<&str>, id: &str) -> Value {
    server.ok(token, STATUS, json!({ "id": id })).await["status"].clone()
}

/// (type, status id) of each of the account's notifications.
async fn notified(server: &TestServer, token: &str) -> Vec<(String, Option<String>)> {
    let data = server
        .ok(
            Some(token),
            "{ notifications(first: 20) { edges { node { type status { id } } } } }",
            json!({}),
        )
        .await;
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["type"].as_str().unwrap().to_owned(),
                e["node"]["status"]["id"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[tokio::test]
async fn actions_on_a_boost_act_on_the_status_it_boosts() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let post = server.post(&alice, "original", "PUBLIC").await;
        let boosted = boost(&server, &bob, &post).await;

        // A favourite of the boost is one of the post: its author is told of the post.
        let data = server
            .ok(Some(&carol), FAVOURITE, json!({ "id": boosted }))
            .await;
        assert_eq!(data["favourite"]["status"]["id"], post.as_str());
        assert_eq!(data["favourite"]["status"]["favourited"], true);
        let read = status(&server, Some(&carol), &post).await;
        assert_eq!(read["favouritesCount"], 1, "{}", server.backend);
        assert_eq!(read["favourited"], true);
        assert_eq!(status(&server, None, &boosted).await["favouritesCount"], 0);
        assert!(
            notified(&server, &alice)
                .await
                .contains(&("FAVOURITE".to_owned(), Some(post.clone()))),
            "{}",
            server.backend
        );
        let data = server
            .ok(Some(&carol), UNFAVOURITE, json!({ "id": boosted }))
            .await;
        assert_eq!(data["unfavourite"]["status"]["id"], post.as_str());
        assert_eq!(status(&server, None, &post).await["favouritesCount"], 0);

        // Bookmarks, conversation mutes and boosts alike.
        let data = server
            .ok(Some(&carol), BOOKMARK, json!({ "id": boosted }))
            .await;
        assert_eq!(data["bookmark"]["status"]["id"], post.as_str());
        assert_eq!(
            status(&server, Some(&carol), &post).await["bookmarked"],
            true
        );
        let data = server
            .ok(Some(&carol), UNBOOKMARK, json!({ "id": boosted }))
            .await;
        assert_eq!(data["unbookmark"]["status"]["id"], post.as_str());
        assert_eq!(
            status(&server, Some(&carol), &post).await["bookmarked"],
            false
        );
        let data = server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { muteConversation(input: {statusId: $id}) { status { id muted } } }",
                json!({ "id": boosted }),
            )
            .await;
        assert_eq!(data["muteConversation"]["status"]["id"], post.as_str());
        assert_eq!(status(&server, Some(&carol), &post).await["muted"], true);
        boost(&server, &carol, &boosted).await;
        assert_eq!(status(&server, None, &post).await["reblogsCount"], 2);
        let data = server
            .ok(Some(&carol), UNREBLOG, json!({ "id": boosted }))
            .await;
        assert_eq!(data["unreblog"]["status"]["id"], post.as_str());
        assert_eq!(status(&server, None, &post).await["reblogsCount"], 1);

        // A reply to the boost replies to the post, not to the booster.
        let data = server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { createStatus(input: {text: \"agreed\", inReplyToId: $id}) { status { inReplyTo { id author { username } } } } }",
                json!({ "id": boosted }),
            )
            .await;
        let reply = &data["createStatus"]["status"];
        assert_eq!(
            reply["inReplyTo"]["id"],
            post.as_str(),
            "{}",
            server.backend
        );
        assert_eq!(reply["inReplyTo"]["author"]["username"], "alice");

        // A vote through the boost is a vote in the post's poll.
        let data = server
            .ok(
                Some(&alice),
                "mutation { createStatus(input: {text: \"tea?\", poll: {options: [\"yes\", \"no\"], expiresInSeconds: 3600}}) { status { id } } }",
                json!({}),
            )
            .await;
        let poll = data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let boosted_poll = boost(&server, &bob, &poll).await;
        let data = server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { vote(input: {statusId: $id, choices: [0]}) { status { poll { votesCount } } } }",
                json!({ "id": boosted_poll }),
            )
            .await;
        assert_eq!(
            data["vote"]["status"]["poll"]["votesCount"], 1,
            "{}",
            server.backend
        );

        // One's own boost of one's own status pins the status.
        let own_boost = boost(&server, &alice, &post).await;
        let data = server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id pinned } } }",
                json!({ "id": own_boost }),
            )
            .await;
        assert_eq!(
            data["pin"]["status"]["id"],
            post.as_str(),
            "{}",
            server.backend
        );
        assert_eq!(status(&server, None, &post).await["pinned"], true);
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { unpin(input: {statusId: $id}) { status { id } } }",
                json!({ "id": own_boost }),
            )
            .await;
        assert_eq!(status(&server, None, &post).await["pinned"], false);
    }
}

#[tokio::test]
async fn undoing_ones_own_action_needs_no_sight_of_the_status() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (carol, carol_id) = server.register("carol").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;
        let private = server.post(&alice, "for followers", "FOLLOWERS").await;
        server
            .ok(Some(&carol), FAVOURITE, json!({ "id": private }))
            .await;
        server
            .ok(Some(&carol), BOOKMARK, json!({ "id": private }))
            .await;
        assert_eq!(
            status(&server, Some(&alice), &private).await["favouritesCount"],
            1
        );
        server
            .ok(Some(&carol), UNFOLLOW, json!({ "id": alice_id }))
            .await;
        assert_eq!(
            server
                .error_code(Some(&carol), STATUS, json!({ "id": private }))
                .await,
            "NOT_FOUND"
        );

        // Taking back one's favourite and bookmark works, and the favourite stops counting.
        let data = server
            .ok(Some(&carol), UNFAVOURITE, json!({ "id": private }))
            .await;
        assert_eq!(data["unfavourite"]["status"]["favourited"], false);
        assert_eq!(
            status(&server, Some(&alice), &private).await["favouritesCount"],
            0
        );
        let data = server
            .ok(Some(&carol), UNBOOKMARK, json!({ "id": private }))
            .await;
        assert_eq!(data["unbookmark"]["status"]["bookmarked"], false);
        let data = server
            .ok(
                Some(&carol),
                "{ bookmarks(first: 10) { edges { node { id } } } }",
                json!({}),
            )
            .await;
        assert_eq!(data["bookmarks"]["edges"], json!([]));
        // Doing it again, without sight of the status, is still refused.
        for query in [FAVOURITE, BOOKMARK, UNFAVOURITE, UNBOOKMARK] {
            assert_eq!(
                server
                    .error_code(Some(&carol), query, json!({ "id": private }))
                    .await,
                "NOT_FOUND",
                "{query}"
            );
        }

        // A boost, once its author blocks the booster, is taken back all the same.
        let public = server.post(&alice, "for everyone", "PUBLIC").await;
        boost(&server, &carol, &public).await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": carol_id }),
            )
            .await;
        assert_eq!(status(&server, None, &public).await["reblogsCount"], 1);
        let data = server
            .ok(Some(&carol), UNREBLOG, json!({ "id": public }))
            .await;
        assert_eq!(data["unreblog"]["status"]["reblogged"], false);
        assert_eq!(status(&server, None, &public).await["reblogsCount"], 0);
    }
}
