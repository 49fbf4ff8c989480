//! Rookery's database migrations, for SQLite and PostgreSQL alike.
//!
//! Migrations name their tables and columns with their own `DeriveIden` enums and depend on
//! no other workspace crate, so an old migration never changes when an entity does.

pub use sea_orm_migration::prelude::*;
pub use sea_orm_migration::{MigrationStatus, MigratorTrait};

mod m20261125_000001_initial;
mod m20261125_000002_federation;
mod m20261125_000003_outbox;
mod m20261125_000004_moderation;
mod m20261125_000005_reply_chains;
mod m20261125_000006_favourites;
mod m20261125_000007_reblogs;
mod m20261125_000008_blocks;
mod m20261125_000009_moves;
mod m20261125_000010_bookmarks;
mod m20261125_000011_pins;
mod m20261125_000012_mutes;
mod m20261125_000013_account_domain_blocks;
mod m20261125_000014_lists;
mod m20261125_000015_followed_tags;
mod m20261125_000016_media_attachments;
mod m20261125_000017_status_edits;
mod m20261125_000018_filters;
mod m20261126_000019_search;
mod m20261126_000020_notes;
mod m20261126_000021_personal_access_tokens;
mod m20261126_000022_webhooks;
mod m20261126_000023_conversations;
mod m20261126_000024_polls;
mod m20261126_000025_thread_mutes;
mod m20261127_000026_quotes;
mod m20261127_000028_edit_media;
mod m20261206_000029_unique_key_ids;
mod m20261206_000030_published_counts;
mod m20261206_000031_account_aliases;
mod m20261206_000032_custom_emojis;
mod m20261207_000033_report_rules;
mod m20261207_000034_moderation;
mod m20261207_000035_domain_block_severities;
mod m20261207_000036_appeals_announcements;
mod m20261207_000037_sign_up_moderation;
mod m20261207_000038_domain_allows;
mod m20261207_000039_sign_ins;
mod m20261207_000040_severed_follows;
mod m20261207_000041_server_figures;
mod m20261207_000042_password_resets;
mod m20261208_000043_email_confirmations;
mod m20261208_000044_two_factor;
mod m20261208_000045_session_addresses;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_initial::Migration),
            Box::new(m20261125_000002_federation::Migration),
            Box::new(m20261125_000003_outbox::Migration),
            Box::new(m20261125_000004_moderation::Migration),
            Box::new(m20261125_000005_reply_chains::Migration),
            Box::new(m20261125_000006_favourites::Migration),
            Box::new(m20261125_000007_reblogs::Migration),
            Box::new(m20261125_000008_blocks::Migration),
            Box::new(m20261125_000009_moves::Migration),
            Box::new(m20261125_000010_bookmarks::Migration),
            Box::new(m20261125_000011_pins::Migration),
            Box::new(m20261125_000012_mutes::Migration),
            Box::new(m20261125_000013_account_domain_blocks::Migration),
            Box::new(m20261125_000014_lists::Migration),
            Box::new(m20261125_000015_followed_tags::Migration),
            Box::new(m20261125_000016_media_attachments::Migration),
            Box::new(m20261125_000017_status_edits::Migration),
            Box::new(m20261125_000018_filters::Migration),
            Box::new(m20261126_000019_search::Migration),
            Box::new(m20261126_000020_notes::Migration),
            Box::new(m20261126_000021_personal_access_tokens::Migration),
            Box::new(m20261126_000022_webhooks::Migration),
            Box::new(m20261126_000023_conversations::Migration),
            Box::new(m20261126_000024_polls::Migration),
            Box::new(m20261126_000025_thread_mutes::Migration),
            Box::new(m20261127_000026_quotes::Migration),
            Box::new(m20261127_000028_edit_media::Migration),
            // Before the key ids' migration, which tests of databases from before it roll
            // back alone; migrations are applied by name, whatever their place.
            Box::new(m20261206_000030_published_counts::Migration),
            Box::new(m20261206_000031_account_aliases::Migration),
            Box::new(m20261206_000032_custom_emojis::Migration),
            Box::new(m20261207_000033_report_rules::Migration),
            Box::new(m20261207_000034_moderation::Migration),
            Box::new(m20261207_000035_domain_block_severities::Migration),
            Box::new(m20261207_000036_appeals_announcements::Migration),
            Box::new(m20261207_000037_sign_up_moderation::Migration),
            Box::new(m20261207_000038_domain_allows::Migration),
            Box::new(m20261207_000039_sign_ins::Migration),
            Box::new(m20261207_000040_severed_follows::Migration),
            Box::new(m20261207_000041_server_figures::Migration),
            Box::new(m20261207_000042_password_resets::Migration),
            Box::new(m20261208_000043_email_confirmations::Migration),
            Box::new(m20261208_000044_two_factor::Migration),
            Box::new(m20261208_000045_session_addresses::Migration),
            Box::new(m20261206_000029_unique_key_ids::Migration),
        ]
    }
}
