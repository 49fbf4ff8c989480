//! What live connections may hold, and the count of those open, by account and address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rookery_domain::ids::AccountId;

use super::client::limit_key;

/// What one live connection, and all of one client's, may hold.
#[derive(Debug, Clone, Copy)]
pub struct LiveLimits {
    /// How long a new connection has to send `connection_init` (then: close 4408).
    pub init_timeout: Duration,
    /// Subscriptions running at once on one connection.
    pub max_subscriptions: usize,
    /// Open connections of one account.
    pub max_per_account: usize,
    /// Open connections from one address (an IPv6 /64).
    pub max_per_address: usize,
    /// How often a signed-in connection's token is checked again (then: close 4403).
    pub recheck_interval: Duration,
}

impl Default for LiveLimits {
    fn default() -> Self {
        Self {
            init_timeout: Duration::from_secs(10),
            max_subscriptions: 100,
            max_per_account: 20,
            max_per_address: 50,
            recheck_interval: Duration::from_secs(5),
        }
    }
}

/// Who holds live connections: an account, or an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Holder {
    Account(AccountId),
    Address(IpAddr),
}

/// The open live connections of this process, by holder.
#[derive(Default)]
pub struct LiveConnections(Arc<Mutex<HashMap<Holder, usize>>>);

/// One open connection counted against its holder until dropped.
pub struct Counted {
    counts: Arc<Mutex<HashMap<Holder, usize>>>,
    holder: Holder,
}

impl LiveConnections {
    fn count(&self, holder: Holder, max: usize) -> Option<Counted> {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let open = counts.entry(holder).or_insert(0);
        if *open >= max {
            return None;
        }
        *open += 1;
        Some(Counted {
            counts: self.0.clone(),
            holder,
        })
    }

    /// Counts a connection of `account`; None when it has too many.
    pub fn of_account(&self, account: AccountId, max: usize) -> Option<Counted> {
        self.count(Holder::Account(account), max)
    }

    /// Counts a connection from `address`; None when it has too many.
    pub fn from_address(&self, address: IpAddr, max: usize) -> Option<Counted> {
        self.count(Holder::Address(limit_key(address)), max)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = counts.get_mut(&self.holder) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                counts.remove(&self.holder);
            }
        }
    }
}
