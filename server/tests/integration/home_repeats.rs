//! The home timeline shows a status once, however many of the followed boost it.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const REBLOG: &str = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }";
const HOME: &str = "query($first: Int) { homeTimeline(first: $first) { edges { node { id content reblog { id content } author { username } } } } }";

/// (who, what it shows: the status's own content or the boosted one's) of each status on
/// the first `first` of the home timeline.
async fn home(server: &TestServer, token: &str, first: i64) -> Vec<(String, String)> {
    let data = server
        .ok(Some(token), HOME, json!({ "first": first }))
        .await;
    data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| {
            let node = &edge["node"];
            let shown: &Value = if node["reblog"].is_null() {
                &node["content"]
            } else {
                &node["reblog"]["content"]
            };
            (
                node["author"]["username"].as_str().unwrap().to_owned(),
                shown.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_status_boosted_by_several_followed_accounts_is_shown_once() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (eve, _) = server.register("eve").await;
        let mut boosters = Vec::new();
        for name in ["bob", "carol", "dave"] {
            let (token, id) = server.register(name).await;
            server.ok(Some(&eve), FOLLOW, json!({ "id": id })).await;
            boosters.push(token);
        }
        let popular = server.post(&alice, "popular", "PUBLIC").await;
        for token in &boosters {
            server
                .ok(Some(token), REBLOG, json!({ "id": popular }))
                .await;
        }
        let own = server.post(&boosters[0], "my own", "PUBLIC").await;
        server
            .ok(Some(&boosters[1]), REBLOG, json!({ "id": own }))
            .await;
        // Eve follows the boosters only: bob's own status rather than carol's boost of it,
        // and of the boosts of alice's, the newest.
        assert_eq!(
            home(&server, &eve, 20).await,
            [
                ("bob".to_owned(), "<p>my own</p>".to_owned()),
                ("dave".to_owned(), "<p>popular</p>".to_owned()),
            ],
            "{}",
            server.backend
        );
        // Following the author too, the status shows itself, and no boost of it.
        server
            .ok(Some(&eve), FOLLOW, json!({ "id": alice_id }))
            .await;
        let shown = home(&server, &eve, 20).await;
        assert_eq!(
            shown,
            [
                ("bob".to_owned(), "<p>my own</p>".to_owned()),
                ("alice".to_owned(), "<p>popular</p>".to_owned()),
            ],
            "{}",
            server.backend
        );
        // A short page is filled from further along rather than left with repeats.
        assert_eq!(home(&server, &eve, 2).await, shown, "{}", server.backend);
    }
}
