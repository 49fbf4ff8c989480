//! The HTTP and GraphQL API over real HTTP, on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access_tokens;
mod activitypub;
mod blocks;
mod domain_blocks;
mod edits;
mod federation;
mod filters;
mod fixtures;
mod graphql;
mod hashtags;
mod inbox;
mod interactions;
mod limits;
mod lists;
mod media;
mod mutes;
mod pins;
mod reports;
mod schema;
mod statements;
mod support;
mod webhooks;
