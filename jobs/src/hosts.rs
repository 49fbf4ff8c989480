//! Per-host limits for deliveries: at most a few at a time to one host, and a circuit
//! breaker that stops sending to a host after consecutive failures, then probes it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How hosts are treated.
#[derive(Debug, Clone, Copy)]
pub struct HostPolicy {
    /// Deliveries in flight to one host, per worker process.
    pub concurrency: usize,
    /// Consecutive failures that open the breaker.
    pub failures_to_open: u32,
    /// How long an open breaker refuses before letting one probe through.
    pub cool_off: Duration,
}

impl Default for HostPolicy {
    fn default() -> Self {
        Self {
            concurrency: 8,
            failures_to_open: 5,
            cool_off: Duration::from_secs(60),
        }
    }
}

#[derive(Debug)]
struct Host {
    slots: Arc<Semaphore>,
    consecutive_failures: u32,
    open_until: Option<Instant>,
    probing: bool,
}

/// The hosts this process delivers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    policy: HostPolicy,
    hosts: Arc<Mutex<HashMap<String, Host>>>,
}

/// Why a delivery may not go now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The host's breaker is open; try again after this long.
    Open(Duration),
    /// As many deliveries as allowed are in flight to the host already.
    Busy,
}

impl Hosts {
    pub fn new(policy: HostPolicy) -> Self {
        Self {
            policy,
            hosts: Arc::default(),
        }
    }

    fn with<T>(&self, host: &str, f: impl FnOnce(&mut Host) -> T) -> T {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        let entry = hosts.entry(host.to_owned()).or_insert_with(|| Host {
            slots: Arc::new(Semaphore::new(self.policy.concurrency)),
            consecutive_failures: 0,
            open_until: None,
            probing: false,
        });
        f(entry)
    }

    /// A slot for `host`, unless all are taken or its breaker is open. While the breaker is
    /// half open, one delivery goes through as a probe and the others wait for its outcome.
    /// Never waits: a worker must not sit idle behind one slow host.
    pub fn acquire(&self, host: &str) -> Result<OwnedSemaphorePermit, Refusal> {
        self.with(host, |h| {
            if let Some(until) = h.open_until {
                let now = Instant::now();
                if now < until {
                    return Err(Refusal::Open(until - now));
                }
                if h.probing {
                    return Err(Refusal::Open(self.policy.cool_off / 4));
                }
                let permit = h
                    .slots
                    .clone()
                    .try_acquire_owned()
                    .map_err(|_| Refusal::Busy)?;
                h.probing = true;
                return Ok(permit);
            }
            h.slots
                .clone()
                .try_acquire_owned()
                .map_err(|_| Refusal::Busy)
        })
    }

    /// Records how a delivery to `host` went.
    pub fn record(&self, host: &str, success: bool) {
        let policy = self.policy;
        self.with(host, |h| {
            h.probing = false;
            if success {
                h.consecutive_failures = 0;
                h.open_until = None;
            } else {
                h.consecutive_failures += 1;
                if h.consecutive_failures >= policy.failures_to_open {
                    h.open_until = Some(Instant::now() + policy.cool_off);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn breaker_opens_then_probes() {
        let hosts = Hosts::new(HostPolicy {
            concurrency: 2,
            failures_to_open: 3,
            cool_off: Duration::from_millis(50),
        });
        for _ in 0..3 {
            let _permit = hosts.acquire("dead.example").unwrap();
            hosts.record("dead.example", false);
        }
        assert!(matches!(
            hosts.acquire("dead.example"),
            Err(Refusal::Open(_))
        ));
        assert!(hosts.acquire("alive.example").is_ok());
        tokio::time::sleep(Duration::from_millis(60)).await;
        let probe = hosts.acquire("dead.example").unwrap();
        assert!(
            hosts.acquire("dead.example").is_err(),
            "one probe at a time"
        );
        drop(probe);
        hosts.record("dead.example", true);
        assert!(hosts.acquire("dead.example").is_ok());
    }

    #[test]
    fn slots_limit_concurrency() {
        let hosts = Hosts::new(HostPolicy {
            concurrency: 1,
            ..HostPolicy::default()
        });
        let first = hosts.acquire("slow.example").unwrap();
        assert_eq!(hosts.acquire("slow.example").err(), Some(Refusal::Busy));
        assert!(hosts.acquire("other.example").is_ok());
        drop(first);
        assert!(hosts.acquire("slow.example").is_ok());
    }
}
