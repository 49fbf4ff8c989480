//! What remote accounts publish of their counts: the `totalItems` of their outbox,
//! followers and following collections, read when the account is fetched.

use rookery_domain::service::remote::{self, PublishedCounts};
use rookery_domain::types::Account;
use serde_json::Value;

use crate::context::FederationContext;

/// Reads `account`'s collections' sizes from its server and keeps them; a collection that
/// cannot be read, or tells no size, leaves its count as it was.
pub(crate) async fn read(ctx: &FederationContext, account: &Account) {
    let total = |url: Option<String>| async move {
        let url = url?;
        match ctx.fetch_own(account, &url).await {
            Ok(collection) => total_items(&collection),
            Err(error) => {
                tracing::debug!(%error, %url, "a collection's size could not be read");
                None
            }
        }
    };
    let (statuses, followers, following) = tokio::join!(
        total(account.outbox_url.clone()),
        total(account.followers_url.clone()),
        total(account.following_url.clone()),
    );
    let counts = PublishedCounts {
        statuses,
        followers,
        following,
    };
    if let Err(error) = remote::set_published_counts(&ctx.app.db, account.id, counts).await {
        tracing::warn!(%error, actor = %account.actor_id, "published counts not kept");
    }
}

/// A collection's `totalItems`, when it is a count.
fn total_items(collection: &Value) -> Option<u64> {
    collection["totalItems"].as_u64()
}
