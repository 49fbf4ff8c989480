//! Runs one target for a while on random and mutated inputs, catching panics, and keeps what
//! broke it.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::mutate::{MAX_LEN, mutate};
use crate::rng::Rng;
use crate::targets::{Outcome, Target};

/// The most inputs a target's corpus grows to.
const MAX_CORPUS: usize = 4_096;
/// Accepted inputs longer than this are not kept to mutate further.
const MAX_KEPT_LEN: usize = 16 * 1024;
/// The most distinct findings of one target saved to disk.
const MAX_SAVED: usize = 20;

thread_local! {
    /// Where the last panic happened and what it said.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps panic messages for the report instead of printing each one.
pub fn capture_panics() {
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(info.to_string()));
    }));
}

/// What running one target found.
#[derive(Debug)]
pub struct Report {
    pub executions: u64,
    pub elapsed: Duration,
    /// Inputs that panicked or broke an invariant.
    pub findings: u64,
    /// The distinct problems, as first seen.
    pub problems: BTreeSet<String>,
}

/// Runs `target` on one input, turning a panic into a finding.
pub fn execute(target: &Target, input: &[u8]) -> Outcome {
    match panic::catch_unwind(AssertUnwindSafe(|| (target.run)(input))) {
        Ok(outcome) => outcome,
        Err(_) => Err(LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "a panic".into())),
    }
}

/// Fuzzes `target` for `duration`, saving each new problem's input under `findings/<name>/`;
/// an input that takes longer than `slow` is a problem too.
pub fn fuzz(
    target: &Target,
    duration: Duration,
    slow: Duration,
    seed: u64,
    findings: &Path,
) -> Report {
    let mut rng = Rng::new(seed);
    let seeds = (target.seeds)();
    let mut corpus = seeds.clone();
    if corpus.is_empty() {
        corpus.push(Vec::new());
    }
    let mut report = Report {
        executions: 0,
        elapsed: Duration::ZERO,
        findings: 0,
        problems: BTreeSet::new(),
    };
    let started = Instant::now();
    let mut queue = seeds.into_iter();
    while started.elapsed() < duration {
        let input = match queue.next() {
            Some(seed) => seed,
            None if rng.one_in(16) => (0..rng.below(512)).map(|_| rng.byte()).collect(),
            None => {
                let mut input = rng.pick(&corpus).cloned().unwrap_or_default();
                mutate(&mut input, &mut rng, target.dictionary, &corpus);
                input
            }
        };
        report.executions += 1;
        let began = Instant::now();
        let mut outcome = execute(target, &input);
        let took = began.elapsed();
        if took > slow && outcome.is_ok() {
            outcome = Err(format!(
                "took {} ms on {} bytes",
                took.as_millis(),
                input.len()
            ));
        }
        match outcome {
            Ok(true) if input.len() <= MAX_KEPT_LEN && rng.one_in(8) => {
                if corpus.len() < MAX_CORPUS {
                    corpus.push(input);
                } else {
                    let at = rng.below(corpus.len());
                    corpus[at] = input;
                }
            }
            Ok(_) => {}
            Err(problem) => {
                report.findings += 1;
                let problem: String = problem.chars().take(300).collect();
                let key: String = problem.chars().take(80).collect();
                if report.problems.len() < MAX_SAVED && report.problems.insert(key) {
                    save(
                        findings,
                        target.name,
                        report.problems.len(),
                        &input,
                        &problem,
                    );
                }
            }
        }
    }
    report.elapsed = started.elapsed();
    debug_assert!(corpus.iter().all(|input| input.len() <= MAX_LEN));
    report
}

fn save(findings: &Path, name: &str, number: usize, input: &[u8], problem: &str) {
    let directory = findings.join(name);
    let written = std::fs::create_dir_all(&directory)
        .and_then(|()| std::fs::write(directory.join(format!("{number}.input")), input))
        .and_then(|()| std::fs::write(directory.join(format!("{number}.txt")), problem));
    if let Err(error) = written {
        eprintln!(
            "{name}: could not save a finding under {}: {error}",
            directory.display()
        );
    }
}
