//! Use cases: what users and the instance can do, with every permission and visibility rule
//! applied here, once.

pub mod access_tokens;
pub mod account_domain_blocks;
pub mod accounts;
mod app;
pub mod auth;
pub mod blocks;
pub mod bookmarks;
pub mod conversations;
pub mod custom_emojis;
pub mod delivery_hosts;
pub mod domain_blocks;
pub(crate) mod edits;
pub mod favourites;
pub mod feeds;
pub mod filters;
pub mod follows;
pub mod instance;
pub mod jobs;
pub mod lists;
pub mod live;
pub mod mail;
pub mod maintenance;
pub mod media;
pub mod moves;
pub mod mutes;
pub mod notes;
pub mod notifications;
pub mod outbox;
pub mod pins;
pub mod policies;
pub mod polls;
pub mod profiles;
pub mod quotes;
pub mod reblogs;
pub mod remote;
pub mod reports;
pub mod sealing;
pub mod search;
pub mod statuses;
pub mod tags;
pub mod text;
pub mod timelines;
pub mod visibility;
pub mod webhooks;

pub use app::App;
