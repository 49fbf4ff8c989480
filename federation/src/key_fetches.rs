//! How often a request not yet verified may make the inbox fetch a key: once a minute per
//! key, and a few times a minute per sending host for fetches that verify nothing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a key fetched (or tried) is not fetched again, and the span of a host's budget.
const WINDOW: Duration = Duration::from_secs(60);

/// The fetches a host's requests may cause in a window without a signature verifying.
pub const PER_HOST: u32 = 10;

/// Past this many remembered keys or hosts, expired ones go, then everything.
const CAPACITY: usize = 10_000;

#[derive(Debug)]
struct Budget {
    since: Instant,
    used: u32,
}

#[derive(Debug, Default)]
struct State {
    keys: HashMap<String, Instant>,
    hosts: HashMap<String, Budget>,
}

/// Key fetches of one process, by key id and by the key's host.
#[derive(Debug, Default)]
pub struct KeyFetches(Mutex<State>);

/// Why a key is not fetched now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// This key was fetched (or is being fetched) less than a minute ago.
    KeyRecent,
    /// The host's requests caused too many fetches that verified nothing.
    HostOverBudget,
}

impl KeyFetches {
    /// Whether `key_id`, served by `host`, may be fetched now; if so the fetch is counted
    /// against both until [`Self::verified`] says it was worth it.
    pub fn begin(&self, key_id: &str, host: &str) -> Result<(), Refusal> {
        let now = Instant::now();
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if state
            .keys
            .get(key_id)
            .is_some_and(|at| now.duration_since(*at) < WINDOW)
        {
            return Err(Refusal::KeyRecent);
        }
        let budget = state.hosts.get(host);
        let used = budget
            .filter(|b| now.duration_since(b.since) < WINDOW)
            .map_or(0, |b| b.used);
        if used >= PER_HOST {
            return Err(Refusal::HostOverBudget);
        }
        if state.keys.len() >= CAPACITY {
            state.keys.retain(|_, at| now.duration_since(*at) < WINDOW);
            if state.keys.len() >= CAPACITY {
                state.keys.clear();
            }
        }
        if state.hosts.len() >= CAPACITY {
            state
                .hosts
                .retain(|_, b| now.duration_since(b.since) < WINDOW);
            if state.hosts.len() >= CAPACITY {
                state.hosts.clear();
            }
        }
        state.keys.insert(key_id.to_owned(), now);
        let budget = state.hosts.entry(host.to_owned()).or_insert(Budget {
            since: now,
            used: 0,
        });
        if now.duration_since(budget.since) >= WINDOW {
            *budget = Budget {
                since: now,
                used: 0,
            };
        }
        budget.used += 1;
        Ok(())
    }

    /// The fetch of `key_id` gave a key that verified: it no longer counts against its
    /// host, and the key may be fetched again (when it rotates).
    pub fn verified(&self, key_id: &str, host: &str) {
        let mut state = self.0.lock().unwrap_or_else(|e| e.into_inner());
        state.keys.remove(key_id);
        if let Some(budget) = state.hosts.get_mut(host) {
            budget.used = budget.used.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_once_a_minute_and_hosts_within_budget() {
        let fetches = KeyFetches::default();
        fetches.begin("https://a.example/k1", "a.example").unwrap();
        assert_eq!(
            fetches.begin("https://a.example/k1", "a.example"),
            Err(Refusal::KeyRecent)
        );
        for i in 2..=PER_HOST {
            fetches
                .begin(&format!("https://a.example/k{i}"), "a.example")
                .unwrap();
        }
        assert_eq!(
            fetches.begin("https://a.example/more", "a.example"),
            Err(Refusal::HostOverBudget)
        );
        // Other hosts have their own budgets.
        fetches.begin("https://b.example/k1", "b.example").unwrap();
        // A fetch that verified gives its place back, and its key may be fetched again.
        fetches.verified("https://a.example/k1", "a.example");
        fetches.begin("https://a.example/k1", "a.example").unwrap();
        assert_eq!(
            fetches.begin("https://a.example/more", "a.example"),
            Err(Refusal::HostOverBudget)
        );
    }
}
