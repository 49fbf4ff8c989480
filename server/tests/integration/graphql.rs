//! The foundation's whole flow over GraphQL: sign-up, follow, post, see, refuse.

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::support::{TestServer, serve, serve_changed, servers};

const HOME: &str = "{ homeTimeline(first: 20) { edges { node { content visibility } } pageInfo { hasNextPage hasPreviousPage } } }";
const ACCOUNT_STATUSES: &str = "query($id: ID!) { accountStatuses(accountId: $id) { edges { node { content author { acct } } } } }";

fn contents(value: &serde_json::Value, field: &str) -> Vec<String> {
    value[field]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn follow_post_and_see_by_visibility() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let data = server
            .ok(Some(&bob), "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }", json!({ "id": alice_id }))
            .await;
        assert_eq!(data["follow"]["relationship"]["following"], true);
        server.post(&alice, "hello world", "PUBLIC").await;
        server.post(&alice, "for followers", "FOLLOWERS").await;
        let direct = server.post(&alice, "psst @bob", "DIRECT").await;

        let home = server.ok(Some(&bob), HOME, json!({})).await;
        let seen = contents(&home, "homeTimeline");
        assert_eq!(seen.len(), 3, "{}: {seen:?}", server.backend);
        assert!(
            seen[0].contains("psst") && seen[0].contains("mention"),
            "{seen:?}"
        );
        assert_eq!(home["homeTimeline"]["pageInfo"]["hasNextPage"], false);

        for (who, token) in [("anonymous", None), ("carol", Some(carol.as_str()))] {
            let data = server
                .ok(token, ACCOUNT_STATUSES, json!({ "id": alice_id }))
                .await;
            assert_eq!(
                contents(&data, "accountStatuses"),
                vec!["<p>hello world</p>"],
                "{who}"
            );
            let data = server
                .ok(
                    token,
                    "{ publicTimeline { edges { node { content } } } }",
                    json!({}),
                )
                .await;
            assert_eq!(contents(&data, "publicTimeline").len(), 1, "{who}");
            let code = server
                .error_code(
                    token,
                    "query($id: ID!) { status(id: $id) { id } }",
                    json!({ "id": direct }),
                )
                .await;
            assert_eq!(code, "NOT_FOUND", "{who}");
        }
        let carol_home = server.ok(Some(&carol), HOME, json!({})).await;
        assert!(contents(&carol_home, "homeTimeline").is_empty());
        let viewer = server
            .ok(Some(&bob), "{ viewer { acct followingCount } }", json!({}))
            .await;
        assert_eq!(
            viewer["viewer"],
            json!({ "acct": "bob", "followingCount": 1 })
        );
        let anonymous = server.ok(None, "{ viewer { acct } }", json!({})).await;
        assert!(anonymous["viewer"].is_null());
    }
}

#[tokio::test]
async fn bad_inputs_get_codes_and_change_nothing() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let status = server.post(&alice, "only one", "PUBLIC").await;
        let create = "mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }";
        let cases = [
            (Some(alice.as_str()), create.to_owned(), json!({ "t": "" }), "VALIDATION"),
            (Some(alice.as_str()), create.to_owned(), json!({ "t": "x".repeat(6000) }), "VALIDATION"),
            (
                Some(alice.as_str()),
                "mutation { createStatus(input: {text: \"hi\", visibility: SECRET}) { status { id } } }".to_owned(),
                json!({}),
                "VALIDATION",
            ),
            (None, create.to_owned(), json!({ "t": "anonymous" }), "UNAUTHENTICATED"),
            (
                Some(bob.as_str()),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }".to_owned(),
                json!({ "id": status }),
                "FORBIDDEN",
            ),
            (
                None,
                "mutation { login(input: {username: \"alice\", password: \"wrong password\"}) { token } }".to_owned(),
                json!({}),
                "INVALID_CREDENTIALS",
            ),
            (
                None,
                "mutation { register(input: {username: \"alice\", email: \"new@example.org\", password: \"correct horse\"}) { token } }".to_owned(),
                json!({}),
                "USERNAME_TAKEN",
            ),
            (
                Some(alice.as_str()),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }".to_owned(),
                json!({ "id": alice_id }),
                "VALIDATION",
            ),
            (
                Some(alice.as_str()),
                "query { status(id: \"not-an-id\") { id } }".to_owned(),
                json!({}),
                "VALIDATION",
            ),
        ];
        for (token, query, variables, code) in cases {
            assert_eq!(
                server.error_code(token, &query, variables.clone()).await,
                code,
                "{}: {query} {variables}",
                server.backend
            );
        }
        let data = server
            .ok(None, ACCOUNT_STATUSES, json!({ "id": alice_id }))
            .await;
        assert_eq!(contents(&data, "accountStatuses"), vec!["<p>only one</p>"]);
        let count = server.ok(None, "{ accountByHandle(handle: \"@alice@rookery.test\") { statusesCount followersCount } }", json!({})).await;
        assert_eq!(
            count["accountByHandle"],
            json!({ "statusesCount": 1, "followersCount": 0 })
        );

        // A bad token is refused at the door.
        let response = server
            .client
            .post(format!("{}/graphql", server.base))
            .bearer_auth("rk_not_a_token")
            .json(&json!({ "query": "{ viewer { id } }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    }
}

#[tokio::test]
async fn locked_accounts_threads_profiles_and_logout() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let update = "mutation { updateProfile(input: {displayName: \"Alice\", note: \"I like #birds\", locked: true, fields: [{name: \"web\", value: \"https://alice.example\"}]}) { account { displayName note locked fields { name value } } } }";
        let data = server.ok(Some(&alice), update, json!({})).await;
        let account = &data["updateProfile"]["account"];
        assert_eq!(account["locked"], true);
        assert!(account["note"].as_str().unwrap().contains("hashtag"));
        let too_many = "mutation { updateProfile(input: {fields: [{name: \"1\", value: \"\"}, {name: \"2\", value: \"\"}, {name: \"3\", value: \"\"}, {name: \"4\", value: \"\"}, {name: \"5\", value: \"\"}]}) { account { id } } }";
        assert_eq!(
            server.error_code(Some(&alice), too_many, json!({})).await,
            "VALIDATION"
        );

        let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following requested } } }";
        let data = server
            .ok(Some(&bob), follow, json!({ "id": alice_id }))
            .await;
        assert_eq!(
            data["follow"]["relationship"],
            json!({ "following": false, "requested": true })
        );
        let requests = server
            .ok(
                Some(&alice),
                "{ followRequests { edges { node { acct } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            requests["followRequests"]["edges"][0]["node"]["acct"],
            "bob"
        );
        server
            .ok(Some(&alice), "mutation($id: ID!) { acceptFollowRequest(input: {accountId: $id}) { account { acct } } }", json!({ "id": bob_id }))
            .await;
        let followers = server
            .ok(None, "query($id: ID!) { followers(accountId: $id) { edges { node { acct relationship { following } } } } }", json!({ "id": alice_id }))
            .await;
        assert_eq!(followers["followers"]["edges"][0]["node"]["acct"], "bob");

        let root = server.post(&alice, "root", "PUBLIC").await;
        let reply = server
            .ok(Some(&bob), "mutation($id: ID!) { createStatus(input: {text: \"a reply\", inReplyToId: $id}) { status { id inReplyTo { id } } } }", json!({ "id": root }))
            .await;
        let reply_id = reply["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(
            reply["createStatus"]["status"]["inReplyTo"]["id"],
            root.as_str()
        );
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": root }),
            )
            .await;
        let thread = server
            .ok(None, "query($id: ID!) { thread(statusId: $id) { ancestors { deleted content } status { content inReplyTo { deleted } } } }", json!({ "id": reply_id }))
            .await;
        assert_eq!(
            thread["thread"]["ancestors"],
            json!([{ "deleted": true, "content": "" }])
        );
        assert_eq!(thread["thread"]["status"]["inReplyTo"]["deleted"], true);
        let node = server
            .ok(
                None,
                "query($id: ID!) { node(id: $id) { id ... on Status { content } } }",
                json!({ "id": reply_id }),
            )
            .await;
        assert_eq!(node["node"]["content"], "<p>a reply</p>");

        server
            .ok(
                Some(&bob),
                "mutation { logout { revokedTokens } }",
                json!({}),
            )
            .await;
        let response = server.gql(Some(&bob), "{ viewer { id } }", json!({})).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            "UNAUTHENTICATED"
        );
        let login = server
            .ok(None, "mutation { login(input: {username: \"bob\", password: \"correct horse\"}) { token account { acct } } }", json!({}))
            .await;
        assert_eq!(login["login"]["account"]["acct"], "bob");
    }
}

#[tokio::test]
async fn pages_walk_forwards_and_back() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        for n in 0..5 {
            server.post(&alice, &format!("n{n}"), "PUBLIC").await;
        }
        let query = "query($after: String, $before: String, $first: Int, $last: Int) { localTimeline(first: $first, after: $after, last: $last, before: $before) { edges { cursor node { content } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";
        let first = server.ok(None, query, json!({ "first": 2 })).await;
        let page = &first["localTimeline"];
        assert_eq!(
            contents(&first, "localTimeline"),
            vec!["<p>n4</p>", "<p>n3</p>"]
        );
        assert_eq!(page["pageInfo"]["hasNextPage"], true);
        assert_eq!(page["pageInfo"]["hasPreviousPage"], false);
        let end = page["pageInfo"]["endCursor"].clone();
        let second = server
            .ok(None, query, json!({ "first": 3, "after": end }))
            .await;
        assert_eq!(
            contents(&second, "localTimeline"),
            vec!["<p>n2</p>", "<p>n1</p>", "<p>n0</p>"]
        );
        assert_eq!(second["localTimeline"]["pageInfo"]["hasNextPage"], false);
        assert_eq!(second["localTimeline"]["pageInfo"]["hasPreviousPage"], true);
        let start = second["localTimeline"]["pageInfo"]["startCursor"].clone();
        let back = server
            .ok(None, query, json!({ "last": 1, "before": start }))
            .await;
        assert_eq!(contents(&back, "localTimeline"), vec!["<p>n3</p>"]);
        assert_eq!(back["localTimeline"]["pageInfo"]["hasPreviousPage"], true);
        assert_eq!(back["localTimeline"]["pageInfo"]["hasNextPage"], true);
    }
}

/// A preflight and a request from `origin` to `/graphql`: (preflight status, the origin
/// the preflight allows, the origin the answer allows, whether the query ran).
async fn cross_origin(
    server: &TestServer,
    origin: &str,
    token: &str,
) -> (u16, String, String, bool) {
    let url = format!("{}/graphql", server.base);
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, &url)
        .header("origin", origin)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .unwrap();
    let allowed = |response: &reqwest::Response| {
        response
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let preflight_allows = allowed(&preflight);
    let answer = server
        .client
        .post(&url)
        .header("origin", origin)
        .bearer_auth(token)
        .json(&json!({ "query": "{ viewer { username } }" }))
        .send()
        .await
        .unwrap();
    let answer_allows = allowed(&answer);
    let ran = answer.status().is_success()
        && answer.json::<Value>().await.unwrap()["data"]["viewer"]["username"] == "alice";
    (
        preflight.status().as_u16(),
        preflight_allows,
        answer_allows,
        ran,
    )
}

#[tokio::test]
async fn web_clients_on_configured_origins_may_call_graphql() {
    let test = TestDb::sqlite().await;
    let closed = serve(test).await;
    let (token, _) = closed.register("alice").await;
    let (status, preflight, answer, ran) =
        cross_origin(&closed, "https://app.example", &token).await;
    assert!(
        !(200..300).contains(&status),
        "no origin is configured: {status}"
    );
    assert_eq!((preflight.as_str(), answer.as_str()), ("", ""));
    // The request itself runs (a browser would not let the page read it).
    assert!(ran);

    let open = serve_changed(TestDb::sqlite().await, 1000, &|state| {
        state.cors_origins = vec!["https://app.example".into()];
    })
    .await;
    let (token, _) = open.register("alice").await;
    let (status, preflight, answer, ran) = cross_origin(&open, "https://app.example", &token).await;
    assert_eq!(status, 200);
    assert_eq!(preflight, "https://app.example");
    assert_eq!(answer, "https://app.example");
    assert!(ran);
    let (status, preflight, answer, ran) =
        cross_origin(&open, "https://evil.example", &token).await;
    assert!(!(200..300).contains(&status), "{status}");
    assert_eq!((preflight.as_str(), answer.as_str()), ("", ""));
    assert!(!ran);
    // The instance's own pages keep working.
    let own = open.instance.base_url.origin().ascii_serialization();
    let (status, _, _, ran) = cross_origin(&open, &own, &token).await;
    assert_eq!(status, 200);
    assert!(ran);
}

#[tokio::test]
async fn documents_and_inputs_get_their_own_codes() {
    let server = serve(TestDb::sqlite().await).await;
    let (token, _) = server.register("alice").await;
    // A document that breaks the schema is the client's mistake, not an input's.
    let code = server
        .error_code(Some(&token), "{ viewer { nonsense } }", json!({}))
        .await;
    assert_eq!(code, "GRAPHQL_VALIDATION_FAILED");
    assert_eq!(
        server
            .error_code(Some(&token), "{ viewer {", json!({}))
            .await,
        "GRAPHQL_PARSE_FAILED"
    );
    // A value of the wrong type is a wrong input.
    let code = server
        .error_code(
            Some(&token),
            "query($n: Int) { homeTimeline(first: $n) { edges { cursor } } }",
            json!({ "n": "ten" }),
        )
        .await;
    assert_eq!(code, "VALIDATION");
    // A body that is no GraphQL request is refused in Rookery's words, not a parser's,
    // and the refusal points at no place in a document.
    for body in [
        r#"{"query": 12}"#,
        r#"{"query": "{ viewer { id } }", "variables": [1]}"#,
        "not json",
    ] {
        let response = server
            .client
            .post(format!("{}/graphql", server.base))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{body}");
        let answer: Value = response.json().await.unwrap();
        let error = &answer["errors"][0];
        assert_eq!(error["extensions"]["code"], "VALIDATION", "{answer}");
        assert!(error.get("locations").is_none(), "{answer}");
        let message = error["message"].as_str().unwrap();
        for serde_wording in ["line", "column", "invalid type", "expected"] {
            assert!(!message.contains(serde_wording), "{message}");
        }
    }
    let response = server
        .client
        .get(format!(
            "{}/graphql?query={{viewer{{id}}}}&variables=[",
            server.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let answer: Value = response.json().await.unwrap();
    assert!(answer["errors"][0].get("locations").is_none(), "{answer}");
    assert!(
        !answer["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("column")
    );
}
