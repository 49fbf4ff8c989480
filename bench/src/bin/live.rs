//! `rookery-live`: 10,000 live subscriptions held on two `rookery serve` processes sharing
//! one PostgreSQL and one Redis, and statuses posted through the first.
//!
//! 200 accounts follow the poster; each holds one connection (half on each process) with
//! 50 subscriptions: 20 to its home timeline, 20 to the public timeline and 10 to the
//! `#bench` hashtag, which every status reaches; each event with the status's author, pictures,
//! tags, counts and the listener's favourite and boost state. Prints the latency from the `createStatus`
//! request to each delivery (p50, p99, max) and how many arrived.
//! Targets: every event delivered, p99 at most 1 s; each printed as met or missed, and a
//! miss makes the exit status non-zero. Run it on a release build: `make bench-live`.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rookery_bench::{Server, Targets, percentile_ms};
use rookery_domain::testing::TestDb;
use rookery_domain::testing::live::LiveClient;
use serde_json::json;
use tokio::sync::Mutex;

const ACCOUNTS: usize = 200;
const HOME_PER_CONNECTION: usize = 20;
const PUBLIC_PER_CONNECTION: usize = 20;
const TAG_PER_CONNECTION: usize = 10;
const STATUSES: usize = 20;
const BETWEEN_STATUSES: Duration = Duration::from_millis(500);

/// What a client shows of a status, with the fields read from other tables.
const STATUS_EVENT: &str = "kind status { id content createdAt author { acct displayName avatarUrl } mediaAttachments { url } tags favouritesCount reblogsCount favourited reblogged }";

#[tokio::main]
async fn main() -> Result<ExitCode> {
    let redis = std::env::var("ROOKERY_BENCH_REDIS_URL").unwrap_or("redis://127.0.0.1:6379".into());
    let database = TestDb::postgres_empty()
        .await
        .context("PostgreSQL at 127.0.0.1:5432 is needed")?;
    let namespace = format!("rookery-bench-live-{}", std::process::id());
    let (dir_a, dir_b) = (tempfile::tempdir()?, tempfile::tempdir()?);
    let env = [
        ("ROOKERY_REDIS__URL", redis.as_str()),
        ("ROOKERY_REDIS__NAMESPACE", namespace.as_str()),
        ("ROOKERY_INSTANCE__DOMAIN", "bench.example"),
    ];
    let a = Server::start(dir_a.path(), Some(&database.url), &env).await?;
    let b = Server::start(dir_b.path(), Some(&database.url), &env).await?;
    println!("two processes on one PostgreSQL and one Redis");

    let (poster, poster_id) = a.register("poster").await?;
    let mut tokens = Vec::with_capacity(ACCOUNTS);
    let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
    let first = &a;
    for chunk in (0..ACCOUNTS).collect::<Vec<_>>().chunks(20) {
        let registered = futures::future::join_all(
            chunk
                .iter()
                .map(|i| async move { first.register(&format!("listener{i}")).await }),
        )
        .await;
        for registered in registered {
            let (token, _) = registered?;
            a.gql(Some(&token), follow, json!({ "id": poster_id }))
                .await?;
            tokens.push(token);
        }
    }
    println!("{ACCOUNTS} accounts follow the poster");

    let start = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let received: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let per_connection = HOME_PER_CONNECTION + PUBLIC_PER_CONNECTION + TAG_PER_CONNECTION;
    let mut readers = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        let mut client = match LiveClient::connect(base, Some(token)).await {
            Ok(client) => client,
            Err(refused) => bail!("connection refused: {refused:?}"),
        };
        let home = format!("subscription {{ homeTimelineUpdates {{ {STATUS_EVENT} }} }}");
        let public = format!("subscription {{ publicTimelineUpdates {{ {STATUS_EVENT} }} }}");
        let tag = format!("subscription {{ hashtagUpdates(tag: \"bench\") {{ {STATUS_EVENT} }} }}");
        for n in 0..per_connection {
            let query = if n < HOME_PER_CONNECTION {
                &home
            } else if n < HOME_PER_CONNECTION + PUBLIC_PER_CONNECTION {
                &public
            } else {
                &tag
            };
            client.subscribe(&n.to_string(), query, json!({})).await;
        }
        let (start, received) = (start.clone(), received.clone());
        readers.push(tokio::spawn(async move {
            let expected = per_connection * STATUSES;
            let mut got = 0;
            while got < expected {
                let Some(message) = client.message_within(Duration::from_secs(20)).await else {
                    break;
                };
                let arrived = Instant::now();
                let text = message.to_string();
                let Some(index) = status_index(&text) else {
                    continue;
                };
                let sent = start.lock().await.get(index).copied();
                if let Some(sent) = sent {
                    received.lock().await.push(arrived - sent);
                }
                got += 1;
            }
            got
        }));
    }
    let subscriptions = ACCOUNTS * per_connection;
    println!("{subscriptions} subscriptions on {ACCOUNTS} connections, half on each process");
    tokio::time::sleep(Duration::from_secs(2)).await;

    let create = "mutation($t: String!) { createStatus(input: {text: $t, visibility: PUBLIC}) { status { id } } }";
    for i in 0..STATUSES {
        start.lock().await.push(Instant::now());
        a.gql(
            Some(&poster),
            create,
            json!({ "t": format!("bench-{i}-end #bench") }),
        )
        .await?;
        tokio::time::sleep(BETWEEN_STATUSES).await;
    }
    let mut delivered = 0;
    for reader in readers {
        delivered += reader.await?;
    }
    let mut latencies = received.lock().await.clone();
    latencies.sort();
    let expected = subscriptions * STATUSES;
    println!(
        "delivered {delivered} of {expected} events ({STATUSES} statuses × {subscriptions} subscriptions)"
    );
    println!(
        "latency from createStatus to delivery: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile_ms(&latencies, 0.50),
        percentile_ms(&latencies, 0.99),
        latencies.last().map_or(0.0, |d| d.as_secs_f64() * 1000.0),
    );
    println!(
        "peak RSS: process A {:.1} MiB, process B {:.1} MiB",
        a.peak_rss_mib().unwrap_or(0.0),
        b.peak_rss_mib().unwrap_or(0.0)
    );
    println!();
    let mut targets = Targets::default();
    targets.check(
        delivered == expected,
        &format!("delivered {delivered} of {expected} events"),
        "all",
    );
    targets.at_most(
        "p99 from createStatus to delivery",
        percentile_ms(&latencies, 0.99),
        1000.0,
        " ms",
    );
    Ok(targets.exit_code())
}

/// The number in `bench-<n>-end` within a message.
fn status_index(text: &str) -> Option<usize> {
    let from = text.find("bench-")? + "bench-".len();
    let to = from + text[from..].find("-end")?;
    text[from..to].parse().ok()
}
