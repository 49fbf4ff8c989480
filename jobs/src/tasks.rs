//! Task payloads: ids and addresses only; handlers read the rest afresh.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Build an outbox activity and queue one delivery per inbox.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PublishTask {
    pub activity: Uuid,
}

/// POST an activity to one inbox; `attempt` counts from 1.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DeliverTask {
    pub activity: Uuid,
    pub inbox: String,
    pub attempt: u32,
}
