//! How much memory decoding pictures may take at once in one process: each decode holds
//! its worst case ([`super::Probe::decoded_bytes`]) of one budget while it runs, so that
//! however many workers process media together, they never take more than the ceiling.

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::{DomainError, DomainResult};

/// The budget is counted in units of this many bytes.
const UNIT: u64 = 1024 * 1024;

/// The memory decodes may take together.
#[derive(Debug)]
pub struct DecodeBudget {
    units: Semaphore,
    ceiling_units: u32,
}

impl DecodeBudget {
    /// A budget of `ceiling` bytes (at least one unit).
    pub fn new(ceiling: u64) -> Self {
        let ceiling_units = u32::try_from(ceiling / UNIT).unwrap_or(u32::MAX).max(1);
        Self {
            units: Semaphore::new(ceiling_units as usize),
            ceiling_units,
        }
    }

    /// Waits until `bytes` of the budget are free and holds them while the permit lives; a
    /// decode that alone would take more than the whole budget is refused.
    pub async fn reserve(&self, bytes: u64) -> DomainResult<SemaphorePermit<'_>> {
        let units = u32::try_from(bytes.div_ceil(UNIT))
            .unwrap_or(u32::MAX)
            .max(1);
        if units > self.ceiling_units {
            return Err(DomainError::MediaTooLarge(format!(
                "decoding it takes over the {} MiB media processing may use",
                self.ceiling_units
            )));
        }
        self.units
            .acquire_many(units)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))
    }
}

impl Default for DecodeBudget {
    /// 1 GiB: room for three of the largest pictures decoded at once.
    fn default() -> Self {
        Self::new(1024 * UNIT)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn decodes_wait_for_room_and_the_oversized_are_refused() {
        let budget = DecodeBudget::new(10 * UNIT);
        let first = budget.reserve(6 * UNIT).await.unwrap();
        let waiting = tokio::time::timeout(Duration::from_millis(50), budget.reserve(6 * UNIT));
        assert!(
            waiting.await.is_err(),
            "two decodes over the ceiling ran at once"
        );
        let small = budget.reserve(4 * UNIT).await.unwrap();
        drop((first, small));
        assert!(budget.reserve(10 * UNIT).await.is_ok());
        assert_eq!(
            budget.reserve(11 * UNIT).await.unwrap_err().code(),
            "MEDIA_TOO_LARGE"
        );
    }
}
