//! Hashtags: a public timeline per tag, followed tags whose public statuses reach the
//! follower's home timeline, and `Tag` with its recent use.

use serde_json::json;

use super::support::{TestServer, servers};

const FOLLOW_TAG: &str =
    "mutation($t: String!) { followTag(input: {tag: $t}) { tag { name following } } }";
const UNFOLLOW_TAG: &str =
    "mutation($t: String!) { unfollowTag(input: {tag: $t}) { tag { name following } } }";
const ONE_TAG: &str =
    "query($t: String!) { tag(name: $t) { name url following history { day uses accounts } } }";
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
        assert_eq!(
            data["followTag"]["tag"],
            json!({ "name": "rust", "following": true })
        );
        let data = server
            .ok(
                Some(&alice),
                "{ followedTags { name following } }",
                json!({}),
            )
            .await;
        assert_eq!(
            data["followedTags"],
            json!([{ "name": "rust", "following": true }])
        );
        assert_eq!(contents(&server, Some(&alice), HOME, "").await, public);
        let later = server.post(&bob, "later #rust", "PUBLIC").await;
        assert!(!later.is_empty());
        assert_eq!(contents(&server, Some(&alice), HOME, "").await.len(), 2);

        let data = server
            .ok(Some(&alice), UNFOLLOW_TAG, json!({ "t": "rust" }))
            .await;
        assert_eq!(
            data["unfollowTag"]["tag"],
            json!({ "name": "rust", "following": false })
        );
        assert!(contents(&server, Some(&alice), HOME, "").await.is_empty());
        assert_eq!(
            server
                .error_code(None, "{ followedTags { name } }", json!({}))
                .await,
            "UNAUTHENTICATED"
        );
    }
}

/// A tag's history counts today's public and unlisted statuses carrying it and their
/// authors; followers-only ones, boosts and deleted statuses are left out, and earlier
/// days count zero.
#[tokio::test]
async fn a_tag_tells_whether_it_is_followed_and_how_much_it_was_used() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let first = server.post(&bob, "one #Garden", "PUBLIC").await;
        server.post(&bob, "two #garden", "UNLISTED").await;
        server.post(&bob, "hidden #garden", "FOLLOWERS").await;
        server
            .post(&alice, "mine #GARDEN and #garden again", "PUBLIC")
            .await;
        let gone = server.post(&alice, "gone #garden", "PUBLIC").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": gone }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { status { id } } }",
                json!({ "id": first }),
            )
            .await;
        server.post(&alice, "#elsewhere", "PUBLIC").await;

        let tag = server.ok(None, ONE_TAG, json!({ "t": "#Garden" })).await["tag"].clone();
        assert_eq!(tag["name"], "garden", "{backend}");
        assert_eq!(
            tag["url"],
            format!(
                "{}/tags/garden",
                server.instance.base_url.as_str().trim_end_matches('/')
            )
        );
        assert_eq!(tag["following"], false);
        let history = tag["history"].as_array().unwrap();
        assert_eq!(history.len(), 7, "{backend}");
        assert_eq!(history[0]["uses"], 3, "{backend}: {history:?}");
        assert_eq!(history[0]["accounts"], 2, "{backend}: {history:?}");
        let today = chrono::Utc::now().date_naive();
        let day = |entry: &serde_json::Value| {
            chrono::DateTime::parse_from_rfc3339(entry["day"].as_str().unwrap())
                .unwrap()
                .date_naive()
        };
        assert_eq!(day(&history[0]), today);
        assert_eq!(day(&history[6]), today - chrono::Duration::days(6));
        for earlier in &history[1..] {
            assert_eq!(
                (&earlier["uses"], &earlier["accounts"]),
                (&json!(0), &json!(0))
            );
        }

        server
            .ok(Some(&alice), FOLLOW_TAG, json!({ "t": "garden" }))
            .await;
        let followed = server
            .ok(Some(&alice), ONE_TAG, json!({ "t": "garden" }))
            .await;
        assert_eq!(followed["tag"]["following"], true);
        let other = server
            .ok(Some(&bob), ONE_TAG, json!({ "t": "garden" }))
            .await;
        assert_eq!(other["tag"]["following"], false);

        // A tag no status carries is there, unused; a name that is no tag is refused.
        let unused = server.ok(None, ONE_TAG, json!({ "t": "nothing" })).await;
        assert_eq!(unused["tag"]["history"][0]["uses"], 0);
        assert_eq!(
            server
                .error_code(None, ONE_TAG, json!({ "t": "no tag!" }))
                .await,
            "VALIDATION"
        );
    }
}
