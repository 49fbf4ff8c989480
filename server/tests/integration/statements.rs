//! A timeline page costs the same number of SQL statements whatever its size.

use std::sync::{Arc, Mutex};

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::support::{TestServer, serve_with};

// Each loader appears at one depth only: the same loader at two depths (say the parent's
// author) may or may not share a batch with the first, depending on which query returns
// first; it costs at most one statement more, whatever the page size.
const TIMELINE: &str = "query($n: Int!) { homeTimeline(first: $n) { edges { node { id content edits { content } author { acct statusesCount followersCount relationship { following } pinnedStatuses { id } } inReplyTo { id content visibility } repliesCount mentions { acct } tags quote { state quotedStatus { id content } } quotesCount interactionPolicy { canQuote } viewerCanReply viewerCanBoost } } pageInfo { hasNextPage } } }";

/// Posts `n` statuses by an account bob follows (in turn a followers-only one with a
/// mention and a tag, a quote of the first, and a reply to the one before), then counts
/// the statements of one timeline request of `n`.
async fn statements_for(n: usize) -> Vec<Vec<String>> {
    let mut runs = Vec::new();
    for test in TestDb::all().await {
        let mut db = test.db.clone();
        let log = Arc::new(Mutex::new(Vec::new()));
        let seen = log.clone();
        db.set_metric_callback(move |info| {
            let table = info
                .statement
                .sql
                .split(" FROM ")
                .nth(1)
                .unwrap_or(&info.statement.sql);
            let table = table
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            seen.lock().unwrap().push(table);
        });
        let server: TestServer = serve_with(test, db, 1000).await;
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        let first = server.post(&alice, "first", "PUBLIC").await;
        let mut parent = first.clone();
        for i in 1..n {
            if i % 3 == 1 {
                parent = server
                    .post(&alice, &format!("#tag{i} for @bob"), "FOLLOWERS")
                    .await;
            } else if i % 3 == 2 {
                server
                    .ok(Some(&alice), "mutation($id: ID!, $t: String!) { createStatus(input: {text: $t, quoteOfId: $id}) { status { id } } }", json!({ "id": first, "t": format!("quote {i}") }))
                    .await;
            } else {
                let data = server
                    .ok(Some(&alice), "mutation($id: ID!, $t: String!) { createStatus(input: {text: $t, inReplyToId: $id}) { status { id } } }", json!({ "id": parent, "t": format!("reply {i} @bob #x") }))
                    .await;
                assert!(data["createStatus"]["status"]["id"].is_string());
            }
        }
        log.lock().unwrap().clear();
        let data = server.ok(Some(&bob), TIMELINE, json!({ "n": n })).await;
        assert_eq!(data["homeTimeline"]["edges"].as_array().unwrap().len(), n);
        let mut tables = log.lock().unwrap().clone();
        tables.sort();
        runs.push(tables);
    }
    runs
}

#[tokio::test]
async fn forty_statuses_cost_what_four_do() {
    let four = statements_for(4).await;
    let forty = statements_for(40).await;
    assert_eq!(
        four, forty,
        "statements (by table) per backend for 4 and 40 statuses"
    );
    // The budget: a statement per loader, one per kind of relationship (follows both
    // ways, requests, blocks both ways, mutes), and the viewer's filters; quotes add their
    // rows, the quoted statuses and the checks of who may see them, and the policies with
    // the viewer's follows and mentions; edit histories and pins read their rows and the
    // statuses they name (with their checks) for the whole page at once. Each check of
    // who may see a batch asks once whether its authors are suspended.
    assert!(four.iter().all(|run| run.len() <= 36), "{four:?}");
}
