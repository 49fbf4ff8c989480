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

/// Tell moderators of a report, and forward it when asked.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ModerateTask {
    pub report: Uuid,
}

/// Fetch the status a remote reply answers; `depth` counts the replies above it already
/// fetched this way, so that a long chain stops somewhere. `attempt` counts from 1 (0 in
/// tasks queued before attempts were counted).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FetchParentTask {
    pub reply: Uuid,
    pub depth: u32,
    #[serde(default)]
    pub attempt: u32,
}

/// Check that the pages a local account's profile fields link to link back to it
/// (rel=me verification).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct VerifyLinksTask {
    pub account: Uuid,
}

/// Read what a server runs from its NodeInfo.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReadSoftwareTask {
    pub domain: String,
}

/// What the `ingress` queue holds: fetches from other servers. Untagged, so that tasks
/// queued when it held parent fetches alone are read as they were written.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum IngressTask {
    FetchParent(FetchParentTask),
    VerifyLinks(VerifyLinksTask),
    ReadSoftware(ReadSoftwareTask),
}

/// Process an upload, or copy a remote attachment here; `attempt` counts copies tried.
/// With `emoji`, `media` is a custom emoji of another server's, to be copied here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MediaTask {
    pub media: Uuid,
    #[serde(default)]
    pub attempt: u32,
    #[serde(default)]
    pub emoji: bool,
}

/// Send one stored mail.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailTask {
    pub mail: Uuid,
}

/// POST one recorded event to one webhook; the delivery's row counts the attempts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WebhookTask {
    pub delivery: Uuid,
}

/// One periodic clean-up; see [`crate::maintenance`].
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceTask {
    /// Queue again what the queue may have lost: reports, mail.
    RequeueLost,
    /// Fetch again remote actors not refreshed for a while.
    RefreshStaleActors,
    /// Forget deleted statuses' tombstones, old activity ids and sent mail.
    PruneOld,
    /// Remove finished tasks from the queue backend's tables.
    PruneFinishedTasks,
    /// Remove uploads never posted, forget old copies of remote media, and measure what
    /// the media store holds.
    PruneMedia,
    /// Notice polls that ended and tell their voters.
    EndPolls,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ingress_tasks_read_as_written_before_and_now() {
        let reply = Uuid::now_v7();
        let old = serde_json::json!({ "reply": reply, "depth": 2, "attempt": 1 });
        assert_eq!(
            serde_json::from_value::<IngressTask>(old).unwrap(),
            IngressTask::FetchParent(FetchParentTask {
                reply,
                depth: 2,
                attempt: 1
            })
        );
        let verify = IngressTask::VerifyLinks(VerifyLinksTask { account: reply });
        let json = serde_json::to_value(&verify).unwrap();
        assert_eq!(json, serde_json::json!({ "account": reply }));
        assert_eq!(serde_json::from_value::<IngressTask>(json).unwrap(), verify);
    }
}
