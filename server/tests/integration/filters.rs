//! Keyword filters: hidden statuses leave the viewer's timelines in the contexts named,
//! warned ones carry `filtered`; filters are the viewer's own and end when they expire.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const CREATE: &str = "mutation($t: String!, $c: [FilterContext!]!, $a: FilterAction!, $k: [FilterKeywordInput!]!, $e: Int) { createFilter(input: {title: $t, contexts: $c, action: $a, keywords: $k, expiresInSeconds: $e}) { filter { id title contexts action keywords { keyword wholeWord } } } }";
const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content filtered { filter { title } keywordMatches } } } } }";
const PUBLIC: &str = "{ publicTimeline(first: 20) { edges { node { content filtered(context: PUBLIC) { filter { title } } } } } }";

fn contents(data: &Value, timeline: &str) -> Vec<String> {
    data[timeline]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

async fn create(server: &TestServer, token: &str, vars: Value) -> String {
    let data = server.ok(Some(token), CREATE, vars).await;
    data["createFilter"]["filter"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn filters_hide_or_warn_in_their_contexts() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": bob_id }),
            )
            .await;
        server
            .post(&bob, "the election results are in", "PUBLIC")
            .await;
        server.post(&bob, "spoilers for the finale", "PUBLIC").await;
        server.post(&bob, "a category of its own", "PUBLIC").await;
        server.post(&bob, "a calm day", "PUBLIC").await;

        let politics = create(
            &server,
            &alice,
            json!({ "t": "Politics", "c": ["HOME"], "a": "HIDE", "k": [{ "keyword": "Election" }] }),
        )
        .await;
        create(
            &server,
            &alice,
            json!({ "t": "Spoilers", "c": ["HOME", "PUBLIC"], "a": "WARN", "k": [{ "keyword": "finale" }, { "keyword": "cat", "wholeWord": true }] }),
        )
        .await;

        let home = server.ok(Some(&alice), HOME, json!({})).await;
        let shown = contents(&home, "homeTimeline");
        assert_eq!(shown.len(), 3, "{}: {home}", server.backend);
        assert!(!shown.iter().any(|c| c.contains("election")));
        let spoiler = home["homeTimeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["content"].as_str().unwrap().contains("finale"))
            .unwrap();
        assert_eq!(
            spoiler["node"]["filtered"][0]["filter"]["title"],
            "Spoilers"
        );
        assert_eq!(
            spoiler["node"]["filtered"][0]["keywordMatches"],
            json!(["finale"])
        );
        let category = home["homeTimeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["content"].as_str().unwrap().contains("category"))
            .unwrap();
        assert_eq!(category["node"]["filtered"], json!([]), "whole words only");

        // The public timeline is not a context of the hiding filter; others see everything.
        let public = server.ok(Some(&alice), PUBLIC, json!({})).await;
        assert_eq!(contents(&public, "publicTimeline").len(), 4);
        let anonymous = server.ok(None, PUBLIC, json!({})).await;
        assert_eq!(contents(&anonymous, "publicTimeline").len(), 4);
        let bobs = server.ok(Some(&bob), HOME, json!({})).await;
        assert_eq!(contents(&bobs, "homeTimeline").len(), 4);

        // Filters are one's own; bad ones are refused.
        let code = server
            .error_code(
                Some(&bob),
                "mutation($id: ID!) { deleteFilter(input: {id: $id}) { deletedFilterId } }",
                json!({ "id": politics }),
            )
            .await;
        assert_eq!(code, "NOT_FOUND");
        let code = server
            .error_code(
                Some(&alice),
                CREATE,
                json!({ "t": "Empty", "c": ["HOME"], "a": "HIDE", "k": [] }),
            )
            .await;
        assert_eq!(code, "VALIDATION");
        let listed = server
            .ok(Some(&alice), "{ filters { title } }", json!({}))
            .await;
        assert_eq!(
            listed["filters"],
            json!([{ "title": "Politics" }, { "title": "Spoilers" }])
        );

        // In notifications and threads too, and a boost is read as the status it carries.
        create(
            &server,
            &alice,
            json!({ "t": "Quiet", "c": ["NOTIFICATIONS", "THREAD", "HOME"], "a": "HIDE", "k": [{ "keyword": "shouting" }] }),
        )
        .await;
        let (carol, carol_id) = server.register("carol").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": carol_id }),
            )
            .await;
        let root = server.post(&bob, "a calm question", "PUBLIC").await;
        let reply = "mutation($t: String!, $r: ID!) { createStatus(input: {text: $t, inReplyToId: $r}) { status { id } } }";
        server
            .ok(
                Some(&carol),
                reply,
                json!({ "t": "@alice shouting back", "r": root }),
            )
            .await;
        server
            .ok(
                Some(&carol),
                reply,
                json!({ "t": "@alice a calm answer", "r": root }),
            )
            .await;
        let thread = server
            .ok(
                Some(&alice),
                "query($id: ID!) { thread(statusId: $id) { descendants { content } } }",
                json!({ "id": root }),
            )
            .await;
        let replies = thread["thread"]["descendants"].as_array().unwrap();
        assert_eq!(replies.len(), 1, "{thread}");
        assert!(
            replies[0]["content"]
                .as_str()
                .unwrap()
                .contains("calm answer")
        );
        let mentions = server
            .ok(
                Some(&alice),
                "{ notifications(first: 10, filter: {types: [MENTION]}) { edges { node { status { content } } } } }",
                json!({}),
            )
            .await;
        let mentions = mentions["notifications"]["edges"].as_array().unwrap();
        assert_eq!(mentions.len(), 1, "{mentions:?}");
        let shouted = server.post(&bob, "shouting in the street", "PUBLIC").await;
        server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
                json!({ "id": shouted }),
            )
            .await;
        let home = server
            .ok(
                Some(&alice),
                "{ homeTimeline(first: 30) { edges { node { content reblog { content } } } } }",
                json!({}),
            )
            .await;
        let carried = home["homeTimeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["node"]["reblog"]["content"]
                    .as_str()
                    .is_some_and(|c| c.contains("shouting"))
            })
            .count();
        assert_eq!(carried, 0, "{home}");

        // An expired filter hides nothing; a deleted one neither.
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { updateFilter(input: {id: $id, title: \"Politics\", contexts: [HOME], action: HIDE, keywords: [{keyword: \"election\"}], expiresInSeconds: 1}) { filter { id } } }",
                json!({ "id": politics }),
            )
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let home = server.ok(Some(&alice), HOME, json!({})).await;
        assert!(
            contents(&home, "homeTimeline")
                .iter()
                .any(|c| c.contains("election")),
            "{home}"
        );
    }
}

/// A page that hidden statuses thin out is filled from further along, its cursors right
/// in both directions, and `hasNextPage` false once nothing is left.
#[tokio::test]
async fn a_filtered_page_is_filled_from_further_along() {
    const PAGE: &str = "query($after: String, $before: String, $first: Int, $last: Int) { homeTimeline(first: $first, after: $after, last: $last, before: $before) { edges { node { content } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": bob_id }),
            )
            .await;
        // Oldest first: two kept, then more hidden ones than a page and its refills read.
        server.post(&bob, "kept one", "PUBLIC").await;
        server.post(&bob, "kept two", "PUBLIC").await;
        for i in 0..6 {
            server.post(&bob, &format!("noise {i}"), "PUBLIC").await;
        }
        server.post(&bob, "kept three", "PUBLIC").await;
        create(
            &server,
            &alice,
            json!({ "t": "Noise", "c": ["HOME"], "a": "HIDE", "k": [{ "keyword": "noise" }] }),
        )
        .await;

        let first = server.ok(Some(&alice), PAGE, json!({ "first": 2 })).await;
        assert_eq!(
            contents(&first, "homeTimeline"),
            ["<p>kept three</p>", "<p>kept two</p>"],
            "{}",
            server.backend
        );
        assert_eq!(first["homeTimeline"]["pageInfo"]["hasNextPage"], true);
        let end = first["homeTimeline"]["pageInfo"]["endCursor"].clone();
        let rest = server
            .ok(Some(&alice), PAGE, json!({ "first": 2, "after": end }))
            .await;
        assert_eq!(contents(&rest, "homeTimeline"), ["<p>kept one</p>"]);
        assert_eq!(rest["homeTimeline"]["pageInfo"]["hasNextPage"], false);

        // Backwards from the oldest, past the hidden ones, to the newest.
        let start = rest["homeTimeline"]["pageInfo"]["startCursor"].clone();
        let newer = server
            .ok(Some(&alice), PAGE, json!({ "last": 1, "before": start }))
            .await;
        assert_eq!(contents(&newer, "homeTimeline"), ["<p>kept two</p>"]);
        assert_eq!(newer["homeTimeline"]["pageInfo"]["hasPreviousPage"], true);
        let start = newer["homeTimeline"]["pageInfo"]["startCursor"].clone();
        let newest = server
            .ok(Some(&alice), PAGE, json!({ "last": 1, "before": start }))
            .await;
        assert_eq!(contents(&newest, "homeTimeline"), ["<p>kept three</p>"]);
        assert_eq!(newest["homeTimeline"]["pageInfo"]["hasPreviousPage"], false);
    }
}

/// With pinned statuses first, hidden pins are left out and the rest of the page is filled
/// past hidden statuses, as on any other account timeline.
#[tokio::test]
async fn a_pinned_first_page_is_filled_past_hidden_statuses() {
    const PAGE: &str = "query($id: ID!, $after: String) { accountStatuses(accountId: $id, pinnedFirst: true, first: 3, after: $after) { edges { node { content pinned } } pageInfo { hasNextPage endCursor } } }";
    const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id } } }";
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let kept_pin = server.post(&bob, "pinned and kept", "PUBLIC").await;
        let hidden_pin = server.post(&bob, "pinned noise", "PUBLIC").await;
        server.post(&bob, "kept one", "PUBLIC").await;
        for i in 0..6 {
            server.post(&bob, &format!("noise {i}"), "PUBLIC").await;
        }
        server.post(&bob, "kept two", "PUBLIC").await;
        for id in [&kept_pin, &hidden_pin] {
            server.ok(Some(&bob), PIN, json!({ "id": id })).await;
        }
        create(
            &server,
            &alice,
            json!({ "t": "Noise", "c": ["ACCOUNT"], "a": "HIDE", "k": [{ "keyword": "noise" }] }),
        )
        .await;

        let first = server.ok(Some(&alice), PAGE, json!({ "id": bob_id })).await;
        assert_eq!(
            contents(&first, "accountStatuses"),
            [
                "<p>pinned and kept</p>",
                "<p>kept two</p>",
                "<p>kept one</p>"
            ],
            "{}",
            server.backend
        );
        let end = first["accountStatuses"]["pageInfo"]["endCursor"].clone();
        let rest = server
            .ok(Some(&alice), PAGE, json!({ "id": bob_id, "after": end }))
            .await;
        assert_eq!(contents(&rest, "accountStatuses"), Vec::<String>::new());
        assert_eq!(rest["accountStatuses"]["pageInfo"]["hasNextPage"], false);

        // Bob, who has no filter, sees every pin first.
        let own = server.ok(Some(&bob), PAGE, json!({ "id": bob_id })).await;
        assert_eq!(
            contents(&own, "accountStatuses"),
            [
                "<p>pinned noise</p>",
                "<p>pinned and kept</p>",
                "<p>kept two</p>"
            ]
        );
    }
}
