//! Keyword filters: words an account does not want to see, or wants a warning before.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, FilterId};

/// Where a filter applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterContext {
    Home,
    Notifications,
    Public,
    Thread,
    Account,
}

impl FilterContext {
    pub const ALL: [Self; 5] = [
        Self::Home,
        Self::Notifications,
        Self::Public,
        Self::Thread,
        Self::Account,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Notifications => "notifications",
            Self::Public => "public",
            Self::Thread => "thread",
            Self::Account => "account",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }
}

/// What a match does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterAction {
    /// The status is shown behind a warning naming the filter.
    Warn,
    /// The status is left out.
    Hide,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterKeyword {
    pub keyword: String,
    /// Match whole words only (`cat` does not match `category`).
    pub whole_word: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub id: FilterId,
    pub account_id: AccountId,
    pub title: String,
    pub contexts: Vec<FilterContext>,
    pub action: FilterAction,
    pub keywords: Vec<FilterKeyword>,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A filter a status matched, and the keywords that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterMatch {
    pub filter: Filter,
    pub keywords: Vec<String>,
}
