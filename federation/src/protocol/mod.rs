//! ActivityPub wire types, as Mastodon and its peers write and expect them.

pub mod actor;
pub mod collection;
pub mod context;
pub mod emoji;
pub mod incoming;
pub mod note;

/// The special collection meaning "everyone".
pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";
