//! Hashtags: a public timeline per tag, and followed tags whose public statuses reach the
//! follower's home timeline.

use serde_json::json;

use super::support::{TestServer, servers};

const FOLLOW_TAG: &str = "mutation($t: String!) { followTag(input: {tag: $t}) { tag } }";
const UNFOLLOW_TAG: &str = "mutation($t: String!) { unfollowTag(input: {tag: $t}) { tag } }";
const TAG: &str =
    "query($t: String!) { hashtagTimeline(tag: $t, first: 20) { edges { node { content } } } }";
const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content } } } }";

async fn contents(server: &TestServer, token: Option<&str>, query: &str, tag: &str) -> Vec<String> {
    let data = server.ok(token, query, json!({ "t": tag })).await;
    let (_, timeline) = data.as_object().unwrap().iter().next().unwrap();
    timeline["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn hashtag_timelines_and_followed_hashtags() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        server.post(&bob, "public #rust", "PUBLIC").await;
        server.post(&bob, "quiet #rust", "UNLISTED").await;
        server.post(&bob, "private #rust", "FOLLOWERS").await;
        server.post(&bob, "nothing tagged", "PUBLIC").await;

        let public = contents(&server, None, TAG, "#Rust").await;
        assert_eq!(public.len(), 1, "{public:?}");
        assert!(public[0].starts_with("<p>public"), "{public:?}");
        assert!(contents(&server, None, TAG, "unknown").await.is_empty());
        assert_eq!(
            server
                .error_code(None, TAG, json!({ "t": "not a tag!" }))
                .await,
            "VALIDATION"
        );

        assert!(contents(&server, Some(&alice), HOME, "").await.is_empty());
        let data = server
            .ok(Some(&alice), FOLLOW_TAG, json!({ "t": "#RUST" }))
            .await;
        assert_eq!(data["followTag"]["tag"], "rust");
        let data = server.ok(Some(&alice), "{ followedTags }", json!({})).await;
        assert_eq!(data["followedTags"], json!(["rust"]));
        assert_eq!(contents(&server, Some(&alice), HOME, "").await, public);
        let later = server.post(&bob, "later #rust", "PUBLIC").await;
        assert!(!later.is_empty());
        assert_eq!(contents(&server, Some(&alice), HOME, "").await.len(), 2);

        server
            .ok(Some(&alice), UNFOLLOW_TAG, json!({ "t": "rust" }))
            .await;
        assert!(contents(&server, Some(&alice), HOME, "").await.is_empty());
        assert_eq!(
            server.error_code(None, "{ followedTags }", json!({})).await,
            "UNAUTHENTICATED"
        );
    }
}
