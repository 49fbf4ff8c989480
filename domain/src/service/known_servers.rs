//! The servers this instance knows, as moderators with MANAGE_FEDERATION see them: what it
//! holds of each (accounts, statuses, follows both ways), how deliveries to it fare, when
//! it was last heard from, its block and whether it is allowed.

use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::service::domain_blocks;
use crate::store;
use crate::store::known_servers::ServerFigures;
use crate::types::{DomainBlock, Permission, Viewer};

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
