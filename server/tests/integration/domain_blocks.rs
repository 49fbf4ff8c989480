//! Domain blocks of one account: a blocked server's statuses leave the blocker's timelines,
//! its accounts stop following the blocker and are no longer heard of; others see all.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::federation::{eventually, federating, remote_id};
use super::support::TestServer;

const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const BLOCK: &str = "mutation($d: String!) { blockDomain(input: {domain: $d}) { domain } }";
const UNBLOCK: &str = "mutation($d: String!) { unblockDomain(input: {domain: $d}) { domain } }";
const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content } } } }";
const FOLLOWERS: &str = "query($id: ID!) { account(id: $id) { followersCount } }";
const UNREAD: &str = "{ unreadNotificationCount }";
const NOTIFICATIONS: &str =
    "{ notifications(first: 50) { edges { node { type account { username } status { id } } } } }";
const CONVERSATIONS: &str =
    "{ conversations(first: 10) { edges { node { id lastStatus { id } } } } }";

pub(super) async fn home(server: &TestServer, token: &str) -> Vec<String> {
    let data = server.ok(Some(token), HOME, json!({})).await;
    data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_blocked_server_leaves_the_blockers_view_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    blocked_server_leaves_view(a, b).await;
}

#[tokio::test]
async fn a_blocked_server_leaves_the_blockers_view_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    blocked_server_leaves_view(a, b).await;
}

async fn blocked_server_leaves_view(a: TestServer, b: TestServer) {
    let (alice, alice_id) = a.register("alice").await;
    let (carol, _) = a.register("carol").await;
    let (bob, _) = b.register("bob").await;

    // Alice and carol follow bob, bob follows alice; bob posts.
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;
    for token in [&alice, &carol] {
        a.ok(Some(token), FOLLOW, json!({ "id": bob_on_a })).await;
    }
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    b.ok(Some(&bob), FOLLOW, json!({ "id": alice_on_b })).await;
    eventually(Duration::from_secs(10), "bob follows alice", || async {
        a.ok(None, FOLLOWERS, json!({ "id": alice_id })).await["account"]["followersCount"] == 1
    })
    .await;
    // A remote account's followersCount is what its server publishes: each follower's
    // own relationship says the follow was accepted.
    let following = "query($id: ID!) { account(id: $id) { relationship { following } } }";
    for token in [&alice, &carol] {
        eventually(Duration::from_secs(10), "follows accepted", || async {
            let data = a
                .ok(Some(token), following, json!({ "id": bob_on_a }))
                .await;
            data["account"]["relationship"]["following"] == true
        })
        .await;
    }
    b.post(&bob, "news from b", "PUBLIC").await;
    eventually(Duration::from_secs(10), "bob's post", || async {
        home(&a, &alice).await == vec!["<p>news from b</p>"]
    })
    .await;

    let domain = b.instance.domain.to_uppercase();
    let data = a.ok(Some(&alice), BLOCK, json!({ "d": domain })).await;
    assert_eq!(data["blockDomain"]["domain"], b.instance.domain);
    let data = a.ok(Some(&alice), "{ blockedDomains }", json!({})).await;
    assert_eq!(data["blockedDomains"], json!([b.instance.domain]));
    assert!(home(&a, &alice).await.is_empty());
    assert_eq!(
        home(&a, &carol).await,
        vec!["<p>news from b</p>"],
        "carol sees all"
    );
    let data = a.ok(None, FOLLOWERS, json!({ "id": alice_id })).await;
    assert_eq!(
        data["account"]["followersCount"], 0,
        "bob follows alice no more"
    );

    // Bob's mention of alice goes unheard.
    let before = a.ok(Some(&alice), UNREAD, json!({})).await;
    let mention = format!("hello @alice@{}", a.instance.domain);
    b.post(&bob, &mention, "PUBLIC").await;
    eventually(
        Duration::from_secs(10),
        "the mention reaches carol's home",
        || async { home(&a, &carol).await.len() == 2 },
    )
    .await;
    assert_eq!(a.ok(Some(&alice), UNREAD, json!({})).await, before);

    for bad in ["", "not a domain!", "..."] {
        assert_eq!(
            a.error_code(Some(&alice), BLOCK, json!({ "d": bad })).await,
            "VALIDATION",
            "{bad:?}"
        );
    }
    assert_eq!(
        a.error_code(None, "{ blockedDomains }", json!({})).await,
        "UNAUTHENTICATED"
    );
    a.ok(Some(&alice), UNBLOCK, json!({ "d": b.instance.domain }))
        .await;
    assert_eq!(home(&a, &alice).await.len(), 2);
}

#[tokio::test]
async fn a_blocked_server_leaves_no_notifications_or_conversations_behind() {
    for test in TestDb::all().await {
        let a = federating(test).await;
        let b = federating(TestDb::sqlite().await).await;
        let (alice, _) = a.register("alice").await;
        let (dan, _) = a.register("dan").await;
        let (bob, _) = b.register("bob").await;
        remote_id(&b, &bob, "alice", &a).await;
        remote_id(&a, &alice, "bob", &b).await;
        let listed = || async {
            let data = a.ok(Some(&alice), NOTIFICATIONS, json!({})).await;
            data["notifications"]["edges"].as_array().unwrap().to_vec()
        };
        let conversations = || async {
            let data = a.ok(Some(&alice), CONVERSATIONS, json!({})).await;
            data["conversations"]["edges"].as_array().unwrap().to_vec()
        };
        let to_alice = format!("@alice@{}", a.instance.domain);
        a.post(&dan, "@alice hello from here", "PUBLIC").await;
        for (count, (text, visibility)) in [("hello", "PUBLIC"), ("a secret", "DIRECT")]
            .into_iter()
            .enumerate()
        {
            b.post(&bob, &format!("{to_alice} {text}"), visibility)
                .await;
            eventually(Duration::from_secs(10), "bob's mention", || async {
                listed().await.len() == count + 2
            })
            .await;
        }
        assert_eq!(conversations().await.len(), 1, "{}", a.backend);

        a.ok(Some(&alice), BLOCK, json!({ "d": b.instance.domain }))
            .await;
        let notifications = listed().await;
        assert_eq!(notifications.len(), 1, "{}: {notifications:?}", a.backend);
        assert_eq!(notifications[0]["node"]["account"]["username"], "dan");
        assert_eq!(
            a.ok(Some(&alice), UNREAD, json!({})).await["unreadNotificationCount"],
            1
        );
        assert!(conversations().await.is_empty(), "{}", a.backend);
    }
}
