//! Lists of accounts.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, ListId};

/// A named group of accounts its owner follows, with a timeline of their statuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub id: ListId,
    pub owner: AccountId,
    pub title: String,
    pub created_at: DateTime<Utc>,
}
