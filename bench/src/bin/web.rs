//! `rookery-web`: the web client in Chromium against a release `rookery serve` holding an
//! instance's worth of posts.
//!
//! `rookery-web [--reuse URL] [--runs N]` measures on the SQLite database `rookery-timeline
//! --keep` leaves behind (10,000 accounts, 1,000,000 statuses); without `--reuse` it runs
//! `rookery-timeline --backend sqlite --keep` first to make one, and prints its address for
//! the next run. A reader of that database signs in, and `frontend/bench/web.mjs` (Node and
//! Playwright, driving Debian's Chromium) measures:
//! - from navigation to the first 40 posts of the home timeline painted, p50 over `--runs`
//!   page loads (target ≤ 800 ms);
//! - the longest task while scrolling through 2,000 loaded posts (target ≤ 50 ms);
//! - from `createStatus` answering to the "new posts" control on an open home timeline, for
//!   a post by an account the reader follows (target ≤ 1 s, every time).
//!
//! Each target is printed as met or missed; a miss makes the exit status non-zero. Run it on
//! a release build with the client built into it: `make bench-web`.

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use rookery_bench::{Server, Targets, cores};
use serde_json::{Value, json};

const READER: &str = "reader0";
const POSTER: &str = "webposter";
const PASSWORD: &str = "bench password";

struct Options {
    reuse: Option<String>,
    runs: usize,
}

fn options() -> Result<Options> {
    let mut options = Options {
        reuse: None,
        runs: 20,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--reuse" => options.reuse = Some(value()?),
            "--runs" => options.runs = value()?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    if options.runs == 0 {
        bail!("--runs must be at least 1");
    }
    Ok(options)
}

/// Seeds a database with `rookery-timeline --keep` and returns its address.
fn seed() -> Result<String> {
    let exe = std::env::current_exe()?;
    let timeline = exe
        .parent()
        .context("no directory")?
        .join("rookery-timeline");
    println!(
        "rookery-web: seeding a database with {}",
        timeline.display()
    );
    let output = Command::new(&timeline)
        .args(["--backend", "sqlite", "--keep", "--seconds", "2"])
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {}", timeline.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|line| line.trim().strip_prefix("kept: "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .with_context(|| format!("rookery-timeline kept no database:\n{stdout}"))
}

/// The bearer token of the account whose posts the reader waits for, which it follows.
async fn poster_followed_by_reader(server: &Server) -> Result<String> {
    let poster = match server.login(POSTER).await {
        Ok(token) => token,
        Err(_) => server.register(POSTER).await?.0,
    };
    let reader = server.login(READER).await?;
    let id = server
        .gql(
            Some(&reader),
            "query($h: String!) { accountByHandle(handle: $h) { id } }",
            json!({ "h": POSTER }),
        )
        .await?["accountByHandle"]["id"]
        .as_str()
        .context("the poster has no id")?
        .to_owned();
    server
        .gql(
            Some(&reader),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
            json!({ "id": id }),
        )
        .await?;
    Ok(poster)
}

/// The figures `web.mjs` printed as its last line.
fn run_browser(server: &Server, poster: &str, runs: usize) -> Result<Value> {
    let frontend = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend");
    let output = Command::new("node")
        .arg("bench/web.mjs")
        .current_dir(&frontend)
        .env("BENCH_ORIGIN", &server.base)
        .env("BENCH_USERNAME", READER)
        .env("BENCH_PASSWORD", PASSWORD)
        .env("BENCH_POSTER_TOKEN", poster)
        .env("BENCH_RUNS", runs.to_string())
        .stderr(Stdio::inherit())
        .output()
        .context("running node bench/web.mjs")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("web.mjs failed ({}):\n{stdout}", output.status);
    }
    let last = stdout.lines().last().context("web.mjs printed nothing")?;
    serde_json::from_str(last).with_context(|| format!("web.mjs printed {last}"))
}

fn numbers(figures: &Value, key: &str) -> Vec<f64> {
    let mut values: Vec<f64> = figures[key]
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    values.sort_by(f64::total_cmp);
    values
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

#[tokio::main]
async fn main() -> Result<ExitCode> {
    let options = options()?;
    let url = match options.reuse {
        Some(url) => url,
        None => seed()?,
    };
    println!("rookery-web: database {url}, {} page loads", options.runs);
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), Some(&url), &[]).await?;
    let poster = poster_followed_by_reader(&server).await?;
    let figures = run_browser(&server, &poster, options.runs)?;

    let first = numbers(&figures, "firstPageMs");
    let tasks = numbers(&figures, "longTasksMs");
    let live = numbers(&figures, "liveMs");
    let longest = tasks.last().copied().unwrap_or(0.0);
    println!(
        "  first 40 posts painted: p50 {:.0} ms, p90 {:.0} ms, max {:.0} ms ({} loads)",
        quantile(&first, 0.5),
        quantile(&first, 0.9),
        first.last().copied().unwrap_or(f64::NAN),
        first.len()
    );
    println!(
        "  scrolling {} posts ({} px in {} frames): {} long tasks, longest {longest:.0} ms",
        figures["scrolled"],
        figures["scrolledPx"],
        figures["scrollFrames"],
        tasks.len()
    );
    println!(
        "  live post to the new-posts control: p50 {:.0} ms, max {:.0} ms ({} posts)",
        quantile(&live, 0.5),
        live.last().copied().unwrap_or(f64::NAN),
        live.len()
    );
    let cores = cores();
    let mut targets = Targets::default();
    targets.at_most(
        &format!("first 40 posts painted, p50 on {cores} cores"),
        quantile(&first, 0.5),
        800.0,
        " ms",
    );
    targets.at_most("longest task while scrolling", longest, 50.0, " ms");
    targets.at_most(
        "live post shown, slowest",
        live.last().copied().unwrap_or(f64::INFINITY),
        1000.0,
        " ms",
    );
    Ok(targets.exit_code())
}
