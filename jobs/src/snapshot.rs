//! What every delivery checks about its host, read from the database at most every few
//! seconds instead of once per delivery: the domain blocks and the hosts deliveries keep
//! failing to. This process's own findings since the last read are kept on top.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rookery_domain::DomainResult;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::delivery_hosts::{self, HostHealth};
use rookery_domain::service::domain_blocks::BlockList;

/// How old a reading may get. A new domain block reaches deliveries within this.
const FRESH_FOR: Duration = Duration::from_secs(10);

#[derive(Debug)]
struct Reading {
    at: Instant,
    blocks: Arc<BlockList>,
    health: HashMap<String, HostHealth>,
}

#[derive(Debug, Default)]
pub struct HostSnapshot {
    reading: Mutex<Option<Reading>>,
}

impl HostSnapshot {
    /// Whether `host` is blocked, and how deliveries to it have gone.
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        host: &str,
    ) -> DomainResult<(bool, HostHealth)> {
        if let Some(answer) = self.answer(host) {
            return Ok(answer);
        }
        let blocks = Arc::new(BlockList::load(db).await?);
        let health = delivery_hosts::all(db).await?;
        let mut reading = self.lock();
        *reading = Some(Reading {
            at: Instant::now(),
            blocks,
            health,
        });
        drop(reading);
        Ok(self.answer(host).unwrap_or((false, HostHealth::Fine)))
    }

    fn answer(&self, host: &str) -> Option<(bool, HostHealth)> {
        let reading = self.lock();
        let reading = reading.as_ref().filter(|r| r.at.elapsed() < FRESH_FOR)?;
        let health = reading
            .health
            .get(host)
            .copied()
            .unwrap_or(HostHealth::Fine);
        Some((reading.blocks.blocks(host), health))
    }

    /// Records what this process learnt of `host` until the next reading.
    pub fn set(&self, host: &str, health: HostHealth) {
        if let Some(reading) = self.lock().as_mut() {
            match health {
                HostHealth::Fine => reading.health.remove(host),
                other => reading.health.insert(host.to_owned(), other),
            };
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Reading>> {
        self.reading.lock().unwrap_or_else(|e| e.into_inner())
    }
}
