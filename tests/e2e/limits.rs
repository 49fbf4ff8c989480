//! A real `rookery serve` against hostile clients: deep documents and values over HTTP and
//! live connections leave it running and answering.

use std::time::{Duration, Instant};

use rookery_domain::testing::live::LiveClient;
use serde_json::{Value, json};

use super::process::{Server, free_port};

/// `levels` brackets around `inner`.
fn nested(open: &str, inner: &str, close: &str, levels: usize) -> String {
    format!("{}{inner}{}", open.repeat(levels), close.repeat(levels))
}

fn assert_alive(server: &mut Server) {
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server process exited"
    );
}

async fn first_code(response: reqwest::Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {body}"))
        .to_owned()
}

#[tokio::test]
async fn deep_documents_and_values_leave_the_process_running() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), free_port(), &[]).await;
    let mut queries = Vec::new();
    // Some hundreds of levels overflowed a worker's stack; deeper ones the parser refused.
    for levels in [500, 1_750, 30_000, 100_000] {
        queries.push(format!(
            "{{ node(id: {}) {{ id }} }}",
            nested("[", "1", "]", levels)
        ));
        queries.push(format!(
            "{{ node(id: {}) {{ id }} }}",
            nested("{a: ", "1", "}", levels / 4)
        ));
        queries.push(format!(
            "query($v: ID = {}) {{ node(id: $v) {{ id }} }}",
            nested("[", "1", "]", levels)
        ));
        queries.push(format!(
            "{{ __typename @skip(if: {}) }}",
            nested("[", "true", "]", levels)
        ));
        queries.push(format!(
            "{{ noSuchField(a: {}) }}",
            nested("[", "1", "]", levels)
        ));
    }
    for query in &queries {
        let response = server
            .client
            .post(format!("{}/graphql", server.base))
            .json(&json!({ "query": query }))
            .send()
            .await
            .unwrap();
        assert_eq!(first_code(response).await, "GRAPHQL_PARSE_FAILED");
        assert_alive(&mut server);
    }
    // Nested JSON in the variables.
    let variables = format!(
        "{{\"query\": \"query($v: ID) {{ node(id: $v) {{ id }} }}\", \"variables\": {{\"v\": {}}}}}",
        nested("[", "1", "]", 100_000)
    );
    let response = server
        .client
        .post(format!("{}/graphql", server.base))
        .header("content-type", "application/json")
        .body(variables)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_alive(&mut server);

    // The same over a live connection.
    let mut live = LiveClient::connect(&server.base, None).await.unwrap();
    for (n, query) in queries.iter().enumerate() {
        live.subscribe(&n.to_string(), query, json!({})).await;
        let message = loop {
            let message = live
                .message_within(Duration::from_secs(10))
                .await
                .unwrap_or_else(|| panic!("no answer to subscription {n}"));
            if message["type"] != "complete" {
                break message;
            }
        };
        assert_eq!(
            message["payload"]["errors"][0]["extensions"]["code"], "GRAPHQL_PARSE_FAILED",
            "{message}"
        );
        assert_alive(&mut server);
    }

    let started = Instant::now();
    let health = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_alive(&mut server);
    server.stop();
}

/// A line of the server process's `/proc/<pid>/status` (`VmRSS`, `VmHWM`), in kB.
fn memory_kb(server: &Server, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test]
async fn alias_bombs_and_subscription_floods_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), free_port(), &[]).await;
    let baseline = memory_kb(&server, "VmRSS");

    // 1,400 aliases of the whole schema, 16 at once, while /health is asked.
    let bomb = format!(
        "{{ {} }}",
        (0..1400)
            .map(|n| format!("s{n}: __schema {{ types {{ name }} }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let bombs: Vec<_> = (0..16)
        .map(|_| {
            let request = server
                .client
                .post(format!("{}/graphql", server.base))
                .json(&json!({ "query": bomb }));
            tokio::spawn(async move { request.send().await.unwrap() })
        })
        .collect();
    let started = Instant::now();
    let health = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    let health_time = started.elapsed();
    assert_eq!(health.status(), 200);
    for bomb in bombs {
        assert_eq!(first_code(bomb.await.unwrap()).await, "QUERY_TOO_COMPLEX");
    }
    let once = server
        .ok(
            None,
            "{ __schema { types { name fields { name type { name } } } } }",
            json!({}),
        )
        .await;
    let schema_bytes = once.to_string().len();
    let after_bombs = memory_kb(&server, "VmHWM");
    println!(
        "alias bomb x16: /health answered within {health_time:?}; one __schema is {schema_bytes} bytes; VmRSS before {baseline} kB, VmHWM after {after_bombs} kB"
    );
    assert!(health_time < Duration::from_secs(2), "{health_time:?}");

    // 50,000 subscriptions on one connection.
    let mut live = LiveClient::connect(&server.base, None).await.unwrap();
    let started = Instant::now();
    for n in 0..50_000 {
        live.subscribe(
            &n.to_string(),
            "subscription { publicTimelineUpdates { kind } }",
            json!({}),
        )
        .await;
    }
    let mut refused = 0;
    while let Some(message) = live.message_within(Duration::from_secs(2)).await {
        if message["type"] == "error" {
            refused += 1;
        }
    }
    let after_flood = memory_kb(&server, "VmHWM");
    let rss = memory_kb(&server, "VmRSS");
    println!(
        "50,000 subscribes on one connection in {:?}: {refused} refusals read before the server cut it off; VmHWM {after_flood} kB, VmRSS {rss} kB",
        started.elapsed()
    );
    assert!(
        after_flood < baseline + 200 * 1024,
        "{after_flood} kB against {baseline} kB at start"
    );
    let health = server
        .client
        .get(format!("{}/health", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert_alive(&mut server);
    server.stop();
}
