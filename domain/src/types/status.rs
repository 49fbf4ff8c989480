//! Statuses and their visibility.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, MediaId, StatusId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Everyone, and listed on the public timelines.
    Public,
    /// Everyone, but kept off the public timelines.
    Unlisted,
    /// The author's followers and the mentioned.
    Followers,
    /// The mentioned only.
    Direct,
    /// The author alone: a note to oneself, never federated.
    Private,
    /// Signed-in accounts of this instance, never federated.
    Local,
}

impl Visibility {
    pub const ALL: [Self; 6] = [
        Self::Public,
        Self::Unlisted,
        Self::Followers,
        Self::Direct,
        Self::Private,
        Self::Local,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Unlisted => "unlisted",
            Self::Followers => "followers",
            Self::Direct => "direct",
            Self::Private => "private",
            Self::Local => "local",
        }
    }

    /// Whether other servers ever hear of a status of this visibility: private and local
    /// ones are never sent, served or announced.
    pub fn federates(self) -> bool {
        !matches!(self, Self::Private | Self::Local)
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub id: StatusId,
    pub ap_id: String,
    pub url: String,
    pub account_id: AccountId,
    pub local: bool,
    pub source: String,
    pub content_html: String,
    pub content_warning: String,
    pub sensitive: bool,
    pub visibility: Visibility,
    pub language: Option<String>,
    pub in_reply_to_id: Option<StatusId>,
    pub in_reply_to_account_id: Option<AccountId>,
    /// The ActivityPub id of the status replied to; set while that status is unknown here
    /// too, until it arrives or is fetched.
    pub in_reply_to_ap_id: Option<String>,
    /// For a boost: the status boosted (a boost has no text of its own).
    pub reblog_of_id: Option<StatusId>,
    pub thread_id: StatusId,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Set on tombstones: the text is gone, replies still point here.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Set while its author keeps it archived: out of every list of statuses (timelines,
    /// pins and `featured`, search), still there by id and in its author's notes.
    pub archived_at: Option<DateTime<Utc>>,
}

impl Status {
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Whether lists of statuses (timelines, pins, search) show it: neither a tombstone
    /// nor archived. `store::predicates::listable` is the same rule in SQL.
    pub fn is_listable(&self) -> bool {
        !self.is_deleted() && self.archived_at.is_none()
    }
}

/// Which of one's own statuses a list of notes holds; each criterion left unset lets every
/// status through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFilter {
    /// Carrying this hashtag (lowercased, without `#`).
    pub tag: Option<String>,
    /// Pinned (true) or not (false).
    pub pinned: Option<bool>,
    /// Archived (true) or not (false).
    pub archived: Option<bool>,
    /// Whose source holds this text, in any case.
    pub text: Option<String>,
}

/// What an account's timeline shows of its statuses, as Mastodon's
/// `GET /api/v1/accounts/:id/statuses` options; the default shows them all, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountStatusesFilter {
    /// Leave out its replies to others (its replies to itself, threads, stay).
    pub exclude_replies: bool,
    /// Leave out its boosts.
    pub exclude_reblogs: bool,
    /// Only statuses with at least one attachment.
    pub only_media: bool,
    /// Only statuses carrying this hashtag (with or without `#`).
    pub tagged: Option<String>,
    /// Its pinned statuses first, the latest pinned first, then the others newest first.
    pub pinned_first: bool,
}

/// One version of a status's text, as it read from `created_at` until the next.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusVersion {
    pub source: String,
    pub content_html: String,
    pub content_warning: String,
    pub sensitive: bool,
    /// The attachments it had, in order.
    pub media: Vec<MediaId>,
    pub created_at: DateTime<Utc>,
}

impl StatusVersion {
    /// The version `status` shows now, with the attachments `media` it shows.
    pub fn current(status: &Status, media: Vec<MediaId>) -> Self {
        Self {
            source: status.source.clone(),
            content_html: status.content_html.clone(),
            content_warning: status.content_warning.clone(),
            sensitive: status.sensitive,
            media,
            created_at: status.edited_at.unwrap_or(status.created_at),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_notes_stay_home() {
        for visibility in Visibility::ALL {
            assert_eq!(Visibility::parse(visibility.as_str()), Some(visibility));
            let note = matches!(visibility, Visibility::Private | Visibility::Local);
            assert_eq!(visibility.federates(), !note, "{visibility:?}");
        }
    }
}

/// What a status's reader sees counted, and what the reader did to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusStats {
    /// Live replies.
    pub replies: u64,
    /// Live boosts.
    pub reblogs: u64,
    pub favourites: u64,
    /// The reader likes it (never, for an anonymous one).
    pub favourited: bool,
    /// The reader boosted it (never, for an anonymous one).
    pub reblogged: bool,
}
