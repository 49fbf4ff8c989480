//! Pins other servers announce: an `Add` or `Remove` of a note to or from its author's own
//! `featured` collection pins or unpins it here; anything else aimed elsewhere is ignored.

use rookery_domain::service::pins;
use rookery_domain::types::Account;
use serde_json::Value;

use crate::inbox::{Inbox, InboxError};
use crate::protocol::incoming::Activity;

/// Applies an `Add` (`pinned`) or a `Remove` that `signer` sent.
pub(crate) async fn received(
    inbox: &Inbox<'_>,
    activity: &Activity,
    signer: &Account,
    pinned: bool,
) -> Result<(), InboxError> {
    let target = activity.target.as_ref().and_then(|target| match target {
        Value::String(id) => Some(id.as_str()),
        other => other["id"].as_str(),
    });
    if target.is_none() || target != signer.featured_url.as_deref() {
        tracing::debug!(
            target,
            "Add or Remove aimed at something other than the sender's featured collection; ignored"
        );
        return Ok(());
    }
    let Some(object) = activity.object_id() else {
        return Err(InboxError::Malformed(format!(
            "{} without object",
            activity.kind
        )));
    };
    let changed = if pinned {
        match crate::resolve::status(inbox, object).await {
            Ok(status) => pins::pin_received(inbox.db, signer.id, &status).await?,
            Err(error) => {
                tracing::debug!(%error, "pin of a status not found");
                false
            }
        }
    } else {
        pins::unpin_received(inbox.db, signer.id, object).await?
    };
    if !changed {
        tracing::debug!(
            object,
            pinned,
            "pin or unpin of no status of the sender's; ignored"
        );
    }
    Ok(())
}
