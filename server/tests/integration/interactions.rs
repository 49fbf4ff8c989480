//! Favourites, boosts, bookmarks and notifications, locally and across servers: follows, mentions,
//! likes and boosts reach the account they concern as notifications, once.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::federation::{eventually, federating, remote_id};
use super::support::TestServer;

const NOTIFICATIONS: &str = "{ unreadNotificationCount notifications(first: 20) { edges { node { type account { acct } status { content } } } } }";
const FAVOURITE: &str = "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { favouritesCount favourited } } }";
const UNFAVOURITE: &str = "mutation($id: ID!) { unfavourite(input: {statusId: $id}) { status { favouritesCount favourited } } }";
const REBLOG: &str = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { reblog { content reblogsCount reblogged } } } }";
const UNREBLOG: &str =
    "mutation($id: ID!) { unreblog(input: {statusId: $id}) { status { reblogsCount } } }";
const COUNT: &str = "query($id: ID!) { status(id: $id) { favouritesCount favourited } }";

/// (type, acct) of each notification, newest first.
async fn notifications(server: &TestServer, token: &str) -> Vec<(String, String)> {
    let data = server.ok(Some(token), NOTIFICATIONS, json!({})).await;
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["type"].as_str().unwrap().to_owned(),
                node["account"]["acct"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

async fn flow(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (carol, _) = a.register("carol").await;
    let (bob, _) = b.register("bob").await;
    let bob_acct = format!("bob@{}", b.instance.domain);
    let post = a.post(&alice, "likeable", "PUBLIC").await;

    // Locally: a like, liked again, is one like and one notification; one's own is silent.
    for _ in 0..2 {
        let data = a.ok(Some(&carol), FAVOURITE, json!({ "id": post })).await;
        assert_eq!(data["favourite"]["status"]["favouritesCount"], 1);
        assert_eq!(data["favourite"]["status"]["favourited"], true);
    }
    a.ok(Some(&alice), FAVOURITE, json!({ "id": post })).await;
    a.ok(Some(&alice), UNFAVOURITE, json!({ "id": post })).await;
    assert_eq!(
        notifications(&a, &alice).await,
        vec![("FAVOURITE".to_owned(), "carol".to_owned())]
    );
    let data = a.ok(None, COUNT, json!({ "id": post })).await;
    assert_eq!(data["status"]["favouritesCount"], 1);
    assert_eq!(data["status"]["favourited"], false);

    // Bookmarks are the viewer's own.
    let bookmark =
        "mutation($id: ID!) { bookmark(input: {statusId: $id}) { status { bookmarked } } }";
    let unbookmark =
        "mutation($id: ID!) { unbookmark(input: {statusId: $id}) { status { bookmarked } } }";
    let kept = "{ bookmarks(first: 10) { edges { node { content bookmarked } } } }";
    for _ in 0..2 {
        let data = a.ok(Some(&carol), bookmark, json!({ "id": post })).await;
        assert_eq!(data["bookmark"]["status"]["bookmarked"], true);
    }
    let data = a.ok(Some(&carol), kept, json!({})).await;
    let edges = data["bookmarks"]["edges"].as_array().unwrap().clone();
    assert_eq!(edges.len(), 1);
    assert_eq!(edges[0]["node"]["content"], "<p>likeable</p>");
    let data = a.ok(Some(&alice), kept, json!({})).await;
    assert!(data["bookmarks"]["edges"].as_array().unwrap().is_empty());
    let data = a
        .ok(
            Some(&alice),
            "query($id: ID!) { status(id: $id) { bookmarked } }",
            json!({ "id": post }),
        )
        .await;
    assert_eq!(data["status"]["bookmarked"], false);
    let data = a.ok(Some(&carol), unbookmark, json!({ "id": post })).await;
    assert_eq!(data["unbookmark"]["status"]["bookmarked"], false);
    let data = a.ok(Some(&carol), kept, json!({})).await;
    assert!(data["bookmarks"]["edges"].as_array().unwrap().is_empty());
    assert_eq!(a.error_code(None, kept, json!({})).await, "UNAUTHENTICATED");

    // Across servers: bob follows alice, mentions her, and likes her post.
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    b.ok(
        Some(&bob),
        "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
        json!({ "id": alice_on_b }),
    )
    .await;
    let mention = format!("hello @alice@{}", a.instance.domain);
    b.post(&bob, &mention, "PUBLIC").await;
    let uri = a
        .ok(
            Some(&alice),
            "query($id: ID!) { status(id: $id) { uri } }",
            json!({ "id": post }),
        )
        .await["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let post_on_b = b
        .ok(
            Some(&bob),
            "query($u: String!) { resolveObject(url: $u) { ... on Status { id } } }",
            json!({ "u": uri }),
        )
        .await["resolveObject"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let data = b
        .ok(Some(&bob), FAVOURITE, json!({ "id": post_on_b }))
        .await;
    assert_eq!(data["favourite"]["status"]["favourited"], true);
    eventually(Duration::from_secs(10), "the remote like", || async {
        let data = a.ok(None, COUNT, json!({ "id": post })).await;
        data["status"]["favouritesCount"] == 2
    })
    .await;
    eventually(Duration::from_secs(10), "bob's notifications", || async {
        notifications(&a, &alice).await.len() >= 4
    })
    .await;
    let mut kinds: Vec<(String, String)> = notifications(&a, &alice).await;
    kinds.sort();
    assert_eq!(
        kinds,
        vec![
            ("FAVOURITE".to_owned(), bob_acct.clone()),
            ("FAVOURITE".to_owned(), "carol".to_owned()),
            ("FOLLOW".to_owned(), bob_acct.clone()),
            ("MENTION".to_owned(), bob_acct.clone()),
        ]
    );
    let data: Value = a.ok(Some(&alice), NOTIFICATIONS, json!({})).await;
    assert_eq!(data["unreadNotificationCount"], 4);
    // Carol hears of nothing.
    assert!(notifications(&a, &carol).await.is_empty());

    // The Undo takes the remote like back.
    b.ok(Some(&bob), UNFAVOURITE, json!({ "id": post_on_b }))
        .await;
    eventually(Duration::from_secs(10), "the remote unlike", || async {
        let data = a.ok(None, COUNT, json!({ "id": post })).await;
        data["status"]["favouritesCount"] == 1
    })
    .await;

    // Boosts: carol's reaches bob, who follows her, as an Announce; bob's reaches alice.
    let carol_on_b = remote_id(&b, &bob, "carol", &a).await;
    b.ok(
        Some(&bob),
        "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
        json!({ "id": carol_on_b }),
    )
    .await;
    eventually(Duration::from_secs(10), "bob following carol", || async {
        let data = b
            .ok(
                Some(&bob),
                "query($id: ID!) { account(id: $id) { relationship { following } } }",
                json!({ "id": carol_on_b }),
            )
            .await;
        data["account"]["relationship"]["following"] == true
    })
    .await;
    for _ in 0..2 {
        let data = a.ok(Some(&carol), REBLOG, json!({ "id": post })).await;
        let boost = &data["reblog"]["reblog"];
        assert_eq!(boost["reblog"]["content"], "<p>likeable</p>");
        assert_eq!(boost["reblog"]["reblogsCount"], 1);
        assert_eq!(boost["reblog"]["reblogged"], true);
    }
    let hidden = a.post(&alice, "for followers", "FOLLOWERS").await;
    let code = a
        .error_code(Some(&alice), REBLOG, json!({ "id": hidden }))
        .await;
    assert_eq!(code, "VALIDATION");
    // Bob follows alice too, so his home shows her status rather than carol's boost of it:
    // the boost is looked for among carol's statuses.
    let carols = "query($id: ID!) { accountStatuses(accountId: $id, first: 5) { edges { node { author { acct } reblog { content author { acct } } } } } }";
    eventually(
        Duration::from_secs(10),
        "carol's boost on bob's server",
        || async {
            let data = b.ok(Some(&bob), carols, json!({ "id": carol_on_b })).await;
            data["accountStatuses"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| {
                    e["node"]["reblog"]["content"] == "<p>likeable</p>"
                        && e["node"]["author"]["acct"] == format!("carol@{}", a.instance.domain)
                })
        },
    )
    .await;
    let data = b.ok(Some(&bob), REBLOG, json!({ "id": post_on_b })).await;
    assert_eq!(
        data["reblog"]["reblog"]["reblog"]["content"],
        "<p>likeable</p>"
    );
    let boosts = "query($id: ID!) { status(id: $id) { reblogsCount } }";
    eventually(Duration::from_secs(10), "bob's boost", || async {
        let data = a.ok(None, boosts, json!({ "id": post })).await;
        data["status"]["reblogsCount"] == 2
    })
    .await;
    let mut kinds = notifications(&a, &alice).await;
    kinds.retain(|(kind, _)| kind == "REBLOG");
    kinds.sort();
    assert_eq!(
        kinds,
        vec![
            ("REBLOG".to_owned(), bob_acct.clone()),
            ("REBLOG".to_owned(), "carol".to_owned()),
        ]
    );
    // Public timelines hold statuses, not boosts.
    let local = a
        .ok(
            None,
            "{ localTimeline(first: 20) { edges { node { reblog { id } } } } }",
            json!({}),
        )
        .await;
    assert!(
        local["localTimeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["node"]["reblog"].is_null())
    );
    b.ok(Some(&bob), UNREBLOG, json!({ "id": post_on_b })).await;
    eventually(Duration::from_secs(10), "bob's unboost", || async {
        let data = a.ok(None, boosts, json!({ "id": post })).await;
        data["status"]["reblogsCount"] == 1
    })
    .await;

    // Bad input changes nothing.
    for (token, id, code) in [
        (None, post.as_str(), "UNAUTHENTICATED"),
        (Some(carol.as_str()), "nonsense", "VALIDATION"),
    ] {
        assert_eq!(
            a.error_code(token, FAVOURITE, json!({ "id": id })).await,
            code
        );
    }
    let hidden = a.post(&alice, "for followers", "FOLLOWERS").await;
    assert_eq!(
        a.error_code(Some(&carol), FAVOURITE, json!({ "id": hidden }))
            .await,
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn likes_boosts_follows_and_mentions_notify_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    flow(a, b).await;
}

#[tokio::test]
async fn likes_boosts_follows_and_mentions_notify_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    flow(a, b).await;
}

#[tokio::test]
async fn notifications_can_be_filtered_by_type() {
    let query = "query($f: NotificationFilterInput) { notifications(filter: $f, first: 20) { edges { node { type } } } }";
    for server in super::support::servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let post = server.post(&alice, "hello", "PUBLIC").await;
        server
            .ok(Some(&bob), FAVOURITE, json!({ "id": post }))
            .await;
        server.post(&bob, "hi @alice", "PUBLIC").await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        let types = |filter: Value| {
            let server = &server;
            let alice = alice.clone();
            async move {
                let data = server.ok(Some(&alice), query, json!({ "f": filter })).await;
                data["notifications"]["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["node"]["type"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(types(Value::Null).await, ["FOLLOW", "MENTION", "FAVOURITE"]);
        assert_eq!(
            types(json!({ "types": ["FAVOURITE"] })).await,
            ["FAVOURITE"]
        );
        assert_eq!(
            types(json!({ "excludeTypes": ["FAVOURITE", "FOLLOW"] })).await,
            ["MENTION"]
        );
        assert_eq!(
            types(json!({ "types": ["MENTION", "FOLLOW"], "excludeTypes": ["FOLLOW"] })).await,
            ["MENTION"]
        );
        assert!(types(json!({ "types": ["REBLOG"] })).await.is_empty());
        assert_eq!(
            server
                .error_code(Some(&alice), query, json!({ "f": { "types": ["NOPE"] } }))
                .await,
            "VALIDATION"
        );
    }
}
