//! `rookery-bench`: starts a real `rookery` process and measures it over loopback HTTP.
//!
//! `rookery-bench [--database-url URL] [--seconds N] [--concurrency N]` posts through
//! `createStatus`, then reads 40-status home timelines (with authors, reply parents, counts,
//! mentions and tags), and prints requests per second, latency percentiles and the server's
//! peak memory. It sets no targets (the other benchmarks do): its figures are for comparing
//! runs. Run it on a release build: `make bench`.

use anyhow::{Context, Result, bail};
use rookery_bench::{Load, Server, load};
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

fn print(name: &str, figures: &Load) {
    println!(
        "{name}: {:.0} req/s ({} in {:.1} s), p50 {:.1} ms, p99 {:.1} ms",
        figures.per_second(),
        figures.latencies.len(),
        figures.seconds,
        figures.ms(0.50),
        figures.ms(0.99)
    );
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
    let posting = load(options.concurrency, options.seconds, move |client, n| {
        let (s, token) = (s.clone(), token.clone());
        async move {
            let text = format!("status {client}.{n} for @reader about #bench with **markdown**");
            s.gql(Some(&token), CREATE, json!({ "t": text }))
                .await
                .map(|_| ())
        }
    })
    .await?;
    print("createStatus", &posting);

    let (s, token) = (server.clone(), reader.clone());
    let reading = load(options.concurrency, options.seconds, move |_, _| {
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
    print("homeTimeline(first: 40)", &reading);
    if let Some(mib) = server.peak_rss_mib() {
        println!("server peak RSS: {mib:.1} MiB");
    }
    Ok(())
}
