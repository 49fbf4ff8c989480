//! Activities ready to send, kept for a while so that a fan-out reads and parses its
//! activity and key once, not once per inbox (nor once per delivery started together).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::ActivityId;
use rookery_federation::outgoing::{self, Delivery, Prepared};
use tokio::sync::OnceCell;

/// How long a prepared activity is reused.
const KEEP: Duration = Duration::from_secs(300);
/// Entries beyond which expired ones are dropped.
const SWEEP_ABOVE: usize = 256;

/// An activity being prepared or prepared: the deliveries that ask meanwhile wait for the
/// one that prepares it.
type Entry = (Instant, Arc<OnceCell<Arc<Prepared>>>);

#[derive(Debug, Default)]
pub struct PreparedCache {
    entries: Mutex<HashMap<ActivityId, Entry>>,
}

impl PreparedCache {
    /// The prepared activity, read from the database when not kept (or kept too long).
    pub async fn get(
        &self,
        db: &DatabaseConnection,
        id: ActivityId,
    ) -> Result<Arc<Prepared>, Delivery> {
        let cell = {
            let now = Instant::now();
            let mut entries = self.lock();
            match entries.get(&id) {
                Some((at, cell)) if now.duration_since(*at) < KEEP => cell.clone(),
                _ => {
                    if entries.len() >= SWEEP_ABOVE {
                        entries.retain(|_, (at, _)| now.duration_since(*at) < KEEP);
                    }
                    let cell = Arc::new(OnceCell::new());
                    entries.insert(id, (now, cell.clone()));
                    cell
                }
            }
        };
        // A failure leaves the cell empty: the next delivery tries again.
        cell.get_or_try_init(|| async { outgoing::prepare(db, id).await.map(Arc::new) })
            .await
            .cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ActivityId, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}
