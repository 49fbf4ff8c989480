//! Instance-level domain blocks: nothing is received from, fetched from or sent to them.

use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::ConnectionTrait;

use crate::store;
use crate::{DomainError, DomainResult};

/// The host part of a domain as blocks compare it: lowercased, without port or dot.
fn normalise(domain: &str) -> String {
    let host = domain.trim().trim_end_matches('.').to_lowercase();
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) && !name.contains(':') => {
            name.to_owned()
        }
        _ => host,
    }
}

pub async fn block(
    db: &impl ConnectionTrait,
    domain: &str,
    reason: Option<String>,
) -> DomainResult<String> {
    let domain = normalise(domain);
    let valid = !domain.is_empty()
        && domain.len() <= 253
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    if !valid {
        return Err(DomainError::validation("domain", "not a domain name"));
    }
    store::domain_blocks::insert(db, &domain, reason).await?;
    BLOCKS_CHANGED.fetch_add(1, Ordering::Relaxed);
    Ok(domain)
}

/// Returns whether there was a block to lift.
pub async fn unblock(db: &impl ConnectionTrait, domain: &str) -> DomainResult<bool> {
    let lifted = store::domain_blocks::delete(db, &normalise(domain)).await?;
    BLOCKS_CHANGED.fetch_add(1, Ordering::Relaxed);
    Ok(lifted)
}

/// Counts the blocks made or lifted by this process, so that its [`RecentBlockList`]s read
/// the list again at once (other processes' changes apply within [`RecentBlockList::FOR`]).
static BLOCKS_CHANGED: AtomicU64 = AtomicU64::new(0);

pub async fn list(db: &impl ConnectionTrait) -> DomainResult<Vec<(String, Option<String>)>> {
    Ok(store::domain_blocks::all(db).await?)
}

/// `domain` and every domain it is a subdomain of (not the bare top-level domain).
fn candidates(domain: &str) -> Vec<String> {
    let host = normalise(domain);
    let mut candidates = Vec::new();
    let mut rest = host.as_str();
    loop {
        candidates.push(rest.to_owned());
        match rest.split_once('.') {
            Some((_, parent)) if parent.contains('.') => rest = parent,
            _ => break,
        }
    }
    candidates
}

/// Whether `domain` (a host, with or without port) or any domain it is a subdomain of is
/// blocked.
pub async fn is_blocked(db: &impl ConnectionTrait, domain: &str) -> DomainResult<bool> {
    Ok(!store::domain_blocks::blocked_among(db, candidates(domain))
        .await?
        .is_empty())
}

/// The first of `domains` that is blocked (itself or a domain above it), asking once.
pub async fn first_blocked(
    db: &impl ConnectionTrait,
    domains: &[String],
) -> DomainResult<Option<String>> {
    let all = domains.iter().flat_map(|d| candidates(d)).collect();
    let blocked = store::domain_blocks::blocked_among(db, all).await?;
    if blocked.is_empty() {
        return Ok(None);
    }
    Ok(domains
        .iter()
        .find(|d| candidates(d).iter().any(|c| blocked.contains(c)))
        .cloned())
}

/// Every block, read once, for checking many domains without asking the database.
#[derive(Debug, Clone, Default)]
pub struct BlockList(std::collections::HashSet<String>);

impl BlockList {
    pub async fn load(db: &impl ConnectionTrait) -> DomainResult<Self> {
        let all = store::domain_blocks::all(db).await?;
        Ok(Self(all.into_iter().map(|(domain, _)| domain).collect()))
    }

    /// The same answer as [`is_blocked`] gave when the list was read.
    pub fn blocks(&self, domain: &str) -> bool {
        candidates(domain).iter().any(|c| self.0.contains(c))
    }
}

/// The block list as one process read it a moment ago: inboxes check every request
/// against it without asking the database each time. A block made or lifted by another
/// process (`rookery admin block-domain`) applies within [`RecentBlockList::FOR`]; one made
/// by this process, at once.
#[derive(Debug, Default)]
pub struct RecentBlockList(tokio::sync::Mutex<Option<ReadList>>);

#[derive(Debug)]
struct ReadList {
    at: std::time::Instant,
    changes_seen: u64,
    list: BlockList,
}

impl RecentBlockList {
    /// How long a list read is used.
    pub const FOR: std::time::Duration = std::time::Duration::from_secs(5);

    /// The first of `domains` that is blocked (itself or a domain above it).
    pub async fn first_blocked(
        &self,
        db: &impl ConnectionTrait,
        domains: &[String],
    ) -> DomainResult<Option<String>> {
        let mut recent = self.0.lock().await;
        let changes = BLOCKS_CHANGED.load(Ordering::Relaxed);
        let fresh = recent
            .as_ref()
            .is_some_and(|read| read.at.elapsed() < Self::FOR && read.changes_seen == changes);
        if !fresh {
            *recent = Some(ReadList {
                at: std::time::Instant::now(),
                changes_seen: changes,
                list: BlockList::load(db).await?,
            });
        }
        Ok(recent
            .as_ref()
            .and_then(|read| domains.iter().find(|d| read.list.blocks(d)).cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn block_lists_cover_subdomains() {
        let list = super::BlockList(["evil.example".to_owned()].into_iter().collect());
        assert!(list.blocks("evil.example"));
        assert!(list.blocks("Social.Evil.Example:8443"));
        assert!(!list.blocks("notevil.example"));
        assert!(!list.blocks("example"));
    }

    #[test]
    fn domains_compare_without_case_port_or_dot() {
        assert_eq!(normalise("Evil.Example."), "evil.example");
        assert_eq!(normalise("evil.example:8443"), "evil.example");
        assert_eq!(normalise("127.0.0.1:3000"), "127.0.0.1");
    }
}
