//! `rookery-timeline`: home timelines at an instance's size, through GraphQL and as raw SQL.
//!
//! `rookery-timeline [--backend sqlite|postgres|both] [--accounts N] [--statuses N]
//! [--follows N] [--concurrency N] [--seconds N] [--rate N] [--keep] [--reuse URL]` seeds a
//! fresh database in bulk
//! (by default 10,000 remote accounts following 200 others each, 1,000,000 statuses with
//! replies, boosts, pictures and favourites, and one local reader per client following 200
//! of them), starts a real `rookery serve` on it, and reads `homeTimeline(first: 40)` with
//! authors, pictures, reply parents, boosted statuses, counts and the reader's favourite and
//! boost state, one reader per concurrent client. It then reads the same pages with the
//! hand-written SQL of `store::bulk::raw_home_page` through a pool of the server's size,
//! and prints p50, p99 and requests/s of both, and their ratio: first with every client
//! sending its next request as soon as the last is answered (the most the server does),
//! then with the clients sending `--rate` requests a second in all (100 by default, each of
//! 64 readers refreshing every 0.64 s), which is the latency people see on a busy instance
//! that is not overloaded. `--keep` leaves the seeded
//! databases behind and prints where; `--reuse` measures such a database again, unseeded.
//! Targets, for the open load (the latency people see): p99 ≤ 20 ms on PostgreSQL, and
//! p99 ≤ 3× the raw SQL's on each database. Each is printed as met or missed, with the
//! cores of this machine, and a miss makes the exit status non-zero. Run it on a release
//! build: `make bench-timeline`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeDelta, Utc};
use rookery_bench::{Load, Server, Targets, cores, load, load_at_rate};
use rookery_domain::db::{self, DatabaseConnection, DbOptions};
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::store::{
    self,
    bulk::{self, BulkAccount, BulkAttachment, BulkStatus},
};
use rookery_domain::testing::TestDb;
use rookery_domain::types::Visibility;
use serde_json::json;
use uuid::Uuid;

const PAGE: u64 = 40;
const HOME: &str = "query { homeTimeline(first: 40) { edges { node { ...S reblog { ...S } } } pageInfo { hasNextPage endCursor } } }
fragment S on Status { id content contentWarning sensitive visibility createdAt
  author { acct displayName avatarUrl } inReplyTo { id } repliesCount reblogsCount
  favouritesCount favourited reblogged
  mediaAttachments { url previewUrl remoteUrl description width height blurhash } }";
/// Statuses put in one transaction while seeding.
const BATCH: usize = 20_000;

struct Options {
    backends: Vec<&'static str>,
    accounts: usize,
    statuses: usize,
    follows: usize,
    concurrency: usize,
    seconds: u64,
    /// Requests a second, in all, of the open load.
    rate: f64,
    /// Leave the seeded databases behind, to look into them.
    keep: bool,
    /// Measure on a database an earlier run kept instead of seeding one.
    reuse: Option<String>,
}

fn options() -> Result<Options> {
    let mut options = Options {
        backends: vec!["sqlite", "postgres"],
        accounts: 10_000,
        statuses: 1_000_000,
        follows: 200,
        concurrency: 64,
        seconds: 20,
        rate: 100.0,
        keep: false,
        reuse: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--backend" => {
                options.backends = match value()?.as_str() {
                    "sqlite" => vec!["sqlite"],
                    "postgres" => vec!["postgres"],
                    "both" => vec!["sqlite", "postgres"],
                    other => bail!("unknown backend {other}: sqlite, postgres or both"),
                }
            }
            "--accounts" => options.accounts = value()?.parse()?,
            "--statuses" => options.statuses = value()?.parse()?,
            "--follows" => options.follows = value()?.parse()?,
            "--concurrency" => options.concurrency = value()?.parse()?,
            "--seconds" => options.seconds = value()?.parse()?,
            "--rate" => options.rate = value()?.parse()?,
            "--keep" => options.keep = true,
            "--reuse" => {
                let url = value()?;
                options.backends = vec![if url.starts_with("sqlite:") {
                    "sqlite"
                } else {
                    "postgres"
                }];
                options.reuse = Some(url);
            }
            other => bail!("unknown argument {other}"),
        }
    }
    if options.rate.is_nan() || options.rate <= 0.0 {
        bail!("--rate must be above 0");
    }
    if options.follows >= options.accounts {
        bail!("--follows must be below --accounts");
    }
    Ok(options)
}

/// SplitMix64: the same workload every run, no dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self) -> usize {
        self.below(100)
    }
}

/// One line that redraws itself: a stage, a bar, a count and the time it has taken.
struct Progress {
    stage: &'static str,
    total: usize,
    started: Instant,
}

impl Progress {
    fn new(stage: &'static str, total: usize) -> Self {
        let progress = Self {
            stage,
            total,
            started: Instant::now(),
        };
        progress.show(0);
        progress
    }

    fn show(&self, done: usize) {
        const WIDTH: usize = 30;
        let done = done.min(self.total);
        let filled = (done * WIDTH).checked_div(self.total).unwrap_or(WIDTH);
        eprint!(
            "\r  {:<11} [{}{}] {done:>9}/{:<9} {:>6.1} s",
            self.stage,
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            self.total,
            self.started.elapsed().as_secs_f64()
        );
        let _ = std::io::stderr().flush();
    }

    fn finish(self) {
        self.show(self.total);
        eprintln!();
    }
}

/// A local reader: its token, and the account the raw SQL reads for.
struct Reader {
    token: String,
    account: AccountId,
}

/// `count` distinct indexes below `n`, none of them `except`.
fn distinct(random: &mut Random, count: usize, n: usize, except: Option<usize>) -> Vec<usize> {
    let mut picked = HashSet::with_capacity(count);
    while picked.len() < count {
        let i = random.below(n);
        if Some(i) != except {
            picked.insert(i);
        }
    }
    picked.into_iter().collect()
}

fn uuid_at(at: DateTime<Utc>) -> Uuid {
    let timestamp = uuid::Timestamp::from_unix(
        uuid::NoContext,
        at.timestamp() as u64,
        at.timestamp_subsec_nanos(),
    );
    Uuid::new_v7(timestamp)
}

/// Seeds `db`: accounts, their follows, the readers' follows, then statuses with their
/// attachments and favourites, a batch to a transaction.
async fn seed(db: &DatabaseConnection, options: &Options, readers: &[Reader]) -> Result<()> {
    let mut random = Random(0x5EED);
    let started = Instant::now();

    let accounts: Vec<BulkAccount> = (0..options.accounts)
        .map(|i| BulkAccount {
            id: AccountId(Uuid::now_v7()),
            username: format!("user{i}"),
            domain: format!("server{}.example", i % 200),
        })
        .collect();
    let progress = Progress::new("accounts", accounts.len());
    for (n, chunk) in accounts.chunks(BATCH).enumerate() {
        bulk::accounts(db, chunk).await?;
        progress.show((n + 1) * BATCH);
    }
    progress.finish();

    let mut pairs = Vec::with_capacity(options.accounts * options.follows);
    for i in 0..options.accounts {
        for j in distinct(&mut random, options.follows, options.accounts, Some(i)) {
            pairs.push((accounts[i].id, accounts[j].id));
        }
    }
    // Which readers follow each author, for their favourites and boosts below.
    let mut followed_by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (r, reader) in readers.iter().enumerate() {
        for j in distinct(&mut random, options.follows, options.accounts, None) {
            pairs.push((reader.account, accounts[j].id));
            followed_by.entry(j).or_default().push(r);
        }
    }
    let progress = Progress::new("follows", pairs.len());
    for (n, chunk) in pairs.chunks(BATCH).enumerate() {
        bulk::follows(db, chunk).await?;
        progress.show((n + 1) * BATCH);
    }
    progress.finish();

    // Every status so far, for the replies and boosts that point back at one.
    struct Written {
        id: StatusId,
        author: AccountId,
        thread: StatusId,
        boost: bool,
    }
    let mut written: Vec<Written> = Vec::with_capacity(options.statuses);
    let span = TimeDelta::days(100);
    let start = Utc::now() - span;
    let step = span / options.statuses.max(1) as i32;
    let progress = Progress::new("statuses", options.statuses);
    let mut made = 0;
    while made < options.statuses {
        let mut statuses = Vec::with_capacity(BATCH);
        let mut attachments = Vec::new();
        let mut favourites = Vec::new();
        while statuses.len() < BATCH && made < options.statuses {
            let created_at = start + step * made as i32;
            let id = StatusId(uuid_at(created_at));
            let a = random.below(options.accounts);
            let author = &accounts[a];
            let kind = random.percent();
            // Replies and boosts point at one of the last 10,000 statuses that is no boost.
            let earlier = (made > 0)
                .then(|| &written[made - 1 - random.below(made.min(10_000))])
                .filter(|w| !w.boost);
            let mut status = BulkStatus {
                id,
                account_id: author.id,
                domain: author.domain.clone(),
                local: false,
                text: format!("Status {made} from {}, about nothing much", author.username),
                visibility: match random.percent() {
                    0..85 => Visibility::Public,
                    85..95 => Visibility::Unlisted,
                    _ => Visibility::Followers,
                },
                in_reply_to: None,
                reblog_of: None,
                thread_id: id,
                created_at,
            };
            match (kind, earlier) {
                (0..10, Some(parent)) => {
                    status.in_reply_to = Some((parent.id, parent.author));
                    status.thread_id = parent.thread;
                }
                (10..15, Some(boosted)) => {
                    status.text.clear();
                    status.visibility = Visibility::Public;
                    status.reblog_of = Some(boosted.id);
                }
                _ => {}
            }
            let boost = status.reblog_of.is_some();
            if !boost {
                if random.below(10) == 0 {
                    for position in 0..1 + random.below(2) {
                        attachments.push(BulkAttachment {
                            status_id: id,
                            account_id: author.id,
                            position: position as i32,
                        });
                    }
                }
                if random.below(8) == 0 {
                    let count = 1 + random.below(6);
                    for j in distinct(&mut random, count, options.accounts, Some(a)) {
                        favourites.push((accounts[j].id, id));
                    }
                }
                // The readers who follow the author like some of it and boost a little.
                for &r in followed_by.get(&a).into_iter().flatten() {
                    if random.percent() < 5 {
                        favourites.push((readers[r].account, id));
                    }
                }
            }
            written.push(Written {
                id,
                author: author.id,
                thread: status.thread_id,
                boost,
            });
            statuses.push(status);
            made += 1;
        }
        bulk::statuses(db, &statuses).await?;
        bulk::attachments(db, &attachments).await?;
        bulk::favourites(db, &favourites).await?;
        progress.show(made);
    }
    progress.finish();

    // Each reader boosts a few statuses of the accounts it follows, lately.
    let mut boosts = Vec::new();
    let now = Utc::now();
    for (r, reader) in readers.iter().enumerate() {
        let mut boosted = HashSet::new();
        for k in 0..10 {
            let target = &written[written.len() - 1 - random.below(written.len().min(5_000))];
            if target.boost || !boosted.insert(target.id) {
                continue;
            }
            let created_at = now - TimeDelta::seconds(600 - (r * 10 + k) as i64);
            let id = StatusId(uuid_at(created_at));
            boosts.push(BulkStatus {
                id,
                account_id: reader.account,
                domain: "readers.example".to_owned(),
                local: true,
                text: String::new(),
                visibility: Visibility::Public,
                in_reply_to: None,
                reblog_of: Some(target.id),
                thread_id: id,
                created_at,
            });
        }
    }
    bulk::statuses(db, &boosts).await?;

    let analysing = Instant::now();
    bulk::analyze(db).await?;
    eprintln!(
        "  statistics updated in {:.1} s; seeded in {:.1} s",
        analysing.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The GraphQL and raw SQL figures of one load, and their ratio.
fn compare(graphql: &Load, raw: &Load) {
    print("homeTimeline(first: 40)", graphql);
    print("raw SQL, same page", raw);
    println!(
        "    GraphQL / raw SQL: p50 {:.2}×, p99 {:.2}×",
        graphql.ms(0.50) / raw.ms(0.50),
        graphql.ms(0.99) / raw.ms(0.99)
    );
}

fn print(name: &str, figures: &Load) {
    println!(
        "    {name:<26} {:>7.0} req/s  p50 {:>6.2} ms  p99 {:>6.2} ms  ({} pages in {:.1} s)",
        figures.per_second(),
        figures.ms(0.50),
        figures.ms(0.99),
        figures.latencies.len(),
        figures.seconds
    );
}

async fn run(backend: &'static str, options: &Options, targets: &mut Targets) -> Result<()> {
    if let Some(url) = &options.reuse {
        println!("rookery-timeline: {backend}, kept database {url}");
        let db = db::connect(&DbOptions {
            url: url.clone(),
            max_connections: 2,
            connect_timeout: Duration::from_secs(5),
        })
        .await?;
        let dir = tempfile::tempdir()?;
        let server = Server::start(dir.path(), Some(url), &[]).await?;
        let mut readers = Vec::new();
        for i in 0..options.concurrency {
            let name = format!("reader{i}");
            let account = store::accounts::by_handle(&db, &name)
                .await?
                .with_context(|| format!("the kept database has no {name}"))?;
            readers.push(Reader {
                token: server.login(&name).await?,
                account: account.id,
            });
        }
        return measure(backend, url, server, readers, options, targets).await;
    }
    let test_db = match backend {
        "sqlite" => TestDb::sqlite().await,
        _ => TestDb::postgres()
            .await
            .context("PostgreSQL is unreachable")?,
    };
    println!(
        "rookery-timeline: {backend}, {} accounts following {} each, {} statuses, {} readers",
        options.accounts, options.follows, options.statuses, options.concurrency
    );
    let dir = tempfile::tempdir()?;
    let mut server = Server::start(dir.path(), Some(&test_db.url), &[]).await?;
    let mut readers = Vec::new();
    for i in 0..options.concurrency {
        let name = format!("reader{i}");
        let (token, _) = server.register(&name).await?;
        let account = store::accounts::by_handle(&test_db.db, &name)
            .await?
            .context("a registered reader is missing")?;
        readers.push(Reader {
            token,
            account: account.id,
        });
    }
    // The server reads a database it did not write: started again, it starts cold.
    drop(server);
    seed(&test_db.db, options, &readers).await?;
    server = Server::start(dir.path(), Some(&test_db.url), &[]).await?;
    measure(backend, &test_db.url, server, readers, options, targets).await?;
    if options.keep {
        println!("  kept: {} (measure it again with --reuse)", test_db.url);
        std::mem::forget(test_db);
    }
    Ok(())
}

/// Reads home pages through `server` and as raw SQL, prints the figures of both and checks
/// the open load's against the targets.
async fn measure(
    backend: &str,
    url: &str,
    server: Server,
    readers: Vec<Reader>,
    options: &Options,
    targets: &mut Targets,
) -> Result<()> {
    let server = Arc::new(server);
    let readers = Arc::new(readers);

    let read_page = {
        let (server, readers) = (server.clone(), readers.clone());
        move |client: usize, _| {
            let (server, readers) = (server.clone(), readers.clone());
            async move {
                let data = server
                    .gql(Some(&readers[client].token), HOME, json!({}))
                    .await?;
                let edges = data["homeTimeline"]["edges"].as_array().map_or(0, Vec::len);
                if edges as u64 != PAGE {
                    bail!("expected {PAGE} statuses, got {edges}");
                }
                Ok(())
            }
        }
    };
    // A first pass warms the caches of both the server and the database.
    load(options.concurrency, 2, read_page.clone()).await?;
    let graphql = load(options.concurrency, options.seconds, read_page.clone()).await?;
    let graphql_paced = load_at_rate(
        options.concurrency,
        options.seconds,
        options.rate,
        read_page,
    )
    .await?;

    let pool = db::connect(&DbOptions {
        url: url.to_owned(),
        max_connections: if backend == "sqlite" { 3 } else { 10 },
        connect_timeout: Duration::from_secs(5),
    })
    .await?;
    let read_raw = {
        let readers = readers.clone();
        move |client: usize, _| {
            let (pool, readers) = (pool.clone(), readers.clone());
            async move {
                let found = bulk::raw_home_page(&pool, readers[client].account, PAGE).await?;
                if found as u64 != PAGE {
                    bail!("raw SQL: expected {PAGE} statuses, got {found}");
                }
                Ok(())
            }
        }
    };
    load(options.concurrency, 2, read_raw.clone()).await?;
    let raw = load(options.concurrency, options.seconds, read_raw.clone()).await?;
    let raw_paced =
        load_at_rate(options.concurrency, options.seconds, options.rate, read_raw).await?;

    println!(
        "  {} clients, each sending again once answered:",
        options.concurrency
    );
    compare(&graphql, &raw);
    println!(
        "  {} clients sending {} requests/s in all:",
        options.concurrency, options.rate
    );
    compare(&graphql_paced, &raw_paced);
    if let Some(mib) = server.peak_rss_mib() {
        println!("  server peak RSS: {mib:.1} MiB");
    }
    let cores = cores();
    if backend == "postgres" {
        targets.at_most(
            &format!("{backend} open load, p99 on {cores} cores"),
            graphql_paced.ms(0.99),
            20.0,
            " ms",
        );
    }
    targets.at_most(
        &format!("{backend} open load, p99 GraphQL / raw SQL on {cores} cores"),
        graphql_paced.ms(0.99) / raw_paced.ms(0.99),
        3.0,
        "×",
    );
    Ok(())
}

#[tokio::main]
async fn main() -> Result<ExitCode> {
    let options = options()?;
    let mut targets = Targets::default();
    for backend in options.backends.clone() {
        run(backend, &options, &mut targets).await?;
    }
    Ok(targets.exit_code())
}
