//! Edits: a status's earlier versions are kept, boosters are told, and the edit reaches
//! other servers as an `Update` that they keep in their own history.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::federation::{eventually, federating, follow_accepted, remote_id};

const EDIT: &str = "mutation($id: ID!, $t: String!) { editStatus(input: {id: $id, text: $t}) { status { content edits { content } } } }";
const EDITS: &str =
    "query($id: ID!) { status(id: $id) { content editedAt edits { content createdAt } } }";

#[tokio::test]
async fn an_edit_keeps_the_earlier_version_tells_boosters_and_federates() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (dave, _) = a.register("dave").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    let status = a.post(&alice, "the first version", "PUBLIC").await;
    a.ok(
        Some(&dave),
        "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
        json!({ "id": status }),
    )
    .await;
    let home = "{ homeTimeline { edges { node { id content } } } }";
    eventually(Duration::from_secs(10), "the Create", || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["content"] == "<p>the first version</p>"
    })
    .await;

    // Only the author edits; an edit needs text.
    let (mallory, _) = a.register("mallory").await;
    let vars = json!({ "id": status, "t": "mine now" });
    assert_eq!(a.error_code(Some(&mallory), EDIT, vars).await, "FORBIDDEN");
    let vars = json!({ "id": status, "t": "  " });
    assert_eq!(a.error_code(Some(&alice), EDIT, vars).await, "VALIDATION");

    let vars = json!({ "id": status, "t": "the second version" });
    let edited = a.ok(Some(&alice), EDIT, vars).await;
    let versions = &edited["editStatus"]["status"]["edits"];
    assert_eq!(
        versions,
        &json!([{ "content": "<p>the first version</p>" }, { "content": "<p>the second version</p>" }])
    );
    let data = a.ok(None, EDITS, json!({ "id": status })).await;
    assert!(data["status"]["editedAt"].is_string());
    let notifications = a
        .ok(
            Some(&dave),
            "{ notifications(first: 5) { edges { node { type status { content } } } } }",
            json!({}),
        )
        .await;
    let first = &notifications["notifications"]["edges"][0]["node"];
    assert_eq!(first["type"], "UPDATE", "{notifications}");
    assert_eq!(first["status"]["content"], "<p>the second version</p>");

    // The other server applies the Update and keeps the first version too.
    eventually(Duration::from_secs(10), "the Update", || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["content"] == "<p>the second version</p>"
    })
    .await;
    let data = b.ok(Some(&bob), home, json!({})).await;
    let on_b = data["homeTimeline"]["edges"][0]["node"]["id"].clone();
    let data = b.ok(Some(&bob), EDITS, json!({ "id": on_b })).await;
    let contents: Vec<&str> = data["status"]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        contents,
        ["<p>the first version</p>", "<p>the second version</p>"]
    );
}
