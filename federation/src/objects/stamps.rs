//! Quote stamps (`QuoteAuthorization`, FEP-044f), served at their ids while in force.

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::StatusId;
use rookery_domain::service::quotes;
use rookery_domain::types::Instance;
use serde_json::{Value, json};

use super::FederationResult;
use crate::protocol::context;

/// The stamp by which `username` allows the quote post `quote_post` to quote one of its
/// statuses. It names the quote post and the quoted status by id only, so it shows
/// nothing of either.
pub async fn stamp(
    db: &DatabaseConnection,
    instance: &Instance,
    username: &str,
    quote_post: StatusId,
) -> FederationResult<Value> {
    let stamp = quotes::stamp(db, instance, username, quote_post).await?;
    Ok(json!({
        "@context": context::quote_authorization(),
        "id": stamp.id,
        "type": "QuoteAuthorization",
        "attributedTo": stamp.author.actor_id,
        "interactingObject": stamp.quote_post_ap_id,
        "interactionTarget": stamp.quoted_ap_id,
    }))
}
