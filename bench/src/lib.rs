//! What the benchmarks share: a real `rookery` process driven over loopback HTTP, and the
//! comparison of each figure with its target.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};

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

/// A `rookery serve` process on a free loopback port.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub client: reqwest::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `rookery serve` in `dir` with `env` and waits until it is ready.
    pub async fn start(
        dir: &Path,
        database_url: Option<&str>,
        env: &[(&str, &str)],
    ) -> Result<Self> {
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
            // Every client of a bench comes from the one loopback address.
            .env("ROOKERY_GRAPHQL__MAX_LIVE_CONNECTIONS_PER_ADDRESS", "10000")
            .env("ROOKERY_LOG__LEVEL", "warn")
            // The benchmark reads what the server seals (keys to sign with) itself.
            .env("ROOKERY_SECRETS__KEY", rookery_domain::testing::SECRETS_KEY)
            .stdout(Stdio::null());
        rookery_domain::testing::install_secrets_key();
        if let Some(url) = database_url {
            command.env("ROOKERY_DATABASE__URL", url);
        }
        for (key, value) in env {
            command.env(key, value);
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

    pub async fn gql(&self, token: Option<&str>, query: &str, variables: Value) -> Result<Value> {
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

    pub async fn register(&self, name: &str) -> Result<(String, String)> {
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

    /// Signs in an account `register` made; its new token.
    pub async fn login(&self, name: &str) -> Result<String> {
        let query = "mutation($u: String!) { login(input: {username: $u, password: \"bench password\"}) { token } }";
        let data = self.gql(None, query, json!({ "u": name })).await?;
        let token = data["login"]["token"].as_str().context("no token")?;
        Ok(token.to_owned())
    }

    /// Peak resident memory of the server process, in MiB.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }
}

/// User and system CPU time a process has used so far, in seconds (Linux).
pub fn cpu_seconds(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// The latency below which `quantile` of `sorted` lie, in milliseconds.
pub fn percentile_ms(sorted: &[Duration], quantile: f64) -> f64 {
    let index = ((sorted.len() as f64 * quantile) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(index).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Sorted latencies of requests sent for a while, and how long that took.
pub struct Load {
    pub latencies: Vec<Duration>,
    pub seconds: f64,
}

impl Load {
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }

    /// The latency below which `quantile` of the requests lie, in milliseconds.
    pub fn ms(&self, quantile: f64) -> f64 {
        percentile_ms(&self.latencies, quantile)
    }
}

/// The clients' latencies, sorted, over the time since `started`.
async fn gathered(
    tasks: Vec<tokio::task::JoinHandle<Result<Vec<Duration>>>>,
    started: Instant,
) -> Result<Load> {
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    latencies.sort();
    Ok(Load {
        latencies,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Sends `request(client, n)`, each client's `n`th request after the one before, from
/// `clients` tasks for `seconds`; every request must succeed.
pub async fn load<F, Fut>(clients: usize, seconds: u64, request: F) -> Result<Load>
where
    F: Fn(usize, usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client in 0..clients {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                request(client, latencies.len()).await?;
                latencies.push(sent.elapsed());
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    gathered(tasks, started).await
}

/// Sends `request(client, n)` from `clients` tasks for `seconds`, `rate` a second in all,
/// each client on its own even schedule whatever the answers' speed (an open load, as
/// from people rather than a loop). A latency counts from when its request was due, so a
/// late answer also counts against the requests that waited behind it.
pub async fn load_at_rate<F, Fut>(
    clients: usize,
    seconds: u64,
    rate: f64,
    request: F,
) -> Result<Load>
where
    F: Fn(usize, usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Result<()>> + Send,
{
    let interval = Duration::from_secs_f64(clients as f64 / rate);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client in 0..clients {
        let request = request.clone();
        // Clients start spread over one interval, not all at once.
        let first = started + interval.mul_f64(client as f64 / clients as f64);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut due = first;
            while due < deadline {
                tokio::time::sleep_until(due.into()).await;
                request(client, latencies.len()).await?;
                latencies.push(due.elapsed());
                due += interval;
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    gathered(tasks, started).await
}

/// The cores of this machine, as the operating system reports them.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Figures compared with their targets: each verdict printed, and the exit status non-zero
/// when any target was missed.
#[derive(Debug, Default)]
pub struct Targets {
    missed: usize,
}

impl Targets {
    /// Records whether `figure` met `target` and prints the verdict on one line.
    pub fn check(&mut self, met: bool, figure: &str, target: &str) {
        if met {
            println!("target met:    {figure} (target {target})");
        } else {
            self.missed += 1;
            println!("TARGET MISSED: {figure} (target {target})");
        }
    }

    /// Checks that `value` is at most `limit`.
    pub fn at_most(&mut self, name: &str, value: f64, limit: f64, unit: &str) {
        self.check(
            value <= limit,
            &format!("{name} {value:.2}{unit}"),
            &format!("≤ {limit}{unit}"),
        );
    }

    /// Checks that `value` is at least `floor`.
    pub fn at_least(&mut self, name: &str, value: f64, floor: f64, unit: &str) {
        self.check(
            value >= floor,
            &format!("{name} {value:.2}{unit}"),
            &format!("≥ {floor}{unit}"),
        );
    }

    /// The exit status: failure when any target was missed.
    pub fn exit_code(&self) -> ExitCode {
        if self.missed == 0 {
            ExitCode::SUCCESS
        } else {
            println!("{} target(s) missed", self.missed);
            ExitCode::FAILURE
        }
    }
}
