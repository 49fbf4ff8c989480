//! Timelines: which statuses each one holds.

use crate::ids::{AccountId, ListId, TagId};

/// Which statuses a timeline holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeline {
    /// The viewer's own statuses and those of the accounts it follows.
    Home(AccountId),
    /// Public statuses; local ones only when `local_only`.
    Public { local_only: bool },
    /// One account's statuses, as far as the selection lets through.
    Account(AccountTimeline),
    /// The statuses of the accounts on a list, and their replies to one another.
    List(ListId),
    /// Public statuses carrying a hashtag.
    Tag(TagId),
    /// One account's public statuses, without its boosts and its replies to others (what
    /// its feeds hold).
    PublicOf(AccountId),
}

/// Which of one account's statuses its timeline holds; [`AccountTimeline::all`] holds them
/// all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountTimeline {
    pub account: AccountId,
    /// Without its replies to others (its replies to itself stay).
    pub exclude_replies: bool,
    pub exclude_reblogs: bool,
    /// Only statuses with at least one attachment.
    pub only_media: bool,
    /// Only statuses carrying this tag.
    pub tagged: Option<TagId>,
    /// Only its pinned statuses (true), or all but them (false).
    pub pinned: Option<bool>,
}

impl AccountTimeline {
    pub fn all(account: AccountId) -> Self {
        Self {
            account,
            exclude_replies: false,
            exclude_reblogs: false,
            only_media: false,
            tagged: None,
            pinned: None,
        }
    }
}
