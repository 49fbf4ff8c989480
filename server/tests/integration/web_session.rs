//! The web client's session: signing in sets an HttpOnly cookie that authenticates
//! requests carrying the CSRF header, live connections from the instance's own origin, and
//! signing out revokes it.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};
use rookery_domain::testing::TestDb;
use rookery_domain::testing::live::LiveClient;
use serde_json::{Value, json};

use super::support::{TestServer, serve_changed, serve_with, servers};

const CSRF: &str = "X-Rookery-CSRF";
const VIEWER: &str = "{ viewer { username statusesCount } }";
const SESSIONS: &str = "{ sessions { id current } }";
const POST: &str =
    "mutation { createStatus(input: {text: \"by a forged form\"}) { status { id } } }";

/// Signs in through `POST /auth/session`, with the CSRF header when `csrf`.
async fn sign_in(
    server: &TestServer,
    username: &str,
    password: &str,
    csrf: bool,
) -> reqwest::Response {
    let mut request = server
        .client
        .post(format!("{}/auth/session", server.base))
        .header("User-Agent", "Firefox on a test bench")
        .json(&json!({ "username": username, "password": password }));
    if csrf {
        request = request.header(CSRF, "1");
    }
    request.send().await.unwrap()
}

/// The `Set-Cookie` value setting `rookery_session`.
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("rookery_session="))
        .map(str::to_owned)
}

/// Signs in and returns the `Cookie` header a browser would send back.
async fn signed_in(server: &TestServer, username: &str) -> String {
    let response = sign_in(server, username, "correct horse", true).await;
    assert_eq!(response.status(), StatusCode::OK, "{}", server.backend);
    let set = session_cookie(&response).expect("a session cookie");
    set.split(';').next().unwrap().to_owned()
}

/// A GraphQL POST with `cookie` and, when given, the CSRF header; (status, body).
async fn gql_with_cookie(
    server: &TestServer,
    cookie: &str,
    csrf: Option<&str>,
    bearer: Option<&str>,
    query: &str,
) -> (StatusCode, Value) {
    let mut request = server
        .client
        .post(format!("{}/graphql", server.base))
        .header(COOKIE, cookie)
        .json(&json!({ "query": query }));
    if let Some(value) = csrf {
        request = request.header(CSRF, value);
    }
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn signing_in_sets_a_session_cookie_that_works_with_the_csrf_header() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;

        let response = sign_in(&server, "alice", "correct horse", true).await;
        assert_eq!(response.status(), StatusCode::OK, "{backend}");
        let set = session_cookie(&response).expect("a session cookie");
        let attributes: Vec<&str> = set.split(';').map(str::trim).collect();
        assert!(attributes[0].len() > "rookery_session=".len(), "{set}");
        for attribute in [
            "HttpOnly",
            "SameSite=Lax",
            "Path=/",
            "Max-Age=31536000",
            "Secure",
        ] {
            assert!(attributes.contains(&attribute), "{attribute} in {set}");
        }
        let body: Value = response.json().await.unwrap();
        assert_eq!(body, json!({ "accountId": alice_id, "username": "alice" }));
        let cookie = attributes[0];

        // With the header, the cookie is the viewer, over POST and GET.
        let (status, body) = gql_with_cookie(&server, cookie, Some("1"), None, VIEWER).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["data"]["viewer"]["username"], "alice", "{body}");
        let got: Value = server
            .client
            .get(
                url::Url::parse_with_params(
                    &format!("{}/graphql", server.base),
                    [("query", "{ viewer { username } }")],
                )
                .unwrap(),
            )
            .header(COOKIE, cookie)
            .header(CSRF, "yes")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(got["data"]["viewer"]["username"], "alice", "{got}");

        // The session is listed with the browser that made it, beside the sign-up's.
        let (_, body) = gql_with_cookie(
            &server,
            cookie,
            Some("1"),
            None,
            "{ sessions { device ip current createdAt lastUsedAt } }",
        )
        .await;
        let sessions = body["data"]["sessions"].as_array().expect("sessions");
        assert_eq!(sessions.len(), 2, "{body}");
        let current: Vec<&Value> = sessions.iter().filter(|s| s["current"] == true).collect();
        assert_eq!(current.len(), 1, "{body}");
        assert_eq!(current[0]["device"], "Firefox on a test bench", "{body}");
        assert_eq!(current[0]["ip"], "127.0.0.1", "{body}");
        assert!(current[0]["lastUsedAt"].is_string(), "{body}");

        // Without it (or with an empty one), nothing runs, a mutation included.
        for csrf in [None, Some("")] {
            for query in [VIEWER, POST] {
                let (status, body) = gql_with_cookie(&server, cookie, csrf, None, query).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
                assert_eq!(
                    body["errors"][0]["extensions"]["code"], "CSRF_HEADER_MISSING",
                    "{body}"
                );
                assert!(body.get("data").is_none(), "{body}");
            }
        }
        let data = server.ok(Some(&alice), VIEWER, json!({})).await;
        assert_eq!(data["viewer"]["statusesCount"], 0, "{backend}");

        // A bearer token wins over the cookie, and needs no header.
        let (status, body) = gql_with_cookie(&server, cookie, None, Some(&bob), VIEWER).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["data"]["viewer"]["username"], "bob", "{body}");
    }
}

#[tokio::test]
async fn one_session_is_revoked_by_its_id_and_only_its_owner_may() {
    for server in servers().await {
        let backend = server.backend;
        server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let laptop = signed_in(&server, "alice").await;
        let phone = signed_in(&server, "alice").await;

        let (_, body) = gql_with_cookie(&server, &laptop, Some("1"), None, SESSIONS).await;
        let sessions = body["data"]["sessions"].as_array().expect("sessions");
        assert_eq!(sessions.len(), 3, "{backend}: {body}");
        let others: Vec<&str> = sessions
            .iter()
            .filter(|session| session["current"] == false)
            .filter_map(|session| session["id"].as_str())
            .collect();
        assert_eq!(others.len(), 2, "{body}");
        let revoke = |id: &str| {
            format!("mutation {{ revokeSession(input: {{id: \"{id}\"}}) {{ revokedSessionId }} }}")
        };

        // Bob cannot end Alice's sessions, nor is a personal token a session.
        for id in &others {
            let body = server.gql(Some(&bob), &revoke(id), json!({})).await;
            assert_eq!(
                body["errors"][0]["extensions"]["code"], "NOT_FOUND",
                "{body}"
            );
        }
        let token = server
            .ok(
                Some(&bob),
                "mutation { createAccessToken(input: {name: \"bot\", scopes: [READ]}) { accessToken { id } } }",
                json!({}),
            )
            .await;
        let token_id = token["createAccessToken"]["accessToken"]["id"]
            .as_str()
            .unwrap();
        let body = server.gql(Some(&bob), &revoke(token_id), json!({})).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "VALIDATION",
            "{body}"
        );
        let (_, body) = gql_with_cookie(&server, &phone, Some("1"), None, VIEWER).await;
        assert_eq!(body["data"]["viewer"]["username"], "alice", "{body}");

        // Alice ends both others from her laptop; the phone is signed out, the laptop not.
        for id in &others {
            let (status, body) =
                gql_with_cookie(&server, &laptop, Some("1"), None, &revoke(id)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(
                body["data"]["revokeSession"]["revokedSessionId"], *id,
                "{body}"
            );
        }
        let (_, body) = gql_with_cookie(&server, &phone, Some("1"), None, VIEWER).await;
        assert!(body["data"]["viewer"].is_null(), "{backend}: {body}");
        let (_, body) = gql_with_cookie(&server, &laptop, Some("1"), None, SESSIONS).await;
        assert_eq!(
            body["data"]["sessions"].as_array().map(Vec::len),
            Some(1),
            "{body}"
        );

        // Once gone, it is not found again.
        let (_, body) =
            gql_with_cookie(&server, &laptop, Some("1"), None, &revoke(others[0])).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "NOT_FOUND",
            "{body}"
        );
    }
}

#[tokio::test]
async fn signing_in_refuses_what_login_refuses_with_its_codes() {
    for server in servers().await {
        let backend = server.backend;
        server.register("alice").await;

        let response = sign_in(&server, "alice", "wrong horse", true).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{backend}");
        assert!(session_cookie(&response).is_none());
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "INVALID_CREDENTIALS", "{body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));

        let response = sign_in(&server, "alice", "correct horse", false).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{backend}");
        assert!(session_cookie(&response).is_none());
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "CSRF_HEADER_MISSING", "{body}");

        for malformed in ["not json", "{\"username\": \"alice\"}", "[]"] {
            let response = server
                .client
                .post(format!("{}/auth/session", server.base))
                .header(CSRF, "1")
                .header("content-type", "application/json")
                .body(malformed)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{malformed}");
            assert!(session_cookie(&response).is_none());
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["code"], "VALIDATION", "{body}");
        }
    }
}

#[tokio::test]
async fn signing_in_spends_the_log_in_budget() {
    for test in TestDb::all().await {
        let db = test.db.clone();
        // Two attempts a minute per address and per account: signing up spends one.
        let server = serve_with(test, db, 2).await;
        server.register("alice").await;
        let response = sign_in(&server, "alice", "wrong horse", true).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let response = sign_in(&server, "alice", "correct horse", true).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(session_cookie(&response).is_none());
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["code"], "RATE_LIMITED", "{body}");
    }
}

#[tokio::test]
async fn signing_out_revokes_the_session() {
    for server in servers().await {
        server.register("alice").await;
        let cookie = signed_in(&server, "alice").await;
        let other = signed_in(&server, "alice").await;

        // Without the header, signing out does nothing.
        let response = server
            .client
            .delete(format!("{}/auth/session", server.base))
            .header(COOKIE, &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let (status, _) = gql_with_cookie(&server, &cookie, Some("1"), None, VIEWER).await;
        assert_eq!(status, StatusCode::OK);

        let response = server
            .client
            .delete(format!("{}/auth/session", server.base))
            .header(COOKIE, &cookie)
            .header(CSRF, "1")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let cleared = session_cookie(&response).expect("the cookie is cleared");
        assert!(cleared.starts_with("rookery_session=;"), "{cleared}");
        assert!(cleared.contains("Max-Age=0"), "{cleared}");

        let (status, body) = gql_with_cookie(&server, &cookie, Some("1"), None, VIEWER).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        // Another session of the same account goes on.
        let (status, body) = gql_with_cookie(&server, &other, Some("1"), None, VIEWER).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["data"]["viewer"]["username"], "alice");
    }
}

#[tokio::test]
async fn a_session_cookie_opens_live_connections_from_the_own_origin_only() {
    for server in servers().await {
        let (_, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let cookie = signed_in(&server, "alice").await;

        for origin in ["https://elsewhere.example", "http://rookery.test"] {
            let refused = LiveClient::connect_with(
                &server.base,
                None,
                &[("Cookie", cookie.as_str()), ("Origin", origin)],
            )
            .await;
            match refused {
                Err(refused) => assert!(format!("{refused:?}").contains("403"), "{refused:?}"),
                Ok(_) => panic!("a cookie from {origin} opened a connection"),
            }
        }
        let refused =
            LiveClient::connect_with(&server.base, None, &[("Cookie", cookie.as_str())]).await;
        assert!(refused.is_err(), "a cookie without an origin is refused");

        let mut live = LiveClient::connect_with(
            &server.base,
            None,
            &[
                ("Cookie", cookie.as_str()),
                ("Origin", "https://rookery.test"),
            ],
        )
        .await
        .unwrap();
        let subscription =
            "subscription { notificationReceived { notification { type account { username } } } }";
        live.subscribe("n", subscription, json!({})).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        let event = live.next_data(Duration::from_secs(5)).await;
        let notification = &event["notificationReceived"]["notification"];
        assert_eq!(notification["type"], "FOLLOW");
        assert_eq!(notification["account"]["username"], "bob");

        // Bearer tokens in the init payload still work, from anywhere.
        LiveClient::connect_with(
            &server.base,
            Some(&bob),
            &[("Origin", "https://elsewhere.example")],
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn no_page_elsewhere_may_send_the_cookie_or_the_csrf_header() {
    let server = serve_changed(TestDb::sqlite().await, 1000, &|state| {
        state.cors_origins = vec!["https://app.example".into()];
    })
    .await;
    let preflight = |headers: &'static str| {
        server
            .client
            .request(reqwest::Method::OPTIONS, format!("{}/graphql", server.base))
            .header("origin", "https://app.example")
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", headers)
            .send()
    };
    let bearer = preflight("authorization, content-type").await.unwrap();
    assert_eq!(bearer.status(), StatusCode::OK);
    assert!(
        bearer
            .headers()
            .get("access-control-allow-credentials")
            .is_none(),
        "credentials are never allowed"
    );
    // A browser sends the request only when the preflight's answer lists every header it
    // asked for; the CSRF header is never among them.
    let csrf = preflight("content-type, x-rookery-csrf").await.unwrap();
    let allowed = csrf
        .headers()
        .get("access-control-allow-headers")
        .map(|value| value.to_str().unwrap().to_lowercase())
        .unwrap_or_default();
    assert!(!allowed.contains("x-rookery-csrf"), "{allowed}");
    assert!(
        csrf.headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
}
