//! Query limits, rate limits, parse errors and health checks.

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::support::{serve, serve_with};

#[tokio::test]
async fn limits_and_parse_errors_have_codes() {
    let server = serve(TestDb::sqlite().await).await;
    let deep = format!(
        "{{ homeTimeline {{ edges {{ node {{ {}id{} }} }} }} }}",
        "inReplyTo { ".repeat(20),
        " }".repeat(20)
    );
    assert_eq!(
        server.error_code(None, &deep, json!({})).await,
        "QUERY_TOO_DEEP"
    );
    let wide = format!(
        "{{ {} }}",
        (0..100)
            .map(|n| format!("t{n}: publicTimeline(first: 100) {{ edges {{ node {{ id content author {{ id }} }} }} }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert_eq!(
        server.error_code(None, &wide, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
    assert_eq!(
        server
            .error_code(
                None,
                "{ publicTimeline(first: 101) { edges { cursor } } }",
                json!({})
            )
            .await,
        "VALIDATION"
    );
    assert_eq!(
        server.error_code(None, "{ nope", json!({})).await,
        "GRAPHQL_PARSE_FAILED"
    );
    assert_eq!(
        server.error_code(None, "{ noSuchField }", json!({})).await,
        "VALIDATION"
    );
    // GraphiQL's introspection stays within the limits.
    let introspection = "{ __schema { types { name fields { name type { name kind ofType { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } } }";
    server.ok(None, introspection, json!({})).await;
}

#[tokio::test]
async fn sign_up_and_log_in_are_rate_limited_per_client() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let server = serve_with(test, db, 3).await;
    let login =
        "mutation { login(input: {username: \"nobody\", password: \"whatever1\"}) { token } }";
    for _ in 0..3 {
        assert_eq!(
            server.error_code(None, login, json!({})).await,
            "INVALID_CREDENTIALS"
        );
    }
    assert_eq!(
        server.error_code(None, login, json!({})).await,
        "RATE_LIMITED"
    );
}

#[tokio::test]
async fn health_ready_and_front_page() {
    let server = serve(TestDb::sqlite().await).await;
    for (path, body) in [("/health", "ok"), ("/ready", "ready")] {
        let response = server
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), body);
    }
    let page = server
        .client
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("/graphql"));
    let graphiql = server
        .client
        .get(format!("{}/graphql", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(graphiql.status(), 200);
}
