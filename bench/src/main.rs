//! `rookery-bench`: starts a real `rookery` process and measures it over loopback HTTP.
//!
//! `rookery-bench [--database-url URL] [--seconds N] [--concurrency N]` posts through
//! `createStatus`, then reads 40-status home timelines (with authors, reply parents, counts,
//! mentions and tags), and prints requests per second, latency percentiles and the server's
//! peak memory. Run it on a release build: `make bench`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

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

/// The `rookery` binary built beside this one.
fn rookery_binary() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe.parent().context("no directory")?.join("rookery");
    if !path.is_file() {
        bail!(
            "{} is missing: build it with cargo build --release -p rookery-server",
            path.display()
        );
    }
    Ok(path)
}

struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(dir: &Path, database_url: Option<&str>) -> Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut command = Command::new(rookery_binary()?);
        command
            .current_dir(dir)
            .arg("serve")
            .env("ROOKERY_SERVER__LISTEN", format!("127.0.0.1:{port}"))
            .env("ROOKERY_INSTANCE__DOMAIN", format!("127.0.0.1:{port}"))
            .env("ROOKERY_SERVER__AUTH_ATTEMPTS_PER_MINUTE", "1000")
            .env("ROOKERY_LOG__LEVEL", "warn")
            .stdout(Stdio::null());
        if let Some(url) = database_url {
            command.env("ROOKERY_DATABASE__URL", url);
        }
        let server = Self {
            child: command.spawn()?,
            base: format!("http://127.0.0.1:{port}"),
            client: reqwest::Client::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            let ready = server
                .client
                .get(format!("{}/ready", server.base))
                .send()
                .await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("rookery did not become ready")
    }

    async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Result<Value> {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response: Value = request.send().await?.json().await?;
        if let Some(errors) = response.get("errors") {
            bail!("GraphQL errors: {errors}");
        }
        Ok(response["data"].clone())
    }

    async fn register(&self, name: &str) -> Result<(String, String)> {
        let query = "mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"bench password\"}) { token account { id } } }";
        let data = self
            .gql(
                None,
                query,
                json!({ "u": name, "e": format!("{name}@bench.example") }),
            )
            .await?;
        let token = data["register"]["token"].as_str().context("no token")?;
        let id = data["register"]["account"]["id"]
            .as_str()
            .context("no id")?;
        Ok((token.to_owned(), id.to_owned()))
    }

    /// Peak resident memory of the server process, in MiB.
    fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }
}

struct Figures {
    requests: usize,
    seconds: f64,
    latencies: Vec<Duration>,
}

impl Figures {
    fn print(&mut self, name: &str) {
        self.latencies.sort();
        let at = |q: f64| {
            let index = ((self.latencies.len() as f64 * q) as usize)
                .min(self.latencies.len().saturating_sub(1));
            self.latencies
                .get(index)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
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
        std::sync::Arc::new(Server::start(dir.path(), options.database_url.as_deref()).await?);
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
