//! Cursor pagination over lists ordered newest first by a time-sorted id.

use uuid::Uuid;

/// The most items one page may hold.
pub const MAX_PAGE_SIZE: u64 = 100;
/// The page size when the client asks for none.
pub const DEFAULT_PAGE_SIZE: u64 = 20;

/// Which slice of a newest-first list to return (Relay's first/after and last/before).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    /// Towards older items (`first`/`after`) or newer ones (`last`/`before`).
    pub backwards: bool,
    /// Exclusive bound: the key of the item the page starts after (or ends before).
    pub cursor: Option<Uuid>,
}

impl PageRequest {
    pub fn first(limit: u64) -> Self {
        Self {
            limit,
            backwards: false,
            cursor: None,
        }
    }
}

/// One page, newest first, and whether items lie on either side of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<(Uuid, T)>,
    pub has_previous: bool,
    pub has_next: bool,
}

impl<T> Page<T> {
    /// A page of nothing, with nothing on either side.
    pub fn empty() -> Self {
        Self {
            items: Vec::new(),
            has_previous: false,
            has_next: false,
        }
    }

    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self
                .items
                .into_iter()
                .map(|(key, item)| (key, f(item)))
                .collect(),
            has_previous: self.has_previous,
            has_next: self.has_next,
        }
    }
}
