//! Relay cursor connections over the domain's pages.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, Result};
use rookery_domain::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest};

use super::error::invalid;
use super::ids;

/// Relay's first/after/last/before, checked.
pub fn page_request(
    first: Option<i32>,
    after: Option<String>,
    last: Option<i32>,
    before: Option<String>,
) -> Result<PageRequest> {
    let size = |field: &'static str, n: i32| -> Result<u64> {
        match u64::try_from(n) {
            Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
            _ => Err(invalid(
                field,
                format!("must be between 1 and {MAX_PAGE_SIZE}"),
            )),
        }
    };
    match (first, after, last, before) {
        (Some(_), _, Some(_), _) => Err(invalid("last", "give first or last, not both")),
        (_, Some(_), _, Some(_)) => Err(invalid("before", "give after or before, not both")),
        (_, Some(_), Some(_), _) => Err(invalid("last", "last goes with before, not after")),
        (Some(_), _, _, Some(_)) => Err(invalid("first", "first goes with after, not before")),
        (None, None, Some(last), before) => Ok(PageRequest {
            limit: size("last", last)?,
            backwards: true,
            cursor: before
                .map(|c| ids::decode_cursor("before", &c))
                .transpose()?,
        }),
        (None, None, None, Some(before)) => Ok(PageRequest {
            limit: DEFAULT_PAGE_SIZE,
            backwards: true,
            cursor: Some(ids::decode_cursor("before", &before)?),
        }),
        (first, after, None, None) => Ok(PageRequest {
            limit: first
                .map(|n| size("first", n))
                .transpose()?
                .unwrap_or(DEFAULT_PAGE_SIZE),
            backwards: false,
            cursor: after.map(|c| ids::decode_cursor("after", &c)).transpose()?,
        }),
    }
}

/// A connection whose nodes are made from the page's items.
pub fn connection<T, N: OutputType>(page: Page<T>, node: impl Fn(T) -> N) -> Connection<String, N> {
    let mut connection = Connection::new(page.has_previous, page.has_next);
    connection.edges.extend(
        page.items
            .into_iter()
            .map(|(key, item)| Edge::new(ids::encode_cursor(key), node(item))),
    );
    connection
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_checked() {
        assert_eq!(
            page_request(None, None, None, None).unwrap().limit,
            DEFAULT_PAGE_SIZE
        );
        assert!(page_request(Some(101), None, None, None).is_err());
        assert!(page_request(Some(0), None, None, None).is_err());
        assert!(page_request(Some(5), None, Some(5), None).is_err());
        assert!(page_request(None, Some("x".into()), None, None).is_err());
        let backwards = page_request(None, None, Some(3), None).unwrap();
        assert!(backwards.backwards);
        assert_eq!(backwards.limit, 3);
    }
}
