//! The servers this instance knows, as moderators with MANAGE_FEDERATION see them: what it
//! holds of each (accounts, statuses, follows both ways), how deliveries to it fare, when
//! it was last heard from, its block, whether it is allowed, and what it runs.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::service::{App, domain_blocks};
use crate::store;
use crate::store::known_servers::ServerFigures;
use crate::store::server_software::ServerSoftware;
use crate::types::{DomainBlock, Permission, Viewer};

/// How long what a server runs is taken as read before it is read again.
pub const SOFTWARE_FRESH_FOR: Duration = Duration::days(1);
/// The most characters kept of a software's name and of its version.
const MAX_SOFTWARE_CHARS: usize = 100;

/// The most servers listed at once.
pub const MAX_LISTED: u64 = 200;

/// The servers with the most accounts known, at most `first` (up to [`MAX_LISTED`]);
/// `containing` keeps those whose domain contains it.
pub async fn busiest(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    containing: Option<&str>,
    first: u64,
) -> DomainResult<Vec<String>> {
    viewer.require(Permission::ManageFederation)?;
    let listed = store::known_servers::busiest(db, containing, first.clamp(1, MAX_LISTED)).await?;
    Ok(listed.into_iter().map(|(domain, _)| domain).collect())
}

/// What this instance holds of `domain` (zeros for a server it knows nothing of).
pub async fn figures(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<ServerFigures> {
    viewer.require(Permission::ManageFederation)?;
    Ok(store::known_servers::figures(db, &domain.trim().to_lowercase()).await?)
}

/// The block on `domain` itself, if any.
pub async fn block(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<Option<DomainBlock>> {
    viewer.require(Permission::ManageFederation)?;
    let host = domain_blocks::candidates(domain).into_iter().next();
    match host {
        Some(host) => Ok(store::domain_blocks::by_domain(db, &host).await?),
        None => Ok(None),
    }
}

/// Whether `domain` (or a domain above it) is on the allowlist.
pub async fn allowed(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<bool> {
    viewer.require(Permission::ManageFederation)?;
    let candidates = domain_blocks::candidates(domain);
    Ok(!store::domain_allows::allowed_among(db, candidates)
        .await?
        .is_empty())
}

/// What `domain` runs, as last read from its NodeInfo. When nothing is held, or what is
/// held is older than [`SOFTWARE_FRESH_FOR`], a read is queued (a blocked server is not
/// asked).
pub async fn software(
    app: &App,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<Option<ServerSoftware>> {
    viewer.require(Permission::ManageFederation)?;
    let domain = domain.trim().to_lowercase();
    let held = store::server_software::get(&app.db, &domain).await?;
    let stale = held
        .as_ref()
        .is_none_or(|software| Utc::now() - software.fetched_at > SOFTWARE_FRESH_FOR);
    if stale
        && !domain.is_empty()
        && !domain_blocks::is_blocked(&app.db, &domain).await?
        && let Err(error) = app.outbox.queue().read_software(vec![domain]).await
    {
        tracing::warn!(%error, "queuing a read of a server's software");
    }
    Ok(held)
}

/// Keeps what `domain`'s NodeInfo says it runs: its name and version as printable text,
/// [`MAX_SOFTWARE_CHARS`] at most each.
pub async fn record_software(
    db: &impl ConnectionTrait,
    domain: &str,
    name: &str,
    version: &str,
) -> DomainResult<()> {
    let printable = |text: &str| -> String {
        text.chars()
            .filter(|c| !c.is_control())
            .take(MAX_SOFTWARE_CHARS)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let software = ServerSoftware {
        name: printable(name),
        version: printable(version),
        fetched_at: Utc::now(),
    };
    if software.name.is_empty() {
        return Err(crate::DomainError::validation("software", "no name"));
    }
    Ok(store::server_software::put(db, &domain.to_lowercase(), &software).await?)
}
