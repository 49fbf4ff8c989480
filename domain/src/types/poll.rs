//! Polls: a status's choices, their counts and when voting ends.

use chrono::{DateTime, Utc};

use crate::ids::{PollId, StatusId};

/// One choice of a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollOption {
    pub title: String,
    pub votes_count: u64,
}

/// A poll; local ones count their votes, remote ones carry what their server last said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: PollId,
    pub status_id: StatusId,
    pub options: Vec<PollOption>,
    /// Whether a voter may pick several options.
    pub multiple: bool,
    pub expires_at: DateTime<Utc>,
    /// How many accounts voted (for a single-choice poll, the sum of the options' votes).
    pub voters_count: u64,
    /// When its end was handled (voters told); None while it runs.
    pub ended_at: Option<DateTime<Utc>>,
}

impl Poll {
    /// Whether voting is over at `now`.
    pub fn expired(&self, now: DateTime<Utc>) -> bool {
        self.ended_at.is_some() || self.expires_at <= now
    }

    /// The votes cast, all options together, at most [`super::MAX_COUNT`].
    pub fn votes_count(&self) -> u64 {
        self.options
            .iter()
            .fold(0u64, |sum, o| sum.saturating_add(o.votes_count))
            .min(super::MAX_COUNT)
    }
}
