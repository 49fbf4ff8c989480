//! `Poll` and its options.

use async_graphql::{ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::polls::PollView;
use rookery_domain::types::MAX_COUNT;

use crate::graphql::ids;

pub struct PollNode(pub PollView);

/// One choice of a poll.
#[derive(SimpleObject)]
#[graphql(name = "PollOption")]
pub struct PollOptionValue {
    pub title: String,
    pub votes_count: u64,
}

/// A status's poll, as the viewer sees it.
#[Object(name = "Poll")]
impl PollNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::POLL, self.0.poll.id.0)
    }

    /// The choices, in the order shown; `vote` names them by their index, from 0.
    async fn options(&self) -> Vec<PollOptionValue> {
        self.0
            .poll
            .options
            .iter()
            .map(|o| PollOptionValue {
                title: o.title.clone(),
                votes_count: o.votes_count.min(MAX_COUNT),
            })
            .collect()
    }

    /// Whether a voter may pick several options.
    async fn multiple(&self) -> bool {
        self.0.poll.multiple
    }

    async fn expires_at(&self) -> DateTime<Utc> {
        self.0.poll.expires_at
    }

    /// Whether voting is over.
    async fn expired(&self) -> bool {
        self.0.poll.expired(Utc::now())
    }

    /// The votes cast, all options together.
    async fn votes_count(&self) -> u64 {
        self.0.poll.votes_count()
    }

    /// How many accounts voted.
    async fn voters_count(&self) -> u64 {
        self.0.poll.voters_count.min(MAX_COUNT)
    }

    /// Whether the viewer voted (always true for its author); false for anonymous readers.
    async fn voted(&self) -> bool {
        self.0.voted
    }

    /// The indexes of the options the viewer chose.
    async fn own_votes(&self) -> Vec<u32> {
        self.0.own_votes.clone()
    }
}
