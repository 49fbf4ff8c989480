//! Search: statuses by their words as the viewer may see them, accounts and hashtags by
//! prefix, and pasted handles and URLs of another server looked up there.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::federation::{eventually, federating};
use super::support::{TestServer, servers};

const SEARCH: &str = "query($q: String!, $t: SearchType, $n: Int, $a: String, $l: Int, $b: String) { search(query: $q, type: $t, first: $n, after: $a, last: $l, before: $b) { accounts { acct displayName } statuses { edges { cursor node { id content contentWarning } } pageInfo { hasNextPage hasPreviousPage } } hashtags { name url following } } }";
const CREATE: &str = "mutation($t: String!, $v: Visibility!, $cw: String) { createStatus(input: {text: $t, visibility: $v, contentWarning: $cw}) { status { id uri } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const PROFILE: &str = "mutation($i: Boolean, $d: String) { updateProfile(input: {indexable: $i, displayName: $d}) { account { indexable displayName } } }";

async fn search(server: &TestServer, token: Option<&str>, query: &str) -> Value {
    server
        .ok(token, SEARCH, json!({ "q": query }))
        .await
        .get("search")
        .cloned()
        .unwrap()
}

/// The ids of the statuses a search finds, newest first.
async fn found(server: &TestServer, token: Option<&str>, query: &str) -> Vec<String> {
    search(server, token, query).await["statuses"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The names of the hashtags a search found.
fn tag_names(results: &Value) -> Vec<String> {
    results["hashtags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|tag| tag["name"].as_str().unwrap().to_owned())
        .collect()
}

fn accts(results: &Value) -> Vec<String> {
    results["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|account| account["acct"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn statuses_are_found_by_their_words_as_the_viewer_may_see_them() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;

        let public = server
            .post(
                &alice,
                "The **Quick** brown fox, [see](https://example.org/den)",
                "PUBLIC",
            )
            .await;
        let warned = server
            .ok(
                Some(&alice),
                CREATE,
                json!({ "t": "hidden words", "v": "PUBLIC", "cw": "Spoiler about Dragons" }),
            )
            .await["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let quiet = server.post(&alice, "a quiet fox", "UNLISTED").await;
        let private = server.post(&alice, "a secret fox", "FOLLOWERS").await;
        let direct = server.post(&alice, "a direct fox for @bob", "DIRECT").await;

        // Words in any case, in the content warning too; every word must be there.
        assert_eq!(
            found(&server, Some(&bob), "QUICK").await,
            [public.as_str()],
            "{backend}"
        );
        assert_eq!(
            found(&server, Some(&bob), "quick fox").await,
            [public.as_str()]
        );
        assert!(found(&server, Some(&bob), "quick dragons").await.is_empty());
        assert_eq!(
            found(&server, Some(&bob), "dragons").await,
            [warned.as_str()]
        );
        assert_eq!(
            found(&server, Some(&bob), "hidden").await,
            [warned.as_str()]
        );
        // Markup is not text.
        assert!(
            found(&server, Some(&bob), "strong").await.is_empty(),
            "{backend}"
        );
        assert!(
            found(&server, Some(&bob), "href").await.is_empty(),
            "{backend}"
        );

        // A stranger finds the public status; the one mentioned the direct one too; a
        // follower the unlisted and followers-only ones; nobody else's direct ones.
        assert_eq!(found(&server, Some(&dave), "fox").await, [public.as_str()]);
        assert_eq!(
            found(&server, Some(&bob), "fox").await,
            [direct.as_str(), public.as_str()]
        );
        assert_eq!(
            found(&server, Some(&carol), "fox").await,
            [private.as_str(), quiet.as_str(), public.as_str()]
        );
        assert_eq!(
            found(&server, Some(&alice), "fox").await,
            [
                direct.as_str(),
                private.as_str(),
                quiet.as_str(),
                public.as_str()
            ]
        );
        // Anonymous visitors find no statuses.
        assert!(found(&server, None, "fox").await.is_empty());

        // A page at a time.
        let data = server
            .ok(Some(&alice), SEARCH, json!({ "q": "fox", "n": 2 }))
            .await;
        let edges = data["search"]["statuses"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 2);
        assert_eq!(data["search"]["statuses"]["pageInfo"]["hasNextPage"], true);
        let data = server
            .ok(
                Some(&alice),
                SEARCH,
                json!({ "q": "fox", "n": 2, "a": edges[1]["cursor"] }),
            )
            .await;
        let rest: Vec<&str> = data["search"]["statuses"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(rest, [quiet.as_str(), public.as_str()]);
        assert_eq!(data["search"]["statuses"]["pageInfo"]["hasNextPage"], false);
        // And back: the page before the second page's first status is the first page.
        let second_first = data["search"]["statuses"]["edges"][0]["cursor"].clone();
        let data = server
            .ok(
                Some(&alice),
                SEARCH,
                json!({ "q": "fox", "l": 2, "b": second_first }),
            )
            .await;
        let back: Vec<&str> = data["search"]["statuses"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap())
            .collect();
        let first_page: Vec<&str> = edges
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(back, first_page, "{backend}");
        assert_eq!(
            data["search"]["statuses"]["pageInfo"]["hasPreviousPage"],
            false
        );
        assert_eq!(data["search"]["statuses"]["pageInfo"]["hasNextPage"], true);
        let data = server
            .ok(
                Some(&alice),
                SEARCH,
                json!({ "q": "fox", "l": 1, "b": edges[1]["cursor"] }),
            )
            .await;
        assert_eq!(
            data["search"]["statuses"]["edges"][0]["node"]["id"],
            edges[0]["node"]["id"]
        );
        assert_eq!(
            data["search"]["statuses"]["pageInfo"]["hasPreviousPage"],
            false
        );
        assert_eq!(
            server
                .error_code(
                    Some(&alice),
                    SEARCH,
                    json!({ "q": "fox", "n": 2, "b": edges[1]["cursor"] })
                )
                .await,
            "VALIDATION"
        );

        // An edit changes what a status is found by; a deleted one is found by nothing.
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { editStatus(input: {id: $id, text: \"the slow turtle\"}) { status { id } } }",
                json!({ "id": public }),
            )
            .await;
        assert!(found(&server, Some(&bob), "quick").await.is_empty());
        assert_eq!(
            found(&server, Some(&bob), "turtle").await,
            [public.as_str()]
        );
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": warned }),
            )
            .await;
        assert!(found(&server, Some(&bob), "dragons").await.is_empty());
        assert!(found(&server, Some(&alice), "dragons").await.is_empty());

        // A muted author's statuses are left out, as in timelines; a blocked one's too.
        server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { mute(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        assert!(found(&server, Some(&carol), "fox").await.is_empty());
        server
            .ok(
                Some(&dave),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        assert!(found(&server, Some(&dave), "turtle").await.is_empty());

        // Not indexable: others no longer find its statuses; its author still does.
        let data = server
            .ok(Some(&alice), PROFILE, json!({ "i": false }))
            .await;
        assert_eq!(data["updateProfile"]["account"]["indexable"], false);
        assert!(found(&server, Some(&bob), "turtle").await.is_empty());
        assert!(found(&server, Some(&bob), "fox").await.is_empty());
        assert_eq!(
            found(&server, Some(&alice), "turtle").await,
            [public.as_str()]
        );

        for query in ["", "   ", &"x".repeat(501)] {
            assert_eq!(
                server
                    .error_code(Some(&bob), SEARCH, json!({ "q": query }))
                    .await,
                "VALIDATION",
                "{query:?}"
            );
        }
    }
}

#[tokio::test]
async fn accounts_and_hashtags_are_found_by_prefix() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        server.register("alicia").await;
        let (bob, _) = server.register("bob").await;
        server.register("malik").await;
        server
            .ok(Some(&bob), PROFILE, json!({ "d": "Alison Bobbins" }))
            .await;
        server
            .post(
                &alice,
                "#RustLang and #rust and #ruby, not #trust",
                "PUBLIC",
            )
            .await;

        let results = search(&server, None, "ali").await;
        assert_eq!(accts(&results), ["alice", "alicia", "bob"], "{backend}");
        assert_eq!(
            accts(&search(&server, Some(&alice), "@ALIC").await),
            ["alice", "alicia"]
        );
        assert_eq!(accts(&search(&server, None, "alison b").await), ["bob"]);
        assert!(accts(&search(&server, None, "lik").await).is_empty());
        let own = format!("@alice@{}", server.instance.domain);
        assert_eq!(accts(&search(&server, None, &own).await), ["alice"]);

        assert_eq!(
            tag_names(&search(&server, None, "#ru").await),
            ["ruby", "rust", "rustlang"]
        );
        assert_eq!(
            tag_names(&search(&server, None, "RUST").await),
            ["rust", "rustlang"]
        );
        assert_eq!(tag_names(&search(&server, None, "tru").await), ["trust"]);

        // One kind only.
        let data = server
            .ok(None, SEARCH, json!({ "q": "ali", "t": "HASHTAGS" }))
            .await;
        assert_eq!(data["search"]["accounts"], json!([]));
        let data = server
            .ok(
                Some(&alice),
                SEARCH,
                json!({ "q": "rust", "t": "ACCOUNTS" }),
            )
            .await;
        assert_eq!(data["search"]["hashtags"], json!([]));
        assert_eq!(data["search"]["statuses"]["edges"], json!([]));
        let data = server
            .ok(
                Some(&alice),
                SEARCH,
                json!({ "q": "rust", "t": "STATUSES" }),
            )
            .await;
        assert_eq!(data["search"]["hashtags"], json!([]));
        assert_eq!(
            data["search"]["statuses"]["edges"]
                .as_array()
                .unwrap()
                .len(),
            1
        );

        // Accounts across a block are left out both ways.
        let (mallory, mallory_id) = server.register("mallory").await;
        server
            .ok(
                Some(&mallory),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": search_id(&server, &alice, "alice").await }),
            )
            .await;
        assert!(accts(&search(&server, Some(&alice), "mall").await).is_empty());
        assert!(accts(&search(&server, Some(&mallory), "alice").await).is_empty());
        assert_eq!(
            accts(&search(&server, Some(&bob), "mall").await),
            ["mallory"]
        );
        assert!(!mallory_id.is_empty());
    }
}

/// The id of the account `username`, as `token` finds it.
async fn search_id(server: &TestServer, token: &str, username: &str) -> String {
    let data = server
        .ok(
            Some(token),
            "query($h: String!) { accountByHandle(handle: $h) { id } }",
            json!({ "h": username }),
        )
        .await;
    data["accountByHandle"]["id"].as_str().unwrap().to_owned()
}

/// A handle or a URL of a post on `a`, pasted into a search on `b`, is looked up on `a`.
async fn pasted_handles_and_urls_resolve(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let uri = a
        .ok(
            Some(&alice),
            CREATE,
            json!({ "t": "look at this heron", "v": "PUBLIC" }),
        )
        .await["createStatus"]["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let handle = format!("@alice@{}", a.instance.domain);
    let acct = format!("alice@{}", a.instance.domain);

    // Anonymous visitors do not make the server ask others.
    assert!(accts(&search(&b, None, &handle).await).is_empty());

    let results = search(&b, Some(&bob), &handle).await;
    assert_eq!(accts(&results)[0], acct, "{}", b.backend);
    // Known now: found by prefix too, by anyone.
    assert_eq!(accts(&search(&b, None, "alice@").await), [acct.as_str()]);

    let results = search(&b, Some(&bob), &uri).await;
    let first = &results["statuses"]["edges"][0]["node"];
    assert_eq!(first["content"], "<p>look at this heron</p>");
    // Fetched and stored, it is found by its words (its author is indexable).
    eventually(
        Duration::from_secs(5),
        "the fetched post indexed",
        || async { found(&b, Some(&bob), "heron").await.len() == 1 },
    )
    .await;

    // A handle nobody answers for leaves the rest of the search standing.
    let results = search(&b, Some(&bob), "nobody@127.0.0.1:9").await;
    assert!(accts(&results).is_empty());
}

#[tokio::test]
async fn pasted_handles_and_urls_resolve_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    pasted_handles_and_urls_resolve(a, b).await;
}

#[tokio::test]
async fn pasted_handles_and_urls_resolve_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(postgres).await;
    pasted_handles_and_urls_resolve(a, b).await;
}
