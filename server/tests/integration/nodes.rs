//! Every object with a global id is a `Node`: `node(id:)` returns it to whoever may read
//! it by its own field, and null to anyone else.

use rookery_domain::testing::pictures::png;
use serde_json::{Value, json};

use super::federation::admin;
use super::media::uploaded;
use super::support::{TestServer, servers};

const NODE: &str = "query($id: ID!) { node(id: $id) { __typename id } }";

/// The `__typename` `node(id:)` answers `token` with, or None for null.
async fn typename(server: &TestServer, token: Option<&str>, id: &Value) -> Option<String> {
    let data = server.ok(token, NODE, json!({ "id": id })).await;
    let node = &data["node"];
    if node.is_null() {
        return None;
    }
    assert_eq!(&node["id"], id, "{}", server.backend);
    Some(node["__typename"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn every_kind_with_an_id_is_a_node_for_whoever_may_read_it() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let moderator = admin(&server).await;
        let ok = |token: &str, query: &str, variables: Value| {
            let token = token.to_owned();
            let query = query.to_owned();
            let server = &server;
            async move { server.ok(Some(&token), &query, variables).await }
        };
        let list = ok(
            &alice,
            "mutation { createList(input: {title: \"friends\"}) { list { id } } }",
            json!({}),
        )
        .await["createList"]["list"]["id"]
            .clone();
        let filter = ok(&alice, "mutation { createFilter(input: {title: \"f\", contexts: [HOME], keywords: [{keyword: \"x\"}]}) { filter { id } } }", json!({})).await["createFilter"]["filter"]["id"].clone();
        let token = ok(&alice, "mutation { createAccessToken(input: {name: \"bot\", scopes: [READ]}) { accessToken { id } } }", json!({})).await["createAccessToken"]["accessToken"]["id"].clone();
        let webhook = ok(&alice, "mutation { createWebhook(input: {url: \"https://hooks.example/in\", events: [STATUS_CREATED]}) { webhook { id } } }", json!({})).await["createWebhook"]["webhook"]["id"].clone();
        let polled = ok(&alice, "mutation { createStatus(input: {text: \"which?\", poll: {options: [\"a\", \"b\"], expiresInSeconds: 600}}) { status { id poll { id } } } }", json!({})).await["createStatus"]["status"].clone();
        let poll = polled["poll"]["id"].clone();
        let private = ok(&alice, "mutation { createStatus(input: {text: \"mine\", visibility: FOLLOWERS, poll: {options: [\"a\", \"b\"], expiresInSeconds: 600}}) { status { poll { id } } } }", json!({})).await["createStatus"]["status"]["poll"]["id"].clone();
        ok(
            &bob,
            "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }",
            json!({ "id": polled["id"] }),
        )
        .await;
        ok(&bob, "mutation { createStatus(input: {text: \"hi @alice\", visibility: DIRECT}) { status { id } } }", json!({})).await;
        let notification = ok(
            &alice,
            "{ notifications(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await["notifications"]["edges"][0]["node"]["id"]
            .clone();
        let conversation = ok(
            &alice,
            "{ conversations(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await["conversations"]["edges"][0]["node"]["id"]
            .clone();
        let report = ok(&bob, "mutation($id: ID!) { createReport(input: {accountId: $id, comment: \"spam\"}) { reportId } }", json!({ "id": alice_id })).await["createReport"]["reportId"].clone();
        let (media, _) = uploaded(&server, &alice, png(4, 4)).await;
        let media = json!(media);

        for (id, kind) in [
            (&list, "List"),
            (&filter, "Filter"),
            (&token, "AccessToken"),
            (&webhook, "Webhook"),
            (&poll, "Poll"),
            (&private, "Poll"),
            (&notification, "Notification"),
            (&conversation, "Conversation"),
            (&media, "MediaAttachment"),
        ] {
            assert_eq!(
                typename(&server, Some(&alice), id).await.as_deref(),
                Some(kind),
                "{}: {kind}",
                server.backend
            );
            let public = kind == "Poll" && id == &poll;
            let others = typename(&server, Some(&bob), id).await;
            assert_eq!(
                others.is_some(),
                public,
                "{}: bob reads alice's {kind}",
                server.backend
            );
            let anonymous = typename(&server, None, id).await;
            assert_eq!(
                anonymous.is_some(),
                public,
                "{}: anyone reads alice's {kind}",
                server.backend
            );
        }
        // Reports are for moderators, whoever filed them.
        assert_eq!(typename(&server, Some(&bob), &report).await, None);
        assert_eq!(
            typename(&server, Some(&moderator), &report)
                .await
                .as_deref(),
            Some("Report")
        );
    }
}
