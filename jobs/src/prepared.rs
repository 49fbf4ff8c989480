//! Activities ready to send, kept for a while so that a fan-out reads and parses its
//! activity and key once, not once per inbox.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::ActivityId;
use rookery_federation::outgoing::{self, Delivery, Prepared};

/// How long a prepared activity is reused.
const KEEP: Duration = Duration::from_secs(300);
/// Entries beyond which expired ones are dropped.
const SWEEP_ABOVE: usize = 256;

#[derive(Debug, Default)]
pub struct PreparedCache {
    entries: Mutex<HashMap<ActivityId, (Instant, Arc<Prepared>)>>,
}

impl PreparedCache {
    /// The prepared activity, read from the database when not kept (or kept too long).
    pub async fn get(
        &self,
        db: &DatabaseConnection,
        id: ActivityId,
    ) -> Result<Arc<Prepared>, Delivery> {
        let now = Instant::now();
        if let Some((at, prepared)) = self.lock().get(&id)
            && now.duration_since(*at) < KEEP
        {
            return Ok(prepared.clone());
        }
        let prepared = Arc::new(outgoing::prepare(db, id).await?);
        let mut entries = self.lock();
        if entries.len() >= SWEEP_ABOVE {
            entries.retain(|_, (at, _)| now.duration_since(*at) < KEEP);
        }
        entries.insert(id, (now, prepared.clone()));
        Ok(prepared)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ActivityId, (Instant, Arc<Prepared>)>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}
