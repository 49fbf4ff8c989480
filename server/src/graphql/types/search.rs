//! `SearchType` and `SearchResults`, what `search` finds.

use async_graphql::connection::Connection;
use async_graphql::{Enum, SimpleObject};

use super::{AccountNode, StatusNode, TagNode};

/// Which kind of result a search looks for.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum SearchType {
    /// Accounts whose handle or display name starts with the query.
    Accounts,
    /// Statuses holding every word of the query.
    Statuses,
    /// Hashtags whose name starts with the query.
    Hashtags,
}

/// What a search found; a handle or URL looked up on its server comes first.
#[derive(SimpleObject)]
pub struct SearchResults {
    /// By handle; only on the first page.
    pub accounts: Vec<AccountNode>,
    /// Newest first, a page at a time.
    pub statuses: Connection<String, StatusNode>,
    /// Alphabetically; only on the first page.
    pub hashtags: Vec<TagNode>,
}
