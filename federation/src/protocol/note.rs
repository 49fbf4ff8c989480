//! `Note` objects and the `Create` activities that carry them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub attributed_to: String,
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub in_reply_to: Option<String>,
    pub summary: Option<String>,
    pub sensitive: bool,
    pub content: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub content_map: BTreeMap<String, String>,
    pub published: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<Utc>>,
    pub url: String,
    /// The collection of its replies (local notes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<String>,
    pub tag: Vec<NoteTag>,
    pub attachment: Vec<Value>,
    /// The thread's root, as an id (ActivityStreams `context`).
    #[serde(rename = "context", skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// The same, as Mastodon (OStatus) calls it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
    /// A single-choice poll's options (the object is then a `Question`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<PollChoice>>,
    /// A multiple-choice poll's options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any_of: Option<Vec<PollChoice>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<DateTime<Utc>>,
    /// When the poll ended, once it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voters_count: Option<u64>,
    /// The status it quotes (FEP-044f).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The same, as Fedibird and older Mastodon read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_uri: Option<String>,
    /// The same, as Misskey reads it.
    #[serde(
        default,
        rename = "_misskey_quote",
        skip_serializing_if = "Option::is_none"
    )]
    pub misskey_quote: Option<String>,
    /// The stamp (`QuoteAuthorization`) by which the quoted author allowed the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_authorization: Option<String>,
    /// Who may quote, reply to and announce it (`canQuote`, `canReply`, `canAnnounce`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interaction_policy: Option<Value>,
}

/// One option of a `Question`, with its votes, as Mastodon writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PollChoice {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    pub replies: PollReplies,
}

/// How many voted for an option.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PollReplies {
    #[serde(rename = "type")]
    pub kind: String,
    pub total_items: u64,
}

/// A tag of a note: a mention, a hashtag or a custom emoji.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NoteTag {
    Link(Tag),
    Emoji(super::emoji::Emoji),
}

/// A `Mention` or `Hashtag` in a note's `tag`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Tag {
    #[serde(rename = "type")]
    pub kind: String,
    pub href: String,
    pub name: String,
}
