//! Finding remote accounts by handle (WebFinger, then the actor document, then its pins),
//! refreshed when stale, and remote accounts or posts by a pasted URL.

use chrono::Utc;
use rookery_domain::DomainError;
use rookery_domain::ids::{AccountId, Kind, StatusId};
use rookery_domain::service::statuses::received;
use rookery_domain::service::visibility;
use rookery_domain::service::{accounts, domain_blocks, remote};
use rookery_domain::types::{Account, Status};
use serde_json::Value;
use url::Url;

use crate::context::FederationData;
use crate::documents::{parse_actor, username_of};
pub use crate::error::ResolveError;
use crate::fetch::{FetchError, Fetcher};
use crate::protocol::incoming::Actor;
use crate::references::STALE_AFTER;
use crate::remote_statuses::{self, Stored, fetch_and_store};
use crate::{authority, featured, totals};

/// Splits `@user@domain` (the leading `@` optional).
pub fn split_handle(handle: &str) -> Option<(&str, &str)> {
    let (user, domain) = handle.trim().trim_start_matches('@').split_once('@')?;
    let valid = remote::is_handle_username(user)
        && !domain.is_empty()
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    valid.then_some((user, domain))
}

/// The account a handle names: a local one, a known remote one that is fresh, or one
/// fetched now.
pub async fn account(ctx: &FederationData, handle: &str) -> Result<Account, ResolveError> {
    let (db, instance, fetcher) = (&ctx.app.db, ctx.app.instance(), &ctx.fetcher);
    let (user, domain) =
        split_handle(handle).ok_or_else(|| ResolveError::BadHandle(handle.into()))?;
    if instance.is_local_domain(domain) {
        return accounts::local_by_username(db, user)
            .await
            .map_err(|e| match e {
                DomainError::NotFound(_) => ResolveError::NotFound(handle.into()),
                other => other.into(),
            });
    }
    if domain_blocks::is_blocked(db, domain).await? {
        return Err(ResolveError::Blocked(domain.into()));
    }
    match accounts::by_handle(db, instance, handle).await {
        Ok(known) if Utc::now() - known.updated_at < STALE_AFTER => return Ok(known),
        Ok(_) | Err(DomainError::NotFound(Kind::Account)) => {}
        Err(other) => return Err(other.into()),
    }
    let resource = format!("acct:{user}@{domain}");
    let actor_url = self_link(&webfinger(fetcher, domain, &resource).await?)
        .ok_or_else(|| ResolveError::NotFound(handle.into()))?;
    let actor = parse_actor(
        ctx.fetch_object(&actor_url)
            .await
            .map_err(|e| ResolveError::fetching(&actor_url, e))?,
    )?;
    confirm_handle(fetcher, user, domain, &actor).await?;
    store_with_pins(ctx, actor).await
}

/// The ActivityPub actor a WebFinger answer links to.
fn self_link(jrd: &Value) -> Option<String> {
    jrd["links"]
        .as_array()?
        .iter()
        .find(|link| {
            link["rel"] == "self"
                && link["type"]
                    .as_str()
                    .is_some_and(|t| t.contains("activity+json") || t.contains("ld+json"))
        })
        .and_then(|link| link["href"].as_str())
        .map(str::to_owned)
}

/// Checks that the handle an actor will be known by, its `preferredUsername` at its own
/// server, leads back to it by WebFinger: a server cannot give its actors the handles of
/// another's, nor one actor the handle of another. Asked again only when the handle looked
/// up was another.
async fn confirm_handle(
    fetcher: &Fetcher,
    asked_user: &str,
    asked_domain: &str,
    actor: &Actor,
) -> Result<(), ResolveError> {
    let domain = authority(&actor.id).ok_or_else(|| ResolveError::Remote("actor id".into()))?;
    let user = username_of(actor);
    if user.eq_ignore_ascii_case(asked_user) && domain.eq_ignore_ascii_case(asked_domain) {
        return Ok(());
    }
    let resource = format!("acct:{user}@{domain}");
    let confirmed = webfinger(fetcher, &domain, &resource)
        .await
        .ok()
        .and_then(|jrd| self_link(&jrd));
    if confirmed.as_deref() != Some(actor.id.as_str()) {
        return Err(ResolveError::Remote(format!(
            "{user}@{domain} does not lead back to {}",
            actor.id
        )));
    }
    Ok(())
}

/// Fetches a remote account's actor document (and its pins) again and stores what it says
/// now. A blocked domain is not fetched.
pub async fn refresh(ctx: &FederationData, account: &Account) -> Result<Account, ResolveError> {
    let db = &ctx.app.db;
    let Some(domain) = &account.domain else {
        return Ok(account.clone());
    };
    if domain_blocks::is_blocked(db, domain).await? {
        return Err(ResolveError::Blocked(domain.clone()));
    }
    let actor = parse_actor(
        ctx.fetch_at_id(&account.actor_id)
            .await
            .map_err(|e| ResolveError::fetching(&account.actor_id, e))?,
    )?;
    store_with_pins(ctx, actor).await
}

/// The earlier selves `account` names (`alsoKnownAs`): a local account's as stored, a
/// remote one's as its server serves its actor now (never as remembered: a move is
/// believed only on what its target says at the time).
pub async fn also_known_as(
    ctx: &FederationData,
    account: &Account,
) -> Result<Vec<String>, ResolveError> {
    if account.is_local() {
        return Ok(account.also_known_as.clone());
    }
    let document = ctx
        .fetch_at_id(&account.actor_id)
        .await
        .map_err(|e| ResolveError::fetching(&account.actor_id, e))?;
    let actor: Actor = serde_json::from_value(document)
        .map_err(|e| ResolveError::Remote(format!("actor: {e}")))?;
    Ok(actor.also_known_as.iter().take(100).cloned().collect())
}

/// What a URL named.
#[derive(Debug, Clone)]
pub enum Resolved {
    Account(Box<Account>),
    Status(Box<Status>),
}

/// The account or post a URL names, as `viewer` may see it: one this instance knows, or
/// one fetched now (a remote post with its author).
pub async fn object(
    ctx: &FederationData,
    viewer: AccountId,
    url: &str,
) -> Result<Resolved, ResolveError> {
    let db = &ctx.app.db;
    let url = url.trim();
    let web_url = Url::parse(url)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if !web_url {
        return Err(ResolveError::BadUrl(url.into()));
    }
    if let Some(account) = remote::account_by_actor_id(db, url).await? {
        return Ok(Resolved::Account(Box::new(account)));
    }
    match visibility::by_ap_id(db, Some(viewer), url).await {
        Ok(status) => return Ok(Resolved::Status(Box::new(status))),
        Err(DomainError::NotFound(_)) => {}
        Err(other) => return Err(other.into()),
    }
    if let Some(resolved) = local_page(ctx, viewer, url).await? {
        return Ok(resolved);
    }
    match fetch_and_store(ctx, url).await? {
        Stored::Account(account) => {
            read_pins(ctx, &account).await;
            Ok(Resolved::Account(account))
        }
        Stored::Status(id) => match visibility::by_ap_id(db, Some(viewer), &id).await {
            Ok(status) => Ok(Resolved::Status(Box::new(status))),
            Err(DomainError::NotFound(_)) => Err(ResolveError::NotFound(url.into())),
            Err(other) => Err(other.into()),
        },
    }
}

/// The local account or status one of this server's pages shows (`/@user`,
/// `/@user/<id>`), as `viewer` may see it; None for other URLs.
async fn local_page(
    ctx: &FederationData,
    viewer: AccountId,
    url: &str,
) -> Result<Option<Resolved>, ResolveError> {
    let Ok(parsed) = Url::parse(url) else {
        return Ok(None);
    };
    let local = authority(url).is_some_and(|host| ctx.app.instance().is_local_domain(&host));
    let segments: Vec<&str> = parsed
        .path_segments()
        .map(Iterator::collect)
        .unwrap_or_default();
    let (true, Some(username)) = (local, segments.first().and_then(|s| s.strip_prefix('@'))) else {
        return Ok(None);
    };
    let not_found = || ResolveError::NotFound(url.into());
    let account = match accounts::local_by_username(&ctx.app.db, username).await {
        Ok(account) => account,
        Err(DomainError::NotFound(_)) => return Err(not_found()),
        Err(other) => return Err(other.into()),
    };
    match segments[1..] {
        [] | [""] => Ok(Some(Resolved::Account(Box::new(account)))),
        [id] => {
            let id = uuid::Uuid::parse_str(id).map_err(|_| not_found())?;
            match visibility::get(&ctx.app.db, Some(viewer), StatusId(id)).await {
                Ok(status) if status.account_id == account.id => {
                    Ok(Some(Resolved::Status(Box::new(status))))
                }
                Ok(_) | Err(DomainError::NotFound(_)) => Err(not_found()),
                Err(other) => Err(other.into()),
            }
        }
        _ => Err(not_found()),
    }
}

/// Fetches the status the remote reply `reply` answers, unknown here, and joins the reply
/// to its thread. Returns the parent, or `None` when there was nothing to fetch (the
/// reply is gone, or already joined).
pub async fn parent(ctx: &FederationData, reply: StatusId) -> Result<Option<Status>, ResolveError> {
    let Some(parent_id) = received::missing_parent(&ctx.app.db, reply).await? else {
        return Ok(None);
    };
    let parent = remote_statuses::status(ctx, &parent_id).await?;
    // Storing a fetched parent joins its waiting replies; one that came meanwhile (before
    // the reply was stored, or while this task waited) is joined here.
    received::adopt_replies(&ctx.app.db, &parent).await?;
    Ok(Some(parent))
}

/// Reads a remote account's pins from its `featured` collection and its counts from its
/// other collections; a failure leaves them as they were, and is no failure of what
/// fetched the account.
async fn read_pins(ctx: &FederationData, account: &Account) {
    // Boxed: reading pins stores statuses, which may fetch more, and the futures of a
    // lookup stay small.
    Box::pin(totals::read(ctx, account)).await;
    match Box::pin(featured::synchronize(ctx, account)).await {
        Ok(pinned) => {
            tracing::debug!(pinned, actor = %account.actor_id, "featured collection read")
        }
        Err(error) => {
            tracing::debug!(%error, actor = %account.actor_id, "featured collection not read")
        }
    }
}

/// Stores the actor a fetched document describes, then reads its `featured` collection for
/// its pins; should that fail, they stay as they were.
async fn store_with_pins(ctx: &FederationData, actor: Actor) -> Result<Account, ResolveError> {
    let account = ctx.store_actor(actor).await?;
    read_pins(ctx, &account).await;
    Ok(account)
}

/// Asks `domain` about `resource`: https first; plain http only where the fetch policy
/// allows private addresses (development and tests).
async fn webfinger(fetcher: &Fetcher, domain: &str, resource: &str) -> Result<Value, ResolveError> {
    let path = format!("/.well-known/webfinger?resource={resource}");
    let mut answer = fetcher.get_json(&format!("https://{domain}{path}")).await;
    if answer.is_err() && fetcher.allows_private() {
        answer = fetcher.get_json(&format!("http://{domain}{path}")).await;
    }
    answer.map_err(|error| match error {
        FetchError::Status(_, 404 | 410) => ResolveError::NotFound(resource.into()),
        other => ResolveError::Remote(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::split_handle;

    #[test]
    fn handles() {
        assert_eq!(split_handle("@a@b.example"), Some(("a", "b.example")));
        assert_eq!(
            split_handle("a@127.0.0.1:3000"),
            Some(("a", "127.0.0.1:3000"))
        );
        for bad in ["a", "@a", "a@", "a@b/c", "a b@c", "a@b@c"] {
            assert_eq!(split_handle(bad), None, "{bad}");
        }
    }
}
