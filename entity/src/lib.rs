//! Rookery's sea-orm models, one module per table.
//!
//! Models only: no logic, no serde or GraphQL derives. Only `rookery-domain`'s store reads
//! and writes them; every other crate sees domain types.

pub mod access_tokens;
pub mod account_domain_blocks;
pub mod account_strikes;
pub mod accounts;
pub mod announcement_dismissals;
pub mod announcements;
pub mod appeals;
pub mod audit_log;
pub mod blocks;
pub mod bookmarks;
pub mod conversations;
pub mod custom_emojis;
pub mod delivery_hosts;
pub mod domain_allows;
pub mod domain_blocks;
pub mod email_domain_blocks;
pub mod failed_deliveries;
pub mod favourites;
pub mod filters;
pub mod follow_requests;
pub mod followed_tags;
pub mod follows;
pub mod instance_settings;
pub mod interaction_policies;
pub mod invites;
pub mod ip_blocks;
pub mod list_accounts;
pub mod lists;
pub mod mails;
pub mod maintenance_runs;
pub mod media_attachments;
pub mod mentions;
pub mod moderator_notes;
pub mod mutes;
pub mod notifications;
pub mod outbox_activities;
pub mod poll_votes;
pub mod polls;
pub mod quotes;
pub mod received_activities;
pub mod reports;
pub mod roles;
pub mod sign_ins;
pub mod status_edits;
pub mod status_pins;
pub mod status_tags;
pub mod statuses;
pub mod tags;
pub mod thread_mutes;
pub mod users;
pub mod webhook_deliveries;
pub mod webhooks;
