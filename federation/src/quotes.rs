//! Quote posts between servers (FEP-044f): requests to quote local statuses, the answers
//! to this server's requests, and stamps revoked.

use rookery_domain::service::quotes;
use rookery_domain::service::remote;
use rookery_domain::types::Account;
use serde_json::Value;

use crate::authority;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::incoming::{Activity, id_of};
use crate::remote_statuses;

/// `QuoteRequest`: another server's account asks to quote a local status in its post
/// (`instrument`, carried along or fetched). Answered by the status's policy.
pub(crate) async fn quote_request(
    ctx: &FederationContext,
    activity: &Activity,
    signer: &Account,
) -> Result<(), InboxError> {
    let (Some(request), Some(quoted)) = (activity.id.as_deref(), activity.object_id()) else {
        return Err(InboxError::Malformed(
            "QuoteRequest without id or object".into(),
        ));
    };
    // A status never sent anywhere is not answered for: no answer tells it exists.
    let Some(quoted) = remote::status_by_ap_id(&ctx.db, quoted)
        .await?
        .filter(|s| s.local && s.visibility.federates())
    else {
        tracing::debug!("quote request for a status not known here; ignored");
        return Ok(());
    };
    let quote_post =
        match &activity.instrument {
            Some(post @ Value::Object(_)) => remote_statuses::store(ctx, post.clone(), signer)
                .await?
                .ok_or_else(|| InboxError::Malformed("the instrument is no post".into()))?,
            Some(Value::String(id)) => remote_statuses::status(ctx, id)
                .await
                .map_err(|e| InboxError::Unauthorized(format!("the quote post: {e}")))?,
            _ => {
                return Err(InboxError::Malformed(
                    "QuoteRequest without instrument".into(),
                ));
            }
        };
    let state =
        quotes::request_received(&ctx.db, &ctx.outbox, signer, request, &quoted, &quote_post)
            .await?;
    tracing::info!(?state, "quote request answered");
    Ok(())
}

/// An `Accept` or `Reject` of a local quote post's `QuoteRequest` (not of a Follow);
/// false when it answers no quote here.
pub(crate) async fn quote_answer(
    ctx: &FederationContext,
    activity: &Activity,
    signer: &Account,
) -> Result<bool, InboxError> {
    let inner = activity.object.as_ref();
    if inner.is_some_and(|o| o["type"] == "Follow") {
        return Ok(false);
    }
    let request = inner.and_then(id_of);
    let instrument = inner.and_then(|o| o.get("instrument")).and_then(id_of);
    let stamp = activity.result.as_ref().and_then(id_of).map(str::to_owned);
    if stamp
        .as_deref()
        .is_some_and(|s| authority(s) != authority(&signer.actor_id))
    {
        return Err(InboxError::Forbidden(
            "the stamp is on another server than its author".into(),
        ));
    }
    let accepted = activity.kind == "Accept";
    let answered = quotes::answered(
        &ctx.db,
        &ctx.outbox,
        signer.id,
        request,
        instrument,
        accepted,
        stamp,
    )
    .await?;
    if answered {
        tracing::info!(accepted, "quote request answered");
    }
    Ok(answered)
}

/// A `Delete` of a stamp by which `signer` allowed quotes: they are revoked. False
/// when no quote here rests on `target`.
pub(crate) async fn stamp_deleted(
    ctx: &FederationContext,
    target: &str,
    signer: &Account,
) -> Result<bool, InboxError> {
    let revoked = quotes::stamp_deleted(&ctx.db, &ctx.outbox, signer.id, target).await?;
    if revoked {
        tracing::info!("quote revoked");
    }
    Ok(revoked)
}
