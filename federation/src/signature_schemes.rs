//! Which signature scheme each inbox host takes, learnt by double-knocking: RFC 9421 first,
//! draft-cavage when that is refused, and the one that worked remembered for a day.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::signatures::Scheme;

/// How long a host's scheme is trusted before RFC 9421 is tried again.
const REMEMBERED: Duration = Duration::from_secs(24 * 3600);

/// Past this many hosts, expired ones go, then everything.
const CAPACITY: usize = 100_000;

/// The scheme each host last took, shared by every delivery of one process.
#[derive(Debug, Default)]
pub struct SignatureSchemes(Mutex<HashMap<String, (Scheme, Instant)>>);

impl SignatureSchemes {
    /// The scheme to sign with first for `host`.
    pub fn first(&self, host: &str) -> Scheme {
        let hosts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .get(host)
            .filter(|(_, at)| at.elapsed() < REMEMBERED)
            .map_or(Scheme::Rfc9421, |(scheme, _)| *scheme)
    }

    /// `host` took a request signed with `scheme`.
    pub fn took(&self, host: &str, scheme: Scheme) {
        let now = Instant::now();
        let mut hosts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if hosts.len() >= CAPACITY && !hosts.contains_key(host) {
            hosts.retain(|_, (_, at)| now.duration_since(*at) < REMEMBERED);
            if hosts.len() >= CAPACITY {
                hosts.clear();
            }
        }
        hosts.insert(host.to_owned(), (scheme, now));
    }
}

/// The other scheme, to knock again with.
pub fn other(scheme: Scheme) -> Scheme {
    match scheme {
        Scheme::Rfc9421 => Scheme::Cavage,
        Scheme::Cavage => Scheme::Rfc9421,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9421_until_a_host_took_draft_cavage() {
        let schemes = SignatureSchemes::default();
        assert_eq!(schemes.first("a.example"), Scheme::Rfc9421);
        schemes.took("a.example", Scheme::Cavage);
        assert_eq!(schemes.first("a.example"), Scheme::Cavage);
        assert_eq!(schemes.first("b.example"), Scheme::Rfc9421);
        schemes.took("a.example", Scheme::Rfc9421);
        assert_eq!(schemes.first("a.example"), Scheme::Rfc9421);
        assert_eq!(other(Scheme::Rfc9421), Scheme::Cavage);
    }
}
