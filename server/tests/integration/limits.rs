//! Query limits, rate limits, parse errors and health checks.

use std::time::{Duration, Instant};

use rookery_domain::testing::TestDb;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::support::{serve, serve_changed, serve_with};

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
        "GRAPHQL_VALIDATION_FAILED"
    );
    // Lists that are not connections weigh what they may hold.
    let lists = "{ publicTimeline(first: 100) { edges { node { author { pinnedStatuses { edits { content } } } } } } }";
    assert_eq!(
        server.error_code(None, lists, json!({})).await,
        "QUERY_TOO_COMPLEX"
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
}

#[tokio::test]
async fn html_answers_carry_the_security_headers() {
    let server = serve(TestDb::sqlite().await).await;
    server.register("alice").await;
    for path in ["/", "/@alice", "/@nobody", "/graphql"] {
        let response = server
            .client
            .get(format!("{}{path}", server.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("default-src 'self'"), "{path}: {policy}");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        // The test instance is https://rookery.test.
        assert!(
            headers["strict-transport-security"]
                .to_str()
                .unwrap()
                .starts_with("max-age="),
            "{path}"
        );
    }
    // The explorer loads its script from this server only.
    let page = server
        .client
        .get(format!("{}/graphql", server.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("src=\"/graphql/explorer.js\""), "{page}");
    assert!(!page.contains("https://"), "{page}");
    let script = server
        .client
        .get(format!("{}/graphql/explorer.js", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
    assert!(script.headers().get("content-security-policy").is_none());
}

#[tokio::test]
async fn get_runs_queries_only() {
    let server = serve(TestDb::sqlite().await).await;
    let get = |query: &str, variables: &str| {
        let url = url::Url::parse_with_params(
            &format!("{}/graphql", server.base),
            &[("query", query), ("variables", variables)],
        )
        .unwrap();
        server.client.get(url).send()
    };
    let response = get(
        "query($n: Int) { __typename publicTimeline(first: $n) { edges { cursor } } }",
        r#"{"n": 1}"#,
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["data"]["__typename"], "Query", "{body}");
    let login =
        "mutation { login(input: {username: \"nobody\", password: \"whatever1\"}) { token } }";
    let response = get(login, "").await.unwrap();
    assert_eq!(response.status(), 405);
    assert!(
        response.headers()["allow"]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    let response = get("subscription { publicTimelineUpdates { kind } }", "")
        .await
        .unwrap();
    assert_eq!(response.status(), 405);
    // Without a query, only browsers get a page.
    let response = server
        .client
        .get(format!("{}/graphql", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn documents_are_limited_in_size_fields_aliases_and_introspection() {
    let server = serve(TestDb::sqlite().await).await;
    let long = format!("{{ __typename }} # {}", "x".repeat(70 * 1024));
    assert_eq!(
        server.error_code(None, &long, json!({})).await,
        "GRAPHQL_PARSE_FAILED"
    );
    let aliases = format!(
        "{{ {} }}",
        (0..101)
            .map(|n| format!("a{n}: __typename"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    assert_eq!(
        server.error_code(None, &aliases, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
    let fields = format!(
        "query {{ ...F }} fragment F on Query {{ {} }}",
        "__typename ".repeat(1001)
    );
    assert_eq!(
        server.error_code(None, &fields, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
    let schemas = "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }";
    assert_eq!(
        server.error_code(None, schemas, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
    server
        .ok(None, "{ __schema { queryType { name } } }", json!({}))
        .await;
}

#[tokio::test]
async fn deep_values_are_refused_before_parsing() {
    let server = serve(TestDb::sqlite().await).await;
    for levels in [1_750, 30_000] {
        let list = |inner: &str| format!("{}{inner}{}", "[".repeat(levels), "]".repeat(levels));
        let queries = [
            format!("{{ node(id: {}) {{ id }} }}", list("1")),
            format!(
                "{{ node(id: {}1{}) {{ id }} }}",
                "{a: ".repeat(levels / 4),
                "}".repeat(levels / 4)
            ),
            format!("query($v: ID = {}) {{ node(id: $v) {{ id }} }}", list("1")),
            format!("{{ __typename @skip(if: {}) }}", list("true")),
        ];
        for query in queries {
            let response = server.gql(None, &query, json!({})).await;
            let error = &response["errors"][0];
            assert_eq!(error["extensions"]["code"], "GRAPHQL_PARSE_FAILED");
            assert!(
                error["message"]
                    .as_str()
                    .unwrap()
                    .contains("nested more than"),
                "{error}"
            );
        }
    }
    server.ok(None, "{ __typename }", json!({})).await;
}

/// Sends `head` and then `body` chunks on a raw connection to `base`; returns the status
/// line of the answer and how long it took.
async fn raw_post(base: &str, head: &str, chunks: usize) -> (String, Duration) {
    let addr = base.trim_start_matches("http://").to_owned();
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let started = Instant::now();
    write.write_all(head.as_bytes()).await.unwrap();
    let writer = tokio::spawn(async move {
        let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
        for _ in 0..chunks {
            if write.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 1024];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        let read = tokio::time::timeout(Duration::from_secs(10), read.read(&mut buffer))
            .await
            .expect("no answer within 10 s")
            .unwrap();
        assert!(read > 0, "closed without an answer");
        answer.extend_from_slice(&buffer[..read]);
    }
    let elapsed = started.elapsed();
    writer.abort();
    let text = String::from_utf8_lossy(&answer).into_owned();
    (text.lines().next().unwrap_or_default().to_owned(), elapsed)
}

#[tokio::test]
async fn large_bodies_are_refused_unread() {
    let server = serve(TestDb::sqlite().await).await;
    let declared = "POST /graphql HTTP/1.1\r\nhost: rookery.test\r\ncontent-type: application/json\r\ncontent-length: 5000000000\r\n\r\n{\"query\": \"";
    let (status, elapsed) = raw_post(&server.base, declared, 0).await;
    assert!(status.contains(" 413 "), "{status}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    // 64 MiB streamed without a length: refused once past the 1 MiB limit.
    let streamed = "POST /graphql HTTP/1.1\r\nhost: rookery.test\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    let (status, elapsed) = raw_post(&server.base, streamed, 1024).await;
    assert!(status.contains(" 413 "), "{status}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    // A body within the limit is still read.
    server
        .ok(
            None,
            "{ __typename }",
            json!({ "pad": " ".repeat(500_000) }),
        )
        .await;
}

#[tokio::test]
async fn remote_lookups_are_limited_per_request_and_per_account() {
    let limit = |state: &mut rookery_server::state::AppState| {
        state.lookup_limiter = rookery_server::state::lookup_limiter(2);
    };
    let server = serve_changed(TestDb::sqlite().await, 1000, &limit).await;
    let (token, _) = server.register("alice").await;
    let two = "{ a: resolveAccount(handle: \"@a@127.0.0.1:9\") { id } b: resolveAccount(handle: \"@b@127.0.0.1:9\") { id } }";
    assert_eq!(
        server.error_code(Some(&token), two, json!({})).await,
        "QUERY_TOO_COMPLEX"
    );
    let one = "{ resolveAccount(handle: \"@a@127.0.0.1:9\") { id } }";
    for _ in 0..2 {
        assert_ne!(
            server.error_code(Some(&token), one, json!({})).await,
            "RATE_LIMITED"
        );
    }
    assert_eq!(
        server.error_code(Some(&token), one, json!({})).await,
        "RATE_LIMITED"
    );
    let object = "{ resolveObject(url: \"http://127.0.0.1:9/users/a\") { __typename } }";
    assert_eq!(
        server.error_code(Some(&token), object, json!({})).await,
        "RATE_LIMITED"
    );
    // Another account has its own minute.
    let (other, _) = server.register("bob").await;
    assert_ne!(
        server.error_code(Some(&other), one, json!({})).await,
        "RATE_LIMITED"
    );
}

/// How many answers to queries of the schema alone this process has given from those it
/// kept.
fn kept_introspection_answers() -> u64 {
    rookery_server::http::metrics::recorder()
        .expect("the test servers install the recorder")
        .render()
        .lines()
        .filter(|line| line.starts_with("rookery_graphql_introspection_answers_kept_total"))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}

/// A query of the schema alone is answered once, then from what was kept: the same
/// answer, for anyone, without running it again.
#[tokio::test]
async fn answers_about_the_schema_are_made_once() {
    let server = serve(TestDb::sqlite().await).await;
    let (alice, _) = server.register("alice").await;
    let query = "query KeptOnce { __schema { types { name kind } } __typename }";
    let first = server.ok(None, query, json!({})).await;
    assert!(first["__schema"]["types"].as_array().unwrap().len() > 50);
    let before = kept_introspection_answers();
    let again = server.ok(Some(&alice), query, json!({})).await;
    assert_eq!(again, first);
    assert!(kept_introspection_answers() > before);
    // Other documents are no answer kept for this one.
    let other = server
        .ok(None, "{ __type(name: \"Tag\") { name } }", json!({}))
        .await;
    assert_eq!(other["__type"]["name"], "Tag");
}
