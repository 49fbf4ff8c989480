//! Pins of remote accounts: their `featured` collection, read when the account is fetched,
//! and the `Add` or `Remove` of a note to or from it that their servers announce (anything
//! aimed elsewhere is ignored).

use rookery_domain::service::pins;
use rookery_domain::service::statuses::received::status_by_ap_id;
use rookery_domain::types::{Account, Status};
use serde_json::Value;

use crate::inbox::{Inbox, InboxError};
use crate::protocol::incoming::{Activity, OBJECT_TYPES};
use crate::resolve::{self, ResolveError};
use crate::same_origin;

/// Reads `account`'s `featured` collection from its server: the statuses of its own among
/// its first items become its pins here, in that order, in place of those it had. An
/// account that names no such collection keeps its pins. Returns how many it has now.
pub(crate) async fn synchronize(
    inbox: &Inbox<'_>,
    account: &Account,
) -> Result<usize, ResolveError> {
    let Some(url) = account.featured_url.as_deref() else {
        return Ok(0);
    };
    let collection = fetch_own(inbox, account, url).await?;
    let items = match items_of(&collection) {
        Some(items) => items,
        None => match &collection["first"] {
            Value::String(first) => items_of(&fetch_own(inbox, account, first).await?),
            first @ Value::Object(_) => items_of(first),
            _ => None,
        }
        .unwrap_or_default(),
    };
    let mut statuses = Vec::new();
    for item in items.into_iter().take(pins::MAX_REMOTE_PINS) {
        match featured_status(inbox, account, item).await {
            Ok(Some(status)) => statuses.push(status),
            Ok(None) => {}
            Err(error) => tracing::debug!(%error, "a featured status could not be read"),
        }
    }
    Ok(pins::replace_received(inbox.db, account.id, &statuses).await?)
}

/// Fetches a document the account's own server serves.
pub(crate) async fn fetch_own(
    inbox: &Inbox<'_>,
    account: &Account,
    url: &str,
) -> Result<Value, ResolveError> {
    if !same_origin(url, &account.actor_id) {
        return Err(ResolveError::Remote(format!(
            "{url} is not on the server of {}",
            account.actor_id
        )));
    }
    let document = inbox
        .fetch_object(url)
        .await
        .map_err(|e| ResolveError::Remote(e.to_string()))?;
    // Fetched again from its id, it could come from elsewhere.
    if !same_origin(
        document["id"].as_str().unwrap_or_default(),
        &account.actor_id,
    ) {
        return Err(ResolveError::Remote(format!(
            "{url} names a collection of another server"
        )));
    }
    Ok(document)
}

/// The items of a collection or collection page, when it lists them.
fn items_of(collection: &Value) -> Option<Vec<Value>> {
    ["orderedItems", "items"]
        .iter()
        .find_map(|key| match &collection[*key] {
            Value::Null => None,
            Value::Array(items) => Some(items.clone()),
            one => Some(vec![one.clone()]),
        })
}

/// The status a `featured` item names: one known here, the object given inline, or the one
/// fetched by its id. Only those on the account's own server are read.
async fn featured_status(
    inbox: &Inbox<'_>,
    account: &Account,
    item: Value,
) -> Result<Option<Status>, ResolveError> {
    let id = match &item {
        Value::String(id) => id.clone(),
        other => other["id"].as_str().unwrap_or_default().to_owned(),
    };
    if !same_origin(&id, &account.actor_id) {
        return Ok(None);
    }
    if let Some(known) = status_by_ap_id(inbox.db, &id).await? {
        return Ok(Some(known));
    }
    if item.is_object() {
        if !OBJECT_TYPES.contains(&item["type"].as_str().unwrap_or_default()) {
            return Ok(None);
        }
        // Served by the account's own server, as a fetch of its id would be.
        return inbox
            .create(item, account)
            .await
            .map_err(|e| ResolveError::Remote(e.to_string()));
    }
    resolve::status(inbox, &id).await.map(Some)
}

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
