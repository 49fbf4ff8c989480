//! The HTTP and GraphQL API over real HTTP, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod activitypub;
mod blocks;
mod conversations;
mod domain_blocks;
mod edits;
mod federation;
mod feeds;
mod filters;
mod fixtures;
mod graphql;
mod hashtags;
mod inbox;
mod interactions;
mod limits;
mod lists;
mod live;
mod media;
mod mutes;
mod notes;
mod pins;
mod reports;
mod schema;
mod search;
mod statements;
mod support;
