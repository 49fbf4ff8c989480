//! Receiving deliveries: signature, signer, idempotency; then the activity, read by its
//! `type` (see `activities`), is verified and handed to the domain.

use std::collections::BTreeMap;

use activitypub_federation::traits::Activity as _;
use chrono::Utc;
use rookery_domain::service::{delivery_hosts, remote};
use rookery_domain::types::Account;
use serde::Deserialize;
use serde_json::Value;

use crate::activities::{self, AnyActivity};
use crate::authority;
use crate::context::{FederationContext, FederationData};
pub use crate::documents::{remote_actor, remote_emojis, visibility_of};
pub use crate::error::InboxError;
use crate::key_fetches::Refusal;
use crate::protocol::incoming::{Activity, Actor};
use crate::signatures::{self, PendingSignature, PublicKey};

/// How long a request whose key another request is fetching waits for that fetch.
const KEY_FETCH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Verifies and applies one delivery. Ok also for activities that are understood but
/// change nothing (duplicates, unknown types).
#[tracing::instrument(skip_all, fields(activity_id, actor_domain))]
pub async fn receive(
    data: &FederationData,
    path_and_query: &str,
    headers: &BTreeMap<String, String>,
    body: &[u8],
) -> Result<(), InboxError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| InboxError::Malformed(e.to_string()))?;
    let activity =
        Activity::deserialize(&value).map_err(|e| InboxError::Malformed(e.to_string()))?;
    let ctx: &FederationContext = data;
    let pending = prepare(ctx, "POST", path_and_query, headers, Some(body))?;
    let mut hosts = vec![pending.key_id.as_str()];
    hosts.extend(activity.actor_id());
    refuse_blocked(ctx, &hosts).await?;
    let signer = verified_signer(ctx, &pending).await?;
    let span = tracing::Span::current();
    span.record("activity_id", activity.id.as_deref().unwrap_or("-"));
    span.record("actor_domain", signer.domain.as_deref().unwrap_or("-"));
    if activity.actor_id() != Some(signer.actor_id.as_str()) {
        return Err(InboxError::Unauthorized(
            "the signer is not the activity's actor".into(),
        ));
    }
    // A suspended account is heard no more, except to delete what it had here.
    if signer.restrictions.suspended() && activity.kind != "Delete" {
        tracing::debug!("activity of a suspended account dropped");
        return Ok(());
    }
    if let Some(id) = &activity.id {
        if authority(id) != authority(&signer.actor_id) {
            return Err(InboxError::Unauthorized(
                "the activity id is not on the actor's server".into(),
            ));
        }
        // A Create is applied once by its object's id, which statuses keep unique (and
        // a deleted status keeps as a tombstone); other activities by their own id.
        if activity.kind != "Create" && !remote::first_sight(&ctx.app.db, id).await? {
            tracing::debug!("activity seen before");
            return Ok(());
        }
    }
    let applied = match AnyActivity::parse(&value) {
        Ok(Some(received)) => {
            let applying = async {
                received.verify(data).await?;
                received.receive(data).await
            };
            activities::as_signed_by(signer, applying).await
        }
        Ok(None) => Ok(()),
        Err(error) => Err(error),
    };
    // Applied again when sent again: what failed on our side, or waits for its budget.
    if let (Err(InboxError::Internal(_) | InboxError::Throttled(_)), Some(id)) =
        (&applied, &activity.id)
    {
        remote::forget_sight(&ctx.app.db, id).await?;
    }
    applied
}

/// The account that signed a GET (authorized fetch), its signature verified.
pub async fn verify_get(
    ctx: &FederationContext,
    path_and_query: &str,
    headers: &BTreeMap<String, String>,
) -> Result<Account, InboxError> {
    let pending = prepare(ctx, "GET", path_and_query, headers, None)?;
    refuse_blocked(ctx, &[&pending.key_id]).await?;
    verified_signer(ctx, &pending).await
}

/// A request's signature, checked as far as it can be without the key, against the URL
/// as this instance names it.
fn prepare(
    ctx: &FederationContext,
    method: &str,
    path_and_query: &str,
    headers: &BTreeMap<String, String>,
    body: Option<&[u8]>,
) -> Result<PendingSignature, InboxError> {
    let arrival = signatures::Arrival {
        method,
        scheme: ctx.app.instance().base_url.scheme(),
        authority: &ctx.app.instance().domain,
        path_and_query,
    };
    signatures::prepare(&arrival, headers, body, Utc::now())
        .map_err(|e| InboxError::Unauthorized(e.to_string()))
}

/// Refuses anything from (or to be fetched from) a blocked domain.
async fn refuse_blocked(ctx: &FederationContext, urls: &[&str]) -> Result<(), InboxError> {
    let hosts = urls
        .iter()
        .map(|url| authority(url).ok_or_else(|| InboxError::Malformed(format!("not a URL: {url}"))))
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(host) = ctx.memory.blocks.first_blocked(&ctx.app.db, &hosts).await? {
        return Err(InboxError::Forbidden(format!("{host} is blocked")));
    }
    Ok(())
}

/// The account that signed, its signature verified; its key is fetched (again) when
/// unknown or when it no longer verifies (key rotation).
async fn verified_signer(
    ctx: &FederationContext,
    pending: &PendingSignature,
) -> Result<Account, InboxError> {
    if let Some(known) = ctx.memory.signers.get(&pending.key_id) {
        if pending.verify_with(&known.key).is_ok() {
            return Ok(known.account.clone());
        }
        ctx.memory.signers.forget(&pending.key_id);
    }
    if let Some(known) = remote::account_by_key_id(&ctx.app.db, &pending.key_id).await? {
        if let Ok(key) = PublicKey::from_pem(&known.public_key_pem)
            && pending.verify_with(&key).is_ok()
        {
            return remember(ctx, pending, known, key).await;
        }
        // Refetch (the key may have rotated), but not for an actor refreshed a moment
        // ago: a stream of bad signatures must not become a stream of fetches.
        let fresh = Utc::now() - known.updated_at < chrono::Duration::minutes(1);
        if known.is_local() || fresh {
            return Err(InboxError::Unauthorized(
                "the signature does not verify".into(),
            ));
        }
    }
    // Nothing is verified yet: whoever sent this may not make us fetch without limit.
    let host = authority(&pending.key_id).unwrap_or_default();
    match ctx.memory.key_fetches.begin(&pending.key_id, &host) {
        Ok(()) => {}
        Err(Refusal::KeyRecent) => {
            // Another request may be fetching this key now (a Follow and a Create sent
            // together by a server new here): its answer serves this one too.
            if let Some(account) = verified_meanwhile(ctx, pending).await {
                return Ok(account);
            }
            return Err(InboxError::Throttled(
                "the key was fetched a moment ago".into(),
            ));
        }
        Err(Refusal::HostOverBudget) => {
            return Err(InboxError::Throttled(format!(
                "{host} sent too many signatures that did not verify"
            )));
        }
    }
    let account = fetch_actor_by_key(ctx, &pending.key_id).await?;
    let unauthorized = |e: signatures::SignatureError| InboxError::Unauthorized(e.to_string());
    let key = PublicKey::from_pem(&account.public_key_pem).map_err(unauthorized)?;
    pending.verify_with(&key).map_err(unauthorized)?;
    ctx.memory.key_fetches.verified(&pending.key_id, &host);
    remember(ctx, pending, account, key).await
}

/// The signer of `pending` once a fetch of its key by another request of this process
/// verified it, waiting at most [`KEY_FETCH_WAIT`]; None when none did meanwhile.
async fn verified_meanwhile(
    ctx: &FederationContext,
    pending: &PendingSignature,
) -> Option<Account> {
    let started = std::time::Instant::now();
    while started.elapsed() < KEY_FETCH_WAIT {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        if let Some(known) = ctx.memory.signers.get(&pending.key_id)
            && pending.verify_with(&known.key).is_ok()
        {
            return Some(known.account.clone());
        }
    }
    None
}

/// Keeps a signer whose key just verified, and notes that its server answers.
async fn remember(
    ctx: &FederationContext,
    pending: &PendingSignature,
    account: Account,
    key: PublicKey,
) -> Result<Account, InboxError> {
    if let Some(domain) = &account.domain {
        // The server answers: deliveries to it resume.
        delivery_hosts::answered(&ctx.app.db, domain).await?;
    }
    ctx.memory
        .signers
        .put(&pending.key_id, account.clone(), key);
    Ok(account)
}

async fn fetch_actor_by_key(ctx: &FederationContext, key_id: &str) -> Result<Account, InboxError> {
    let url = key_id.split('#').next().unwrap_or(key_id);
    let mut document = ctx.fetch(url).await?;
    if document.get("inbox").is_none()
        && let Some(owner) = document
            .get("owner")
            .and_then(Value::as_str)
            .map(str::to_owned)
    {
        document = ctx.fetch(&owner).await?;
    }
    let actor: Actor = serde_json::from_value(document)
        .map_err(|e| InboxError::Unauthorized(format!("actor document: {e}")))?;
    if authority(&actor.id) != authority(url) {
        return Err(InboxError::Unauthorized(
            "the key is served by another server".into(),
        ));
    }
    let emojis = remote_emojis(&actor.tag);
    let remote = remote_actor(actor)?;
    if remote.key_id != key_id {
        return Err(InboxError::Unauthorized("the actor has another key".into()));
    }
    let account = remote::upsert_account(&ctx.app.db, remote).await?;
    ctx.record_emojis(&account, emojis).await;
    Ok(account)
}
