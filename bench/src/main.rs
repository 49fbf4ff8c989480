//! `rookery-bench`: starts a real `rookery` process and measures it over loopback HTTP.
//!
//! `rookery-bench [--database-url URL] [--seconds N] [--concurrency N]` posts through
//! `createStatus`, then reads 40-status home timelines (with authors, reply parents, counts,
//! mentions and tags), and prints requests per second, latency percentiles and the server's
//! peak memory. Run it on a release build: `make bench`.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rookery_bench::{Server, percentile_ms};
use serde_json::json;

const TIMELINE: &str = "{ homeTimeline(first: 40) { edges { node { id content createdAt author { acct displayName statusesCount followersCount } inReplyTo { id } repliesCount mentions { acct } tags } } pageInfo { hasNextPage endCursor } } }";
const CREATE: &str = "mutation($t: String!) { createStatus(input: {text: $t, visibility: FOLLOWERS}) { status { id } } }";

struct Options {
    database_url: Option<String>,
    seconds: u64,
    concurrency: usize,
}

fn options() -> Result<Options> {
    let mut options = Options {
        database_url: None,
        seconds: 10,
        concurrency: 16,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--database-url" => options.database_url = Some(value()?),
            "--seconds" => options.seconds = value()?.parse()?,
            "--concurrency" => options.concurrency = value()?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(options)
}

struct Figures {
    requests: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Figures {
    fn print(&mut self, name: &str) {
        self.latencies.sort();
        let at = |q: f64| percentile_ms(&self.latencies, q);
        println!(
            "{name}: {:.0} req/s ({} in {:.1} s), p50 {:.1} ms, p99 {:.1} ms",
            self.requests as f64 / self.seconds,
            self.requests,
            self.seconds,
            at(0.50),
            at(0.99)
        );
    }
}

/// Runs `request` from `concurrency` tasks for `seconds`; every request must succeed.
async fn load<F, Fut>(concurrency: usize, seconds: u64, request: F) -> Result<Figures>
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut n = 0;
            while Instant::now() < deadline {
                let sent = Instant::now();
                request(worker * 1_000_000 + n).await?;
                latencies.push(sent.elapsed());
                n += 1;
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok(Figures {
        requests: latencies.len(),
        seconds: started.elapsed().as_secs_f64(),
        latencies,
    })
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let dir = tempfile::tempdir()?;
    let server =
        std::sync::Arc::new(Server::start(dir.path(), options.database_url.as_deref(), &[]).await?);
    println!(
        "rookery-bench: {} on {}, {} concurrent clients, {} s per phase",
        if options.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        std::env::consts::ARCH,
        options.concurrency,
        options.seconds
    );
    let (author, author_id) = server.register("author").await?;
    let (reader, _) = server.register("reader").await?;
    server
        .gql(
            Some(&reader),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
            json!({ "id": author_id }),
        )
        .await?;

    let (s, token) = (server.clone(), author.clone());
    let mut posting = load(options.concurrency, options.seconds, move |n| {
        let (s, token) = (s.clone(), token.clone());
        async move {
            let text = format!("status {n} for @reader about #bench with **markdown**");
            s.gql(Some(&token), CREATE, json!({ "t": text }))
                .await
                .map(|_| ())
        }
    })
    .await?;
    posting.print("createStatus");

    let (s, token) = (server.clone(), reader.clone());
    let mut reading = load(options.concurrency, options.seconds, move |_| {
        let (s, token) = (s.clone(), token.clone());
        async move {
            let data = s.gql(Some(&token), TIMELINE, json!({})).await?;
            let edges = data["homeTimeline"]["edges"].as_array().map_or(0, Vec::len);
            if edges != 40 {
                bail!("expected 40 statuses, got {edges}");
            }
            Ok(())
        }
    })
    .await?;
    reading.print("homeTimeline(first: 40)");
    if let Some(mib) = server.peak_rss_mib() {
        println!("server peak RSS: {mib:.1} MiB");
    }
    Ok(())
}
