//! rel=me verification: a local account's profile field that links to a page is verified
//! when that page links back to the account with `rel="me"`.

use chrono::Utc;
use rookery_domain::DomainError;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::AccountId;
use rookery_domain::service::accounts;
use url::Url;

use crate::fetch::{Fetcher, attributes};

/// The most of a page read for its links, as Mastodon reads.
const MAX_PAGE_BYTES: usize = 1024 * 1024;

/// Checks each unverified field of local `account` whose value is a URL, and marks
/// verified those whose page links back; how many were. Only https pages are fetched
/// (http ones too where the fetcher allows private addresses: development and tests),
/// through the fetcher's guards. A page that cannot be read is left unverified.
pub async fn verify_links(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    account: AccountId,
) -> Result<usize, DomainError> {
    let Some(current) = accounts::by_ids(db, &[account]).await?.into_iter().next() else {
        return Ok(0);
    };
    if !current.is_local() {
        return Ok(0);
    }
    let mut verified = 0;
    for field in current.fields.iter().filter(|f| f.verified_at.is_none()) {
        let Some(url) = field.url() else { continue };
        let Ok(page_url) = Url::parse(url) else {
            continue;
        };
        let allowed = page_url.scheme() == "https"
            || (page_url.scheme() == "http" && fetcher.allows_private());
        if !allowed {
            continue;
        }
        let page = match fetcher.get_bytes(page_url.as_str(), MAX_PAGE_BYTES).await {
            Ok(page) => page,
            Err(error) => {
                tracing::debug!(%error, "a profile link's page could not be read");
                continue;
            }
        };
        let page = String::from_utf8_lossy(&page);
        let own = [current.url.as_str(), current.actor_id.as_str()];
        if links_back(&page, &page_url, &own)
            && accounts::mark_link_verified(db, account, &field.value, Utc::now()).await?
        {
            verified += 1;
        }
    }
    Ok(verified)
}

/// Whether `page` has an `<a>` or `<link>` with `rel="me"` whose `href` (made absolute
/// against `base`) is one of `targets`.
pub fn links_back(page: &str, base: &Url, targets: &[&str]) -> bool {
    let targets: Vec<Url> = targets.iter().filter_map(|t| Url::parse(t).ok()).collect();
    let lower = page.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find('<') {
        let start = from + at + 1;
        let Some(length) = lower[start..].find('>') else {
            return false;
        };
        let end = start + length;
        from = end;
        let tag = &lower[start..end];
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace() || c == '/')
            .unwrap_or(tag.len());
        if !matches!(&tag[..name_end], "a" | "link") {
            continue;
        }
        let attributes = attributes(&page[start + name_end..end]);
        let value = |name: &str| {
            attributes
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        };
        let me = value("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|token| token.eq_ignore_ascii_case("me"))
        });
        if me
            && let Some(href) = value("href")
            && let Ok(href) = base.join(href.trim())
            && targets.contains(&href)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &str = "https://rookery.example/@alice";
    const ACTOR: &str = "https://rookery.example/users/alice";

    fn check(page: &str) -> bool {
        let base = Url::parse("https://alice.example/about").unwrap();
        links_back(page, &base, &[PROFILE, ACTOR])
    }

    #[test]
    fn a_page_links_back_with_rel_me() {
        assert!(check(
            r#"<p><a rel="me" href="https://rookery.example/@alice">me</a>"#
        ));
        assert!(check(
            r#"<head><LINK HREF='https://rookery.example/users/alice' REL="authn me"></head>"#
        ));
        assert!(check(
            r#"<a href=https://rookery.example/@alice rel=me>x</a>"#
        ));
    }

    #[test]
    fn other_links_do_not_count() {
        // No rel=me, another account, another kind of element, a rel that only contains "me".
        assert!(!check(r#"<a href="https://rookery.example/@alice">me</a>"#));
        assert!(!check(
            r#"<a rel="me" href="https://rookery.example/@mallory">x</a>"#
        ));
        assert!(!check(
            r#"<img rel="me" src="https://rookery.example/@alice">"#
        ));
        assert!(!check(
            r#"<abbr rel="me" href="https://rookery.example/@alice">"#
        ));
        assert!(!check(
            r#"<a rel="meh" href="https://rookery.example/@alice">x</a>"#
        ));
        assert!(!check(""));
    }
}
