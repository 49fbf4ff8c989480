//! Accounts as the rest of Rookery sees them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::AccountId;
use crate::types::AccountRestrictions;

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub username: String,
    /// None for local accounts.
    pub domain: Option<String>,
    pub display_name: String,
    pub note_source: String,
    pub note_html: String,
    pub fields: Vec<ProfileField>,
    pub avatar_ref: Option<String>,
    pub header_ref: Option<String>,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub indexable: bool,
    pub actor_id: String,
    pub url: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub outbox_url: Option<String>,
    pub followers_url: Option<String>,
    pub following_url: Option<String>,
    pub featured_url: Option<String>,
    pub public_key_pem: String,
    /// The id signatures name this account's key by.
    pub key_id: Option<String>,
    /// The account this one moved to, when its server said so with a `Move`.
    pub moved_to: Option<AccountId>,
    /// The actor ids of the earlier selves a local account names (`alsoKnownAs`): a
    /// `Move` from one of them to this account is believed. Empty for remote accounts.
    pub also_known_as: Vec<String>,
    /// What moderators restricted; only moderation changes it.
    pub restrictions: AccountRestrictions,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The username of the instance's own actor, which signs what the server itself sends
/// (forwarded reports); the dot keeps it apart from every username people can choose.
pub const INSTANCE_ACTOR: &str = "instance.actor";

impl Account {
    pub fn is_local(&self) -> bool {
        self.domain.is_none()
    }

    pub fn is_instance_actor(&self) -> bool {
        self.is_local() && self.username == INSTANCE_ACTOR
    }

    /// The id of its followers collection: the one its document names, else Mastodon's.
    pub fn followers(&self) -> String {
        self.followers_url
            .clone()
            .unwrap_or_else(|| format!("{}/followers", self.actor_id))
    }

    /// `username` for local accounts, `username@domain` for remote ones.
    pub fn acct(&self) -> String {
        match &self.domain {
            None => self.username.clone(),
            Some(domain) => format!("{}@{domain}", self.username),
        }
    }
}

/// One name/value pair shown on a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileField {
    pub name: String,
    /// The value as text: as its owner typed it (local accounts), or what a reader sees of
    /// the HTML its server sent (remote ones).
    pub value: String,
    /// The value as HTML: rendered from the text, URLs linked with `rel="me"` (local
    /// accounts), or as its server sent it, sanitised (remote ones). Empty in fields stored
    /// before it was kept; the store fills it in when reading them.
    #[serde(default)]
    pub value_html: String,
    /// When the page the value links to was found linking back to the account
    /// (`rel="me"`); local accounts only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<DateTime<Utc>>,
}

impl ProfileField {
    /// A field as its owner typed it, not yet rendered or verified.
    pub fn typed(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            ..Self::default()
        }
    }

    /// The URL a field's value is, when it is one and nothing else (what rel=me
    /// verification checks).
    pub fn url(&self) -> Option<&str> {
        let value = self.value.trim();
        let lower = value.to_ascii_lowercase();
        ((lower.starts_with("https://") || lower.starts_with("http://"))
            && !value.contains(char::is_whitespace))
        .then_some(value)
    }
}

/// How the viewer and another account are related.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relationship {
    pub following: bool,
    pub followed_by: bool,
    /// The viewer asked to follow and waits for an answer.
    pub requested: bool,
    /// The viewer blocks the account.
    pub blocking: bool,
    /// The account blocks the viewer.
    pub blocked_by: bool,
    /// The viewer mutes the account.
    pub muting: bool,
    /// The viewer mutes the account's notifications too.
    pub muting_notifications: bool,
    /// When the viewer's mute of the account ends by itself, if it does.
    pub muting_ends_at: Option<chrono::DateTime<chrono::Utc>>,
}
