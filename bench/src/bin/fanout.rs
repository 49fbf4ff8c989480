//! `rookery-fanout`: one public post by an account with 10,000 remote followers spread over
//! 1,000 hosts (loopback addresses), each host with a shared inbox, so 1,000 signed POSTs.
//!
//! Prints the time from the post to the last delivery, deliveries per second, the RSA-2048
//! signing rate of this machine by `openssl speed` (one core, times the cores) measured in
//! the same run, and their ratio; Rookery's own signer's rate is printed beside it.
//! Targets: all 1,000 within 2 s; deliveries/s at least 60 % of openssl's signing rate on
//! every core. Each figure is printed as met or missed, and a missed one (or no openssl to
//! compare with) makes the exit status non-zero. Run it on a release build:
//! `make bench-fanout`.

use std::net::{IpAddr, Ipv4Addr};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rookery_bench::{Server, Targets, cores, cpu_seconds};
use rookery_domain::db::{self, DbOptions};
use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_federation::signatures;
use serde_json::json;

#[allow(clippy::unwrap_used, dead_code)]
#[path = "../../../tests/e2e/inboxes.rs"]
mod inboxes;

const HOSTS: usize = 1000;
const FOLLOWERS_PER_HOST: usize = 10;

fn host_ip(host: usize) -> IpAddr {
    // 127.1.0.1 … 127.1.3.232: all loopback, all different hosts.
    IpAddr::V4(Ipv4Addr::new(
        127,
        1,
        (host / 250) as u8,
        (host % 250 + 1) as u8,
    ))
}

#[tokio::main]
async fn main() -> Result<ExitCode> {
    let dir = tempfile::tempdir()?;
    let received = inboxes::Received::default();
    let mut hosts = Vec::with_capacity(HOSTS);
    for host in 0..HOSTS {
        let ip = host_ip(host);
        let port = inboxes::listen_on(ip, received.clone(), Duration::ZERO).await;
        hosts.push(format!("{ip}:{port}"));
    }
    println!("{HOSTS} inbox hosts listening");

    let server = Server::start(
        dir.path(),
        None,
        &[("ROOKERY_FEDERATION__ALLOW_PRIVATE_ADDRESSES", "true")],
    )
    .await?;
    let (token, _) = server.register("alice").await?;
    let db = db::connect(&DbOptions {
        url: format!("sqlite://{}", dir.path().join("data/rookery.db").display()),
        max_connections: 2,
        connect_timeout: Duration::from_secs(5),
    })
    .await?;
    let alice = accounts::local_by_username(&db, "alice").await?;
    let seeding = Instant::now();
    for (index, host) in hosts.iter().enumerate() {
        for n in 0..FOLLOWERS_PER_HOST {
            inboxes::follower(&db, host, &format!("u{n}"), true, alice.id).await;
        }
        let done = index + 1;
        if done % 100 == 0 {
            print!(
                "\rseeding followers: {:>5} / {}",
                done * FOLLOWERS_PER_HOST,
                HOSTS * FOLLOWERS_PER_HOST
            );
            use std::io::Write;
            std::io::stdout().flush()?;
        }
    }
    println!(" in {:.1} s", seeding.elapsed().as_secs_f64());

    let server_cpu = cpu_seconds(server.child.id());
    let own_cpu = cpu_seconds(std::process::id());
    let started = Instant::now();
    server
        .gql(
            Some(&token),
            "mutation { createStatus(input: {text: \"hello, everyone\", visibility: PUBLIC}) { status { id } } }",
            json!({}),
        )
        .await?;
    let deadline = started + Duration::from_secs(60);
    let mut first = None;
    while received.count() < HOSTS && Instant::now() < deadline {
        if first.is_none() && received.count() > 0 {
            first = Some(started.elapsed().as_secs_f64());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    let total = started.elapsed().as_secs_f64();
    let delivered = received.count();
    let server_cpu = cpu_seconds(server.child.id()) - server_cpu;
    let own_cpu = cpu_seconds(std::process::id()) - own_cpu;
    drop(server);

    let key = store::accounts::private_key(&db, alice.id)
        .await?
        .context("no key")?;
    let cores = cores();
    let signing_rate = signing_rate(&key, cores, Duration::from_secs(2))?;
    let one_core = signing_rate_one_core(&key)?;
    let rate = delivered as f64 / total;
    println!();
    println!(
        "deliveries:        {delivered} of {HOSTS} (to {} followers)",
        HOSTS * FOLLOWERS_PER_HOST
    );
    println!("total time:        {total:.2} s (target ≤ 2 s)");
    println!(
        "first delivery:    {:.2} s after the post (publishing: build, address, queue)",
        first.unwrap_or(total)
    );
    println!("deliveries/s:      {rate:.0}");
    println!(
        "CPU meanwhile:     server {server_cpu:.2} s, fake inboxes {own_cpu:.2} s (of {:.2} s on {cores} cores)",
        cores as f64 * total
    );
    println!("RSA-2048 signs/s:  {signing_rate:.0} (Rookery's signer, every core)");
    println!("  on one core:     {one_core:.0} (RFC 9421, aws-lc)");
    let openssl = openssl_signs_per_second();
    if let Some(openssl) = openssl {
        println!(
            "  openssl speed:   {openssl:.0} (one core, rsa2048; ours {:.0} % of it)",
            100.0 * one_core / openssl
        );
    }
    println!();
    let mut targets = Targets::default();
    targets.check(
        delivered == HOSTS,
        &format!("deliveries {delivered} of {HOSTS}"),
        "all",
    );
    targets.at_most("time to the last delivery", total, 2.0, " s");
    match openssl {
        Some(openssl) => targets.at_least(
            &format!("deliveries/s as a share of openssl's signing rate on {cores} cores"),
            100.0 * rate / (openssl * cores as f64),
            60.0,
            " %",
        ),
        None => targets.check(
            false,
            "deliveries/s against openssl's signing rate",
            "≥ 60 %; openssl not found, nothing to compare with",
        ),
    }
    Ok(targets.exit_code())
}

/// HTTP signatures per second over `threads` cores, as the server makes them for deliveries
/// (RFC 9421, the key parsed once, as workers do).
fn signing_rate(key: &str, threads: usize, for_how_long: Duration) -> Result<f64> {
    let body = br#"{"type":"Create"}"#;
    let key = signatures::PrivateKey::from_pem(key)?;
    let inbox = url::Url::parse("http://127.1.0.1:9/inbox")?;
    let counts = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let start = Instant::now();
                    let mut count = 0u64;
                    while start.elapsed() < for_how_long {
                        let signed = signatures::sign_post_as(
                            signatures::Scheme::Rfc9421,
                            &key,
                            "http://127.0.0.1/users/alice#main-key",
                            &inbox,
                            body,
                            chrono::Utc::now(),
                        );
                        if signed.is_ok() {
                            count += 1;
                        }
                    }
                    count
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or(0))
            .sum::<u64>()
    });
    Ok(counts as f64 / for_how_long.as_secs_f64())
}

/// [`signing_rate`] on one core for three seconds, as `openssl speed -seconds 3` measures.
fn signing_rate_one_core(key: &str) -> Result<f64> {
    signing_rate(key, 1, Duration::from_secs(3))
}

/// RSA-2048 signatures per second on one core as `openssl speed -seconds 3 rsa2048`
/// reports them, when openssl is installed.
fn openssl_signs_per_second() -> Option<f64> {
    let output = std::process::Command::new("openssl")
        .args(["speed", "-seconds", "3", "rsa2048"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    // `rsa 2048 bits 0.000671s 0.000020s   1490.3  49758.5`: sign/s is the second last.
    let line = text
        .lines()
        .find(|line| line.starts_with("rsa") && line.contains("2048 bits"))?;
    let fields: Vec<&str> = line.split_whitespace().collect();
    fields.get(fields.len().checked_sub(2)?)?.parse().ok()
}
