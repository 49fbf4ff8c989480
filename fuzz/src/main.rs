//! `rookery-fuzz`: runs every fuzz target (incoming activities, signature headers, the HTML
//! sanitiser, Markdown, handles, media probing) on random and mutated inputs for a set time
//! each, prints executions and findings per target, and fails when anything was found.
//!
//! `rookery-fuzz [--seconds N] [--slow-ms N] [--findings DIR] [--seed N] [--target NAME]…`, or
//! `rookery-fuzz --replay FILE --target NAME` to run one saved input again.

mod mutate;
mod rng;
mod run;
mod seeds;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Targets run on a thread with the stack a server's worker threads have.
const STACK_SIZE: usize = 2 * 1024 * 1024;

#[derive(Debug)]
struct Options {
    seconds: f64,
    /// Milliseconds one input may take.
    slow_ms: u64,
    findings: PathBuf,
    seed: u64,
    targets: Vec<String>,
    replay: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        seconds: 60.0,
        slow_ms: 1_000,
        findings: PathBuf::from("fuzz-findings"),
        seed: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() ^ u64::from(d.subsec_nanos())),
        targets: Vec::new(),
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--seconds" => {
                options.seconds = value()?
                    .parse()
                    .ok()
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0)
                    .ok_or("--seconds takes a number of seconds")?;
            }
            "--slow-ms" => {
                options.slow_ms = value()?.parse().map_err(|_| "--slow-ms takes a number")?;
            }
            "--findings" => options.findings = value()?.into(),
            "--seed" => options.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--target" => options.targets.push(value()?),
            "--replay" => options.replay = Some(value()?.into()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(error) => {
            eprintln!("rookery-fuzz: {error}");
            return ExitCode::from(2);
        }
    };
    let worker = std::thread::Builder::new()
        .name("fuzz".into())
        .stack_size(STACK_SIZE)
        .spawn(move || fuzz_all(&options));
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("rookery-fuzz: the fuzzing thread died");
            ExitCode::FAILURE
        }
    }
}

fn fuzz_all(options: &Options) -> ExitCode {
    let all = targets::all();
    let chosen: Vec<_> = all
        .iter()
        .filter(|t| options.targets.is_empty() || options.targets.iter().any(|n| n == t.name))
        .collect();
    if chosen.is_empty()
        || options
            .targets
            .iter()
            .any(|n| !all.iter().any(|t| t.name == n))
    {
        let names: Vec<_> = all.iter().map(|t| t.name).collect();
        eprintln!("rookery-fuzz: targets are {}", names.join(", "));
        return ExitCode::from(2);
    }
    run::capture_panics();
    if let Some(path) = &options.replay {
        let Ok(input) = std::fs::read(path) else {
            eprintln!("rookery-fuzz: cannot read {}", path.display());
            return ExitCode::from(2);
        };
        let mut failed = false;
        for target in chosen {
            let outcome = run::execute(target, &input);
            println!("{}: {outcome:?}", target.name);
            failed |= outcome.is_err();
        }
        return if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    println!(
        "rookery-fuzz: {} s per target, seed {}, findings under {}",
        options.seconds,
        options.seed,
        options.findings.display()
    );
    println!(
        "{:<10} {:>12} {:>12} {:>9}",
        "target", "executions", "exec/s", "findings"
    );
    let (mut executions, mut findings) = (0, 0);
    for (number, target) in (0_u64..).zip(chosen) {
        let report = run::fuzz(
            target,
            Duration::from_secs_f64(options.seconds),
            Duration::from_millis(options.slow_ms),
            options.seed.wrapping_add(number),
            &options.findings,
        );
        let rate = report.executions as f64 / report.elapsed.as_secs_f64().max(1e-9);
        println!(
            "{:<10} {:>12} {:>12.0} {:>9}",
            target.name, report.executions, rate, report.findings
        );
        for problem in &report.problems {
            println!("  {}: {problem}", target.name);
        }
        executions += report.executions;
        findings += report.findings;
    }
    println!("total      {executions:>12} {:>12} {findings:>9}", "");
    if findings > 0 {
        println!("findings saved under {}", options.findings.display());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
