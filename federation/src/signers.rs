//! Verified signers remembered for a minute, so a busy inbox neither looks up nor parses the
//! same key for every delivery.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rookery_domain::types::Account;

use crate::signatures::PublicKey;

/// How long a signer is trusted without asking the database again. A rotated key is noticed
/// at once (its signatures stop verifying and the slow path runs); anything else an actor
/// changes elsewhere is seen within this time.
const TTL: Duration = Duration::from_secs(60);

/// At most this many keys are kept; past it, expired ones go, then everything.
const CAPACITY: usize = 10_000;

/// A remote actor whose key verified a signature a moment ago.
#[derive(Debug)]
pub struct Signer {
    pub account: Account,
    pub key: PublicKey,
    until: Instant,
}

/// Signers by key id, shared by every request of one process.
#[derive(Debug, Default)]
pub struct SignerCache(Mutex<HashMap<String, Arc<Signer>>>);

impl SignerCache {
    /// The signer of `key_id`, while it is fresh.
    pub fn get(&self, key_id: &str) -> Option<Arc<Signer>> {
        let entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key_id)
            .filter(|signer| signer.until > Instant::now())
            .cloned()
    }

    pub fn put(&self, key_id: &str, account: Account, key: PublicKey) {
        let now = Instant::now();
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, signer| signer.until > now);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        let signer = Signer {
            account,
            key,
            until: now + TTL,
        };
        entries.insert(key_id.to_owned(), Arc::new(signer));
    }

    /// Forgets the signer of `key_id`: its actor changed or is gone.
    pub fn forget(&self, key_id: &str) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key_id);
    }
}
