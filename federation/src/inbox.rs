//! Receiving activities: signature, signer, idempotency, then the domain's use cases.

use std::collections::BTreeMap;

use chrono::Utc;
use rookery_domain::DomainError;
use rookery_domain::service::remote;
use rookery_domain::service::{blocks, delivery_hosts, favourites, reblogs, reports};
use rookery_domain::types::Account;
use serde_json::Value;

use crate::context::FederationContext;
pub use crate::documents::{remote_actor, remote_emojis, visibility_of};
pub use crate::error::InboxError;
use crate::key_fetches::Refusal;
use crate::protocol::incoming::{ACTOR_TYPES, Activity, Actor};
use crate::signatures::{self, PendingSignature, PublicKey};
use crate::{authority, featured, quotes, remote_statuses};

/// How long a request whose key another request is fetching waits for that fetch.
const KEY_FETCH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Verifies and applies one delivery. Ok also for activities that are understood but
/// change nothing (duplicates, unknown types).
#[tracing::instrument(skip_all, fields(activity_id, actor_domain))]
pub async fn receive(
    ctx: &FederationContext,
    path_and_query: &str,
    headers: &BTreeMap<String, String>,
    body: &[u8],
) -> Result<(), InboxError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| InboxError::Malformed(e.to_string()))?;
    let activity: Activity =
        serde_json::from_value(value).map_err(|e| InboxError::Malformed(e.to_string()))?;
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
    if let Some(id) = &activity.id {
        if authority(id) != authority(&signer.actor_id) {
            return Err(InboxError::Unauthorized(
                "the activity id is not on the actor's server".into(),
            ));
        }
        // A Create is applied once by its object's id, which statuses keep unique (and
        // a deleted status keeps as a tombstone); other activities by their own id.
        if activity.kind != "Create" && !remote::first_sight(&ctx.db, id).await? {
            tracing::debug!("activity seen before");
            return Ok(());
        }
    }
    let applied = apply(ctx, &activity, &signer).await;
    // Applied again when sent again: what failed on our side, or waits for its budget.
    if let (Err(InboxError::Internal(_) | InboxError::Throttled(_)), Some(id)) =
        (&applied, &activity.id)
    {
        remote::forget_sight(&ctx.db, id).await?;
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
        scheme: ctx.instance.base_url.scheme(),
        authority: &ctx.instance.domain,
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
    if let Some(host) = ctx.memory.blocks.first_blocked(&ctx.db, &hosts).await? {
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
    if let Some(known) = remote::account_by_key_id(&ctx.db, &pending.key_id).await? {
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
        delivery_hosts::answered(&ctx.db, domain).await?;
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
    let account = remote::upsert_account(&ctx.db, remote).await?;
    ctx.record_emojis(&account, emojis).await;
    Ok(account)
}

async fn apply(
    ctx: &FederationContext,
    activity: &Activity,
    signer: &Account,
) -> Result<(), InboxError> {
    let object_id = activity.object_id().map(str::to_owned);
    match activity.kind.as_str() {
        "Follow" => {
            let target =
                object_id.ok_or_else(|| InboxError::Malformed("Follow without object".into()))?;
            match remote::follow_received(
                &ctx.db,
                &ctx.outbox,
                signer.id,
                &target,
                activity.id.clone(),
            )
            .await
            {
                Ok((_, outcome)) => tracing::info!(?outcome, "follow received"),
                Err(DomainError::NotFound(_)) => {
                    tracing::debug!("follow of an unknown account")
                }
                Err(other) => return Err(other.into()),
            }
        }
        "Accept" | "Reject" if quotes::quote_answer(ctx, activity, signer).await? => {}
        "Accept" | "Reject" => {
            let inner = activity.object.clone();
            let follower = inner
                .as_ref()
                .filter(|o| o["type"] == "Follow")
                .and_then(|o| o["actor"].as_str().map(str::to_owned));
            let follow_id = inner.as_ref().and_then(|o| match o {
                Value::String(id) => Some(id.clone()),
                other => other["id"].as_str().map(str::to_owned),
            });
            remote::follow_answered(
                &ctx.db,
                signer.id,
                follower.as_deref(),
                follow_id.as_deref(),
                activity.kind == "Accept",
            )
            .await?;
        }
        "Undo" => {
            let inner = activity
                .object
                .clone()
                .and_then(|o| serde_json::from_value::<Activity>(o).ok());
            // Some servers undo by the id alone.
            let undone_id = inner
                .as_ref()
                .and_then(|i| i.id.clone())
                .or_else(|| object_id.clone());
            match inner {
                Some(inner)
                    if inner.kind == "Follow"
                        && inner.actor_id() == Some(signer.actor_id.as_str()) =>
                {
                    if let Some(target) = inner.object_id() {
                        remote::unfollow_received(&ctx.db, signer.id, target).await?;
                    }
                }
                Some(inner) if inner.kind == "Block" => {
                    if let Some(target) = inner.object_id() {
                        blocks::unblock_received(&ctx.db, signer.id, target).await?;
                    }
                }
                Some(inner) if inner.kind == "Announce" => {
                    if let Some(announce_id) = undone_id {
                        reblogs::unannounce_received(&ctx.db, &ctx.outbox, signer.id, &announce_id)
                            .await?;
                    }
                }
                Some(inner) if inner.kind != "Like" => {
                    tracing::debug!(kind = inner.kind, "undo of something not handled yet")
                }
                _ => {
                    if let Some(like_id) = undone_id {
                        favourites::unlike_received(&ctx.db, signer.id, &like_id).await?;
                    }
                }
            }
        }
        "Create" => {
            let object = match activity.object.clone() {
                Some(Value::String(id)) => ctx.fetch(&id).await?,
                Some(object) => object,
                None => return Err(InboxError::Malformed("Create without object".into())),
            };
            let stored = remote_statuses::store(ctx, object, signer).await?;
            if let Some(reply) = stored.filter(|s| s.in_reply_to_id.is_none())
                && reply.in_reply_to_ap_id.is_some()
                && let Err(error) = &ctx.outbox.queue().fetch_parents(vec![reply.id]).await
            {
                // The reply is stored; it stays apart from its thread.
                tracing::warn!(%error, "queuing the fetch of a reply's parent");
            }
        }
        "Delete" => {
            let target =
                object_id.ok_or_else(|| InboxError::Malformed("Delete without object".into()))?;
            if target == signer.actor_id {
                ctx.forget_signer(signer);
                let removed = remote::delete_actor(&ctx.db, signer.id).await?;
                tracing::info!(removed, "actor deleted by its server");
            } else if !quotes::stamp_deleted(ctx, &target, signer).await? {
                remote::delete_status(&ctx.db, &ctx.outbox, signer.id, &target).await?;
            }
        }
        "Update" => match activity.object.clone() {
            Some(object) if ACTOR_TYPES.contains(&object["type"].as_str().unwrap_or_default()) => {
                let actor: Actor = serde_json::from_value(object)
                    .map_err(|e| InboxError::Malformed(e.to_string()))?;
                if actor.id != signer.actor_id {
                    return Err(InboxError::Forbidden(
                        "an actor may only update itself".into(),
                    ));
                }
                ctx.keep_actor(actor).await?;
                ctx.forget_signer(signer);
            }
            Some(object) => remote_statuses::update(ctx, object, signer).await?,
            None => return Err(InboxError::Malformed("Update without object".into())),
        },
        "Move" => {
            let target = activity
                .target
                .as_ref()
                .and_then(|t| match t {
                    Value::String(id) => Some(id.clone()),
                    other => other["id"].as_str().map(str::to_owned),
                })
                .ok_or_else(|| InboxError::Malformed("Move without target".into()))?;
            if object_id.as_deref() != Some(signer.actor_id.as_str()) {
                return Err(InboxError::Forbidden(
                    "an actor may only move itself".into(),
                ));
            }
            let moved_to = moved_to(ctx, &target, signer).await?;
            let followers = remote::moved(&ctx.db, &ctx.outbox, signer.id, moved_to.id).await?;
            ctx.forget_signer(signer);
            tracing::info!(to = %moved_to.actor_id, followers, "account moved");
        }
        "QuoteRequest" => quotes::quote_request(ctx, activity, signer).await?,
        "Block" => {
            let target =
                object_id.ok_or_else(|| InboxError::Malformed("Block without object".into()))?;
            let new =
                blocks::block_received(&ctx.db, signer.id, &target, activity.id.clone()).await?;
            tracing::info!(new, "block received");
        }
        "Announce" => {
            let (Some(announce_id), Some(url)) = (activity.id.as_deref(), object_id) else {
                return Err(InboxError::Malformed(
                    "Announce without id or object".into(),
                ));
            };
            match remote_statuses::status(ctx, &url).await {
                Ok(original) => {
                    let new = reblogs::announce_received(
                        &ctx.db,
                        &ctx.outbox,
                        signer,
                        announce_id,
                        &original,
                    )
                    .await?;
                    tracing::info!(new, "boost received");
                }
                // A boost of something gone or unreachable is no error of the sender's.
                Err(error) => tracing::debug!(%error, "boost of a status not found"),
            }
        }
        "Like" => {
            let (Some(like_id), Some(status)) = (activity.id.as_deref(), object_id) else {
                return Err(InboxError::Malformed("Like without id or object".into()));
            };
            let new =
                favourites::like_received(&ctx.db, &ctx.outbox, signer, like_id, &status).await?;
            tracing::info!(new, "like received");
        }
        "Flag" => {
            ctx.spend(&ctx.memory.budgets.flags, signer, "reports")?;
            // Plain text, kept as text: moderators' clients show it escaped.
            let comment = activity
                .content
                .as_deref()
                .or(activity.summary.as_deref())
                .unwrap_or_default();
            let flag_id = activity.id.clone().unwrap_or_default();
            let reports = reports::flag_received(
                &ctx.db,
                &ctx.outbox,
                signer.id,
                &flag_id,
                &activity.object_ids(),
                comment,
            )
            .await?;
            tracing::info!(reports = reports.len(), "report received");
        }
        "Add" | "Remove" => {
            featured::received(ctx, activity, signer, activity.kind == "Add").await?
        }
        other => tracing::debug!(kind = other, "activity type not handled; ignored"),
    }
    Ok(())
}

/// The account `signer` moves to, fetched afresh: it must name `signer` among its
/// earlier selves (`alsoKnownAs`), or anyone could claim anyone's followers.
async fn moved_to(
    ctx: &FederationContext,
    target: &str,
    signer: &Account,
) -> Result<Account, InboxError> {
    // An account of this server names its earlier selves here, as it stores them.
    if authority(target).is_some_and(|host| ctx.instance.is_local_domain(&host)) {
        let local = remote::account_by_actor_id(&ctx.db, target)
            .await?
            .filter(Account::is_local)
            .ok_or_else(|| InboxError::Forbidden("the Move's target is no account here".into()))?;
        if !local.also_known_as.contains(&signer.actor_id) {
            return Err(InboxError::Forbidden(
                "the Move's target does not name the mover as an earlier self".into(),
            ));
        }
        return Ok(local);
    }
    let document = ctx.fetch(target).await?;
    let actor: Actor = serde_json::from_value(document)
        .map_err(|e| InboxError::Malformed(format!("the Move's target: {e}")))?;
    if authority(&actor.id) != authority(target) {
        return Err(InboxError::Forbidden(
            "the Move's target is served by another server".into(),
        ));
    }
    if !actor.also_known_as.iter().any(|id| *id == signer.actor_id) {
        return Err(InboxError::Forbidden(
            "the Move's target does not name the mover as an earlier self".into(),
        ));
    }
    ctx.keep_actor(actor).await
}
