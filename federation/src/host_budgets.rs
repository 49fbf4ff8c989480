//! How much one remote server may make this one tell its people, per window: reports
//! (`Flag`s, which notify and mail every moderator) and posts that mention local accounts
//! (which notify them). Past its budget a server is asked to come back later (429), before
//! anything is stored or anyone told.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Reports one server may file in an hour.
pub const FLAGS_PER_HOUR: u32 = 20;
/// Posts mentioning local accounts one server may deliver in a minute.
pub const MENTIONING_POSTS_PER_MINUTE: u32 = 120;

/// Past this many hosts remembered, those whose window ended are forgotten.
const CAPACITY: usize = 10_000;

#[derive(Debug)]
struct Window {
    since: Instant,
    used: u32,
}

/// One kind of budget, per host.
#[derive(Debug)]
pub struct HostBudget {
    per_window: u32,
    window: Duration,
    hosts: Mutex<HashMap<String, Window>>,
}

impl HostBudget {
    pub fn new(per_window: u32, window: Duration) -> Self {
        Self {
            per_window,
            window,
            hosts: Mutex::default(),
        }
    }

    /// Spends one of `host`'s budget; false when none is left in this window.
    pub fn spend(&self, host: &str) -> bool {
        let now = Instant::now();
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        if hosts.len() >= CAPACITY && !hosts.contains_key(host) {
            hosts.retain(|_, w| now.duration_since(w.since) < self.window);
        }
        let window = hosts.entry(host.to_owned()).or_insert(Window {
            since: now,
            used: 0,
        });
        if now.duration_since(window.since) >= self.window {
            *window = Window {
                since: now,
                used: 0,
            };
        }
        if window.used >= self.per_window {
            return false;
        }
        window.used += 1;
        true
    }
}

/// The budgets of one process's inboxes.
#[derive(Debug)]
pub struct HostBudgets {
    pub flags: HostBudget,
    pub mentioning_posts: HostBudget,
}

impl Default for HostBudgets {
    fn default() -> Self {
        Self {
            flags: HostBudget::new(FLAGS_PER_HOUR, Duration::from_secs(3600)),
            mentioning_posts: HostBudget::new(MENTIONING_POSTS_PER_MINUTE, Duration::from_secs(60)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_host_has_its_own_budget_until_the_window_ends() {
        let budget = HostBudget::new(2, Duration::from_millis(50));
        assert!(budget.spend("a.example"));
        assert!(budget.spend("a.example"));
        assert!(!budget.spend("a.example"));
        assert!(budget.spend("b.example"));
        std::thread::sleep(Duration::from_millis(60));
        assert!(budget.spend("a.example"));
    }
}
