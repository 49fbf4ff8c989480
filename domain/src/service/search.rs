//! Search: statuses by their words, accounts and hashtags by the start of their names.
//!
//! Statuses are found only by signed-in viewers (as on Mastodon, whose servers do not
//! offer status search to anonymous visitors): the viewer's own, and of others' only those
//! it may see whose author is `indexable`; unlisted ones only when it follows the author
//! or is mentioned. Accounts and hashtags are found by anyone.

use sea_orm::ConnectionTrait;

use crate::ids::AccountId;
use crate::page::{Page, PageRequest};
use crate::store;
use crate::types::{Account, Instance, Status};
use crate::{DomainError, DomainResult};

/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Words of a query that count; the rest are left out.
const MAX_WORDS: usize = 16;

/// A query, trimmed; empty or overlong ones are refused.
pub fn checked(query: &str) -> DomainResult<&str> {
    let query = query.trim();
    if query.is_empty() {
        return Err(DomainError::validation("query", "must not be empty"));
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(DomainError::validation(
            "query",
            format!("at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(query)
}

/// What a query names elsewhere, for the caller to look up on its server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteLookup {
    /// `user@domain` or `@user@domain`.
    Handle(String),
    /// An `https://` (or `http://`) URL of a profile or a post.
    Url(String),
}

/// Whether `query` is a handle with a domain or a URL, rather than words.
pub fn remote_lookup(query: &str) -> Option<RemoteLookup> {
    let query = query.trim();
    if query.starts_with("https://") || query.starts_with("http://") {
        let valid = !query.contains(char::is_whitespace) && url::Url::parse(query).is_ok();
        return valid.then(|| RemoteLookup::Url(query.to_owned()));
    }
    let (user, domain) = query.trim_start_matches('@').split_once('@')?;
    let user_ok = !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    let domain_ok = domain.contains('.') || domain.starts_with("localhost") || domain.contains(':');
    let domain_ok = domain_ok
        && !domain.is_empty()
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    (user_ok && domain_ok).then(|| RemoteLookup::Handle(format!("{user}@{domain}")))
}

/// The words a status must hold to match `query`: runs of letters and digits, lowercased.
pub fn words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !words.contains(&word) {
            words.push(word);
        }
    }
    words.truncate(MAX_WORDS);
    words
}

/// Statuses holding every word of `query`, newest first, as `viewer` may find them (see
/// the module's rule); none for anonymous viewers.
pub async fn statuses(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    query: &str,
    page: &PageRequest,
) -> DomainResult<Page<Status>> {
    let query = checked(query)?;
    let words = words(query);
    let Some(viewer) = viewer.filter(|_| !words.is_empty()) else {
        return Ok(Page {
            items: Vec::new(),
            has_previous: false,
            has_next: false,
        });
    };
    Ok(store::search::statuses_page(db, viewer, &words, page).await?)
}

/// Accounts whose handle or display name starts with `query` (a leading `@` left out, and
/// this instance's domain after a local username), by handle; at most `limit`. Accounts
/// that block the viewer, or that it blocks, are left out.
pub async fn accounts(
    db: &impl ConnectionTrait,
    instance: &Instance,
    viewer: Option<AccountId>,
    query: &str,
    limit: u64,
) -> DomainResult<Vec<Account>> {
    let mut prefix = checked(query)?.trim_start_matches('@').to_lowercase();
    if let Some((username, domain)) = prefix.split_once('@')
        && instance.is_local_domain(domain)
    {
        prefix = username.to_owned();
    }
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    Ok(store::search::accounts_by_prefix(db, viewer, &prefix, limit).await?)
}

/// Hashtags whose name starts with `query` (a leading `#` left out), alphabetically; at
/// most `limit`.
pub async fn hashtags(
    db: &impl ConnectionTrait,
    query: &str,
    limit: u64,
) -> DomainResult<Vec<String>> {
    let prefix = checked(query)?.trim_start_matches('#').to_lowercase();
    let valid = !prefix.is_empty() && prefix.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Ok(Vec::new());
    }
    Ok(store::search::tags_by_prefix(db, &prefix, limit).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_checked() {
        assert!(checked("  ").is_err());
        assert!(checked(&"a".repeat(MAX_QUERY_CHARS + 1)).is_err());
        assert_eq!(checked(" cats ").unwrap(), "cats");
    }

    #[test]
    fn handles_and_urls_are_told_from_words() {
        assert_eq!(
            remote_lookup("@alice@example.org"),
            Some(RemoteLookup::Handle("alice@example.org".into()))
        );
        assert_eq!(
            remote_lookup("bob@127.0.0.1:8080"),
            Some(RemoteLookup::Handle("bob@127.0.0.1:8080".into()))
        );
        assert_eq!(
            remote_lookup("https://example.org/@alice/1"),
            Some(RemoteLookup::Url("https://example.org/@alice/1".into()))
        );
        assert_eq!(remote_lookup("cats and dogs"), None);
        assert_eq!(remote_lookup("@alice"), None);
        assert_eq!(remote_lookup("mail me at a@b c"), None);
        assert_eq!(remote_lookup("https://exa mple.org"), None);
    }

    #[test]
    fn words_are_letters_and_digits_lowercased() {
        assert_eq!(
            words("Hello, WORLD! it's 2026 — café hello"),
            vec!["hello", "world", "it", "s", "2026", "café"]
        );
        assert!(words("!!! ---").is_empty());
    }
}
