//! `rookery-inbox`: signed `Create(Note)` activities from 100 remote actors, whose keys the
//! server already holds, posted concurrently to the shared inbox.
//!
//! `rookery-inbox [--database-url URL] [--activities N] [--concurrency N]` prints accepted
//! activities per second and latency percentiles. The activities are signed before the clock
//! starts, so the figures are the server's alone. With `--database-url`, the database must be
//! empty. Targets: every activity accepted and stored, and ≥ 1500 accepted/s on SQLite and
//! on PostgreSQL (set on two cores; the cores of this machine are printed). Each figure is
//! printed as met or missed, and a missed one makes the exit status non-zero. Run it on a
//! release build: `make bench-inbox`.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rookery_bench::{Server, Targets, cores, cpu_seconds, percentile_ms};
use rookery_domain::db::{self, DbOptions};
use rookery_domain::service::accounts;
use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::store;
use rookery_federation::signatures::{self, PrivateKey};
use serde_json::json;

const ACTORS: usize = 100;
const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

struct Options {
    database_url: Option<String>,
    activities: usize,
    concurrency: usize,
}

fn options() -> Result<Options> {
    let mut options = Options {
        database_url: None,
        activities: 20_000,
        concurrency: 64,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--database-url" => options.database_url = Some(value()?),
            "--activities" => options.activities = value()?.parse()?,
            "--concurrency" => options.concurrency = value()?.parse()?,
            other => bail!("unknown argument {other}"),
        }
    }
    Ok(options)
}

/// A remote actor the server knows, with the private half of its key.
struct Sender {
    account: rookery_domain::ids::AccountId,
    actor: String,
    key_id: String,
    key: PrivateKey,
}

/// One delivery, signed and ready to send.
struct Delivery {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

#[tokio::main]
async fn main() -> Result<ExitCode> {
    let options = options()?;
    let dir = tempfile::tempdir()?;
    let server = Server::start(dir.path(), options.database_url.as_deref(), &[]).await?;
    let host = server.base.trim_start_matches("http://").to_owned();
    println!(
        "rookery-inbox: {} on {}, {} activities from {ACTORS} actors, {} concurrent senders",
        if options.database_url.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        std::env::consts::ARCH,
        options.activities,
        options.concurrency
    );
    let db = db::connect(&DbOptions {
        url: options.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", dir.path().join("data/rookery.db").display())
        }),
        max_connections: 2,
        connect_timeout: Duration::from_secs(5),
    })
    .await?;
    server.register("reader").await?;
    let reader = accounts::local_by_username(&db, "reader").await?;

    let started = Instant::now();
    let senders = seed_senders(&db, reader.id).await?;
    println!(
        "{ACTORS} remote actors with keys, followed by a local reader, in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let deliveries = Arc::new(sign(&senders, &host, options.activities)?);
    println!(
        "{} activities signed in {:.1} s",
        deliveries.len(),
        started.elapsed().as_secs_f64()
    );

    let server_cpu = cpu_seconds(server.child.id());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..options.concurrency {
        let (deliveries, next) = (deliveries.clone(), next.clone());
        let (client, url) = (server.client.clone(), format!("{}/inbox", server.base));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut refused = Vec::new();
            while let Some(delivery) = deliveries.get(next.fetch_add(1, Ordering::Relaxed)) {
                let mut request = client.post(&url).body(delivery.body.clone());
                for (name, value) in &delivery.headers {
                    request = request.header(name, value);
                }
                let sent = Instant::now();
                let response = request.send().await?;
                let status = response.status();
                if status.as_u16() == 202 {
                    latencies.push(sent.elapsed());
                } else {
                    refused.push(format!("{status}: {}", response.text().await?));
                }
            }
            Ok::<_, anyhow::Error>((latencies, refused))
        }));
    }
    let mut latencies = Vec::new();
    let mut refused = Vec::new();
    for task in tasks {
        let (l, r) = task.await??;
        latencies.extend(l);
        refused.extend(r);
    }
    let seconds = started.elapsed().as_secs_f64();
    let server_cpu = cpu_seconds(server.child.id()) - server_cpu;
    latencies.sort();

    println!();
    println!(
        "accepted:     {} of {} (202)",
        latencies.len(),
        deliveries.len()
    );
    if let Some(first) = refused.first() {
        println!("refused:      {} (first: {first})", refused.len());
    }
    let accepted_per_second = latencies.len() as f64 / seconds;
    println!("accepted/s:   {accepted_per_second:.0}");
    println!(
        "latency:      p50 {:.1} ms, p99 {:.1} ms",
        percentile_ms(&latencies, 0.50),
        percentile_ms(&latencies, 0.99)
    );
    let cores = cores();
    println!(
        "server CPU:   {server_cpu:.1} s in {seconds:.1} s ({:.0} % of {cores} cores)",
        100.0 * server_cpu / (seconds * cores as f64)
    );
    if let Some(mib) = server.peak_rss_mib() {
        println!("server peak RSS: {mib:.1} MiB");
    }
    let ids: Vec<_> = senders.iter().map(|s| s.account).collect();
    let stored: u64 = store::statuses::counts_by_accounts(&db, &ids)
        .await?
        .values()
        .sum();
    println!();
    let mut targets = Targets::default();
    targets.check(
        latencies.len() == deliveries.len(),
        &format!("accepted {} of {}", latencies.len(), deliveries.len()),
        "all",
    );
    targets.check(
        stored == latencies.len() as u64,
        &format!(
            "{stored} statuses stored for {} accepted activities",
            latencies.len()
        ),
        "one each",
    );
    targets.at_least(
        &format!("accepted/s on {cores} cores"),
        accepted_per_second,
        1500.0,
        "",
    );
    Ok(targets.exit_code())
}

/// Stores `ACTORS` remote actors with new keys, each followed by `reader`.
async fn seed_senders(
    db: &rookery_domain::db::DatabaseConnection,
    reader: rookery_domain::ids::AccountId,
) -> Result<Vec<Sender>> {
    let mut keys = Vec::with_capacity(ACTORS);
    let cores = cores();
    let per_core = ACTORS.div_ceil(cores);
    let generated: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope.spawn(move || {
                    (0..per_core)
                        .map(|_| accounts::generate_key_pair())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    for pair in generated.into_iter().take(ACTORS) {
        keys.push(pair?);
    }
    let mut senders = Vec::with_capacity(ACTORS);
    for (n, (private_pem, public_pem)) in keys.into_iter().enumerate() {
        let domain = format!("bench-{n}.example");
        let actor = format!("https://{domain}/users/sender");
        let account = remote::upsert_account(
            db,
            RemoteActor {
                actor_id: actor.clone(),
                key_id: format!("{actor}#main-key"),
                public_key_pem: public_pem,
                username: "sender".into(),
                domain: domain.clone(),
                display_name: format!("Sender {n}"),
                note_html: String::new(),
                fields: Vec::new(),
                url: actor.clone(),
                inbox_url: format!("{actor}/inbox"),
                shared_inbox_url: Some(format!("https://{domain}/inbox")),
                outbox_url: None,
                followers_url: Some(format!("{actor}/followers")),
                following_url: None,
                featured_url: None,
                locked: false,
                bot: false,
                discoverable: true,
                indexable: true,
                published: None,
                avatar_url: None,
                header_url: None,
            },
        )
        .await?;
        store::follows::insert(db, reader, account.id, None).await?;
        senders.push(Sender {
            account: account.id,
            key_id: format!("{actor}#main-key"),
            actor,
            key: PrivateKey::from_pem(&private_pem)?,
        });
    }
    Ok(senders)
}

/// `count` signed `Create(Note)` deliveries to `host`'s shared inbox, round robin over the
/// senders, signed on every core.
fn sign(senders: &[Sender], host: &str, count: usize) -> Result<Vec<Delivery>> {
    let cores = cores();
    let now = chrono::Utc::now();
    let sign_one = |n: usize| -> Result<Delivery> {
        let sender = &senders[n % senders.len()];
        let id = format!("{}/statuses/{n}", sender.actor);
        let followers = format!("{}/followers", sender.actor);
        let published = now.to_rfc3339();
        let body = serde_json::to_vec(&json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": format!("{id}/activity"),
            "type": "Create",
            "actor": sender.actor,
            "published": published,
            "to": [PUBLIC],
            "cc": [followers],
            "object": {
                "id": id,
                "type": "Note",
                "attributedTo": sender.actor,
                "content": format!("<p>Status {n}, about <a href=\"https://example.org/tags/bench\" rel=\"tag\">#bench</a></p>"),
                "published": published,
                "to": [PUBLIC],
                "cc": [followers],
                "tag": [{ "type": "Hashtag", "name": "#bench", "href": "https://example.org/tags/bench" }],
            },
        }))?;
        let headers =
            signatures::sign_post_with(&sender.key, &sender.key_id, host, "/inbox", &body, now)?;
        Ok(Delivery { headers, body })
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|core| {
                scope.spawn(move || {
                    (core..count)
                        .step_by(cores)
                        .map(sign_one)
                        .collect::<Result<Vec<_>>>()
                })
            })
            .collect();
        let mut deliveries = Vec::with_capacity(count);
        for worker in workers {
            deliveries.extend(
                worker
                    .join()
                    .map_err(|_| anyhow::anyhow!("a signer panicked"))??,
            );
        }
        Ok(deliveries)
    })
}
