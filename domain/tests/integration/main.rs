//! The domain against real databases: SQLite always, PostgreSQL when reachable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod emojis;
mod follows;
mod home;
mod migrations;
mod moderation;
mod origins;
mod outbox;
mod pins;
mod profile_fields;
mod properties;
mod received;
mod statuses;
mod support;
mod visibility;
mod webhooks;
