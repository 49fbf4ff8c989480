//! Finding remote accounts by handle (WebFinger, then the actor document), refreshed when
//! stale.

use chrono::{Duration, Utc};
use rookery_domain::DomainError;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::Kind;
use rookery_domain::service::{accounts, domain_blocks, remote};
use rookery_domain::types::{Account, Instance};
use serde_json::Value;

use crate::fetch::{FetchError, Fetcher};
use crate::inbox::remote_actor;
use crate::protocol::incoming::Actor;

/// How long a remote account is used before it is fetched again.
pub const STALE_AFTER: Duration = Duration::hours(24);

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("not an account handle: {0}")]
    BadHandle(String),
    #[error("no account {0}")]
    NotFound(String),
    #[error("{0}")]
    Remote(String),
    #[error("{0} is blocked")]
    Blocked(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

/// Splits `@user@domain` (the leading `@` optional).
fn split_handle(handle: &str) -> Option<(&str, &str)> {
    let (user, domain) = handle.trim().trim_start_matches('@').split_once('@')?;
    let valid = !user.is_empty()
        && !domain.is_empty()
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    valid.then_some((user, domain))
}

/// The account a handle names: a local one, a known remote one that is fresh, or one
/// fetched now.
pub async fn account(
    db: &DatabaseConnection,
    instance: &Instance,
    fetcher: &Fetcher,
    handle: &str,
) -> Result<Account, ResolveError> {
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
    let jrd = webfinger(fetcher, domain, &resource).await?;
    let actor_url = jrd["links"]
        .as_array()
        .and_then(|links| {
            links.iter().find(|link| {
                link["rel"] == "self"
                    && link["type"]
                        .as_str()
                        .is_some_and(|t| t.contains("activity+json") || t.contains("ld+json"))
            })
        })
        .and_then(|link| link["href"].as_str())
        .ok_or_else(|| ResolveError::NotFound(handle.into()))?
        .to_owned();
    let document = fetcher
        .get_json(&actor_url)
        .await
        .map_err(|e| ResolveError::Remote(e.to_string()))?;
    let actor: Actor = serde_json::from_value(document)
        .map_err(|e| ResolveError::Remote(format!("actor document: {e}")))?;
    let described = remote_actor(actor).map_err(|e| ResolveError::Remote(e.to_string()))?;
    Ok(remote::upsert_account(db, described).await?)
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
