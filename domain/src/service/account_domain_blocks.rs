//! Domain blocks of one account: it stops seeing statuses from a whole server and hearing
//! from its accounts, those accounts stop following it, and what it was told of them and
//! its conversations with them are deleted.

use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::store;
use crate::types::{Instance, Viewer};
use crate::{DomainError, DomainResult};

/// A domain as accounts carry it: lowercased, without a trailing dot, with a port if any.
fn normalise(domain: &str) -> DomainResult<String> {
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    let valid = !domain.is_empty()
        && domain.len() <= 253
        && domain.contains(|c: char| c.is_ascii_alphanumeric())
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    if !valid {
        return Err(DomainError::validation("domain", "not a domain name"));
    }
    Ok(domain)
}

/// The viewer blocks `domain` (not this instance's own); returns it as stored. Blocking it
/// again changes nothing.
pub async fn block(
    db: &DatabaseConnection,
    instance: &Instance,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<String> {
    let domain = normalise(domain)?;
    if instance.is_local_domain(&domain) {
        return Err(DomainError::validation(
            "domain",
            "this server's own domain cannot be blocked",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    store::account_domain_blocks::insert(&txn, viewer.account_id, &domain).await?;
    store::follows::delete_followers_on(&txn, viewer.account_id, &domain).await?;
    store::notifications::delete_from_domain(&txn, viewer.account_id, &domain).await?;
    crate::service::conversations::forget_domain(&txn, viewer.account_id, &domain).await?;
    txn.commit().await?;
    Ok(domain)
}

pub async fn unblock(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<String> {
    let domain = normalise(domain)?;
    store::account_domain_blocks::delete(db, viewer.account_id, &domain).await?;
    Ok(domain)
}

/// The domains the viewer blocks, alphabetically.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<String>> {
    Ok(store::account_domain_blocks::of(db, viewer.account_id).await?)
}
