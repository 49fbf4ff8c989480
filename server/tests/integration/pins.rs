//! Pins: one's own statuses shown first on one's profile, five at most, served as the
//! `featured` collection, and told to other servers (and heard from them) as `Add` and
//! `Remove`.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id pinned } } }";
const UNPIN: &str = "mutation($id: ID!) { unpin(input: {statusId: $id}) { status { id pinned } } }";
const PINNED: &str = "query($id: ID!) { account(id: $id) { pinnedStatuses { content pinned } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";

async fn pinned(server: &TestServer, token: Option<&str>, account: &str) -> Vec<String> {
    let data = server.ok(token, PINNED, json!({ "id": account })).await;
    data["account"]["pinnedStatuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["pinned"], true);
            s["content"].as_str().unwrap().to_owned()
        })
        .collect()
}

async fn featured(server: &TestServer) -> Value {
    let response = server
        .client
        .get(format!("{}/users/alice/collections/featured", server.base))
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn own_statuses_are_pinned_five_at_most_and_featured() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;

        let public = server.post(&alice, "public pin", "PUBLIC").await;
        let private = server.post(&alice, "followers pin", "FOLLOWERS").await;
        let direct = server.post(&alice, "secret for @bob", "DIRECT").await;
        let bobs = server.post(&bob, "bob's own", "PUBLIC").await;

        for id in [&public, &private, &public] {
            let data = server.ok(Some(&alice), PIN, json!({ "id": id })).await;
            assert_eq!(data["pin"]["status"]["pinned"], true);
        }
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": bobs }))
                .await,
            "FORBIDDEN",
            "only one's own statuses"
        );
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": direct }))
                .await,
            "VALIDATION",
            "not direct ones"
        );
        assert_eq!(
            server.error_code(None, PIN, json!({ "id": public })).await,
            "UNAUTHENTICATED"
        );

        // The latest pinned first; followers-only ones only for those who may see them.
        let both = vec![
            "<p>followers pin</p>".to_owned(),
            "<p>public pin</p>".to_owned(),
        ];
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await, both);
        assert_eq!(pinned(&server, Some(&carol), &alice_id).await, both);
        assert_eq!(
            pinned(&server, Some(&bob), &alice_id).await,
            vec!["<p>public pin</p>"]
        );
        assert_eq!(
            pinned(&server, None, &alice_id).await,
            vec!["<p>public pin</p>"]
        );

        // Other servers see what anyone may see.
        let collection = featured(&server).await;
        assert_eq!(collection["type"], "OrderedCollection");
        assert_eq!(collection["totalItems"], 1);
        assert_eq!(collection["orderedItems"][0]["type"], "Note");
        assert_eq!(
            collection["orderedItems"][0]["content"],
            "<p>public pin</p>"
        );

        // Five at most.
        for n in 0..3 {
            let id = server.post(&alice, &format!("more {n}"), "PUBLIC").await;
            server.ok(Some(&alice), PIN, json!({ "id": id })).await;
        }
        let sixth = server.post(&alice, "one too many", "PUBLIC").await;
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": sixth }))
                .await,
            "VALIDATION"
        );
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await.len(), 5);

        let data = server
            .ok(Some(&alice), UNPIN, json!({ "id": public }))
            .await;
        assert_eq!(data["unpin"]["status"]["pinned"], false);
        assert_eq!(
            server
                .error_code(Some(&bob), UNPIN, json!({ "id": private }))
                .await,
            "NOT_FOUND",
            "bob cannot see it, so cannot unpin it"
        );
        server.ok(Some(&alice), PIN, json!({ "id": sixth })).await;
        assert_eq!(featured(&server).await["totalItems"], 4);

        // A deleted status leaves its place free.
        let delete = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
        server
            .ok(Some(&alice), delete, json!({ "id": sixth }))
            .await;
        let seventh = server.post(&alice, "in its place", "PUBLIC").await;
        server.ok(Some(&alice), PIN, json!({ "id": seventh })).await;
        assert_eq!(pinned(&server, Some(&alice), &alice_id).await.len(), 5);
    }
}

#[tokio::test]
async fn pins_of_public_statuses_are_sent_as_add_and_remove() {
    use std::time::Duration;

    use rookery_domain::service::accounts;
    use rookery_domain::store::outbox_activities;
    use rookery_domain::testing::TestDb;
    use rookery_domain::types::ActivityKind;

    use super::federation::{eventually, federating};

    let server = federating(TestDb::sqlite().await).await;
    let (alice, _) = server.register("alice").await;
    let public = server.post(&alice, "pinned for all", "PUBLIC").await;
    let private = server
        .post(&alice, "pinned for followers", "FOLLOWERS")
        .await;
    let account = accounts::local_by_username(&server.db.db, "alice")
        .await
        .unwrap();
    let latest = || async {
        let ids = outbox_activities::recent_of(&server.db.db, account.id, 1)
            .await
            .unwrap();
        outbox_activities::by_id(&server.db.db, ids[0])
            .await
            .unwrap()
            .unwrap()
    };
    let uri = |id: &str| {
        let id = id.to_owned();
        let server = &server;
        let alice = alice.clone();
        async move {
            server
                .ok(
                    Some(&alice),
                    "query($id: ID!) { status(id: $id) { uri } }",
                    json!({ "id": id }),
                )
                .await["status"]["uri"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };

    server.ok(Some(&alice), PIN, json!({ "id": public })).await;
    eventually(Duration::from_secs(10), "the Add", || async {
        latest().await.body.is_some()
    })
    .await;
    let add = latest().await;
    assert_eq!(add.kind, ActivityKind::AddPin);
    let body: Value = serde_json::from_str(add.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["type"], "Add");
    assert_eq!(body["object"], uri(&public).await);
    assert_eq!(
        body["target"],
        format!("{}/collections/featured", account.actor_id)
    );

    // A followers-only pin is not announced; unpinning a public one is.
    server.ok(Some(&alice), PIN, json!({ "id": private })).await;
    server
        .ok(Some(&alice), UNPIN, json!({ "id": public }))
        .await;
    eventually(Duration::from_secs(10), "the Remove", || async {
        let last = latest().await;
        last.kind == ActivityKind::RemovePin && last.body.is_some()
    })
    .await;
    let remove = latest().await;
    let body: Value = serde_json::from_str(remove.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["type"], "Remove");
    assert_eq!(body["object"], uri(&public).await);
    let ids = outbox_activities::recent_of(&server.db.db, account.id, 10)
        .await
        .unwrap();
    let mut kinds = Vec::new();
    for id in ids {
        let activity = outbox_activities::by_id(&server.db.db, id)
            .await
            .unwrap()
            .unwrap();
        kinds.push(activity.kind);
    }
    let pins = kinds
        .iter()
        .filter(|k| matches!(k, ActivityKind::AddPin | ActivityKind::RemovePin))
        .count();
    assert_eq!(pins, 2, "{kinds:?}");
}

/// A pin on one server shows on the other, which hears of it as an `Add` (fetching the
/// status when it never saw it) and of the unpin as a `Remove`.
async fn pins_cross_servers(a: TestServer, b: TestServer) {
    use std::time::Duration;

    use super::federation::{eventually, follow_accepted, remote_id};

    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let older = a.post(&alice, "from before bob came", "PUBLIC").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    let newer = a.post(&alice, "for bob too", "PUBLIC").await;

    for id in [&older, &newer] {
        a.ok(Some(&alice), PIN, json!({ "id": id })).await;
    }
    let both = ["<p>for bob too</p>", "<p>from before bob came</p>"];
    eventually(Duration::from_secs(10), "the Adds", || async {
        pinned(&b, Some(&bob), &alice_on_b).await.len() == 2
    })
    .await;
    let mut on_b = pinned(&b, Some(&bob), &alice_on_b).await;
    on_b.sort();
    assert_eq!(on_b, both, "{}", a.backend);

    a.ok(Some(&alice), UNPIN, json!({ "id": older })).await;
    eventually(Duration::from_secs(10), "the Remove", || async {
        pinned(&b, Some(&bob), &alice_on_b).await == ["<p>for bob too</p>"]
    })
    .await;
    let statuses = b
        .ok(
            Some(&bob),
            "query($id: ID!) { accountStatuses(accountId: $id) { edges { node { content pinned } } } }",
            json!({ "id": alice_on_b }),
        )
        .await;
    let mut flags: Vec<(String, bool)> = statuses["accountStatuses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["content"].as_str().unwrap().to_owned(),
                node["pinned"].as_bool().unwrap(),
            )
        })
        .collect();
    flags.sort();
    assert_eq!(
        flags,
        [
            ("<p>for bob too</p>".to_owned(), true),
            ("<p>from before bob came</p>".to_owned(), false),
        ],
        "the status fetched for its pin is among alice's there"
    );
}

#[tokio::test]
async fn pins_reach_other_servers_on_sqlite() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    pins_cross_servers(a, b).await;
}

#[tokio::test]
async fn pins_reach_other_servers_on_postgres() {
    use rookery_domain::testing::TestDb;

    use super::federation::federating;

    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    pins_cross_servers(a, b).await;
}
