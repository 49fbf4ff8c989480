//! Pins of remote accounts: their `featured` collection, read when the account is fetched,
//! and the `Add` or `Remove` of a note to or from it that their servers announce (anything
//! aimed elsewhere is ignored).

use rookery_domain::service::pins;
use rookery_domain::service::statuses::received::status_by_ap_id;
use rookery_domain::types::{Account, Status};
use serde_json::Value;

use crate::context::FederationData;
use crate::error::{InboxError, ResolveError};
use crate::protocol::incoming::OBJECT_TYPES;
use crate::remote_statuses;
use crate::same_origin;

/// Reads `account`'s `featured` collection from its server: the statuses of its own among
/// its first items become its pins here, in that order, in place of those it had. An
/// account that names no such collection keeps its pins. Returns how many it has now.
pub(crate) async fn synchronize(
    ctx: &FederationData,
    account: &Account,
) -> Result<usize, ResolveError> {
    let Some(url) = account.featured_url.as_deref() else {
        return Ok(0);
    };
    let collection = ctx.fetch_own(account, url).await?;
    let items = match items_of(&collection) {
        Some(items) => items,
        None => match &collection["first"] {
            Value::String(first) => items_of(&ctx.fetch_own(account, first).await?),
            first @ Value::Object(_) => items_of(first),
            _ => None,
        }
        .unwrap_or_default(),
    };
    let mut statuses = Vec::new();
    for item in items.into_iter().take(pins::MAX_REMOTE_PINS) {
        match featured_status(ctx, account, item).await {
            Ok(Some(status)) => statuses.push(status),
            Ok(None) => {}
            Err(error) => tracing::debug!(%error, "a featured status could not be read"),
        }
    }
    Ok(pins::replace_received(&ctx.app.db, account.id, &statuses).await?)
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
    ctx: &FederationData,
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
    if let Some(known) = status_by_ap_id(&ctx.app.db, &id).await? {
        return Ok(Some(known));
    }
    if item.is_object() {
        if !OBJECT_TYPES.contains(&item["type"].as_str().unwrap_or_default()) {
            return Ok(None);
        }
        // Served by the account's own server, as a fetch of its id would be.
        // Boxed, as what follows: storing a status may fetch others in turn.
        return Box::pin(remote_statuses::store(ctx, item, account))
            .await
            .map_err(|e| ResolveError::Remote(e.to_string()));
    }
    Box::pin(remote_statuses::status(ctx, &id)).await.map(Some)
}

/// Whether an `Add` or `Remove` is aimed at `signer`'s `featured` collection; anything
/// aimed elsewhere is ignored.
pub(crate) fn aims_at_featured(target: Option<&str>, signer: &Account) -> bool {
    let aimed = target.is_some() && target == signer.featured_url.as_deref();
    if !aimed {
        tracing::debug!(
            target,
            "Add or Remove aimed at something other than the sender's featured collection; ignored"
        );
    }
    aimed
}

/// Pins (`pinned`) or unpins the status `object` names, by an `Add` or a `Remove` that
/// `signer` sent.
pub(crate) async fn pin_received(
    ctx: &FederationData,
    signer: &Account,
    object: &str,
    pinned: bool,
) -> Result<(), InboxError> {
    let changed = if pinned {
        match remote_statuses::status(ctx, object).await {
            Ok(status) => pins::pin_received(&ctx.app.db, signer.id, &status).await?,
            Err(error) => {
                tracing::debug!(%error, "pin of a status not found");
                false
            }
        }
    } else {
        pins::unpin_received(&ctx.app.db, signer.id, object).await?
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
