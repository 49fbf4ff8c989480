//! The mutation root, merged from one object per area. Each mutation takes one `…Input`
//! and returns a `…Payload`.

mod access_tokens;
mod admin;
mod announcements;
mod appeals;
mod auth;
mod conversations;
mod email_addresses;
mod emojis;
mod federation;
mod filters;
mod follows;
mod jobs;
mod lists;
mod media;
mod moderation;
mod passwords;
mod polls;
mod profile;
mod setup;
mod sign_ups;
mod statuses;
mod two_factor;
mod webhooks;

#[derive(async_graphql::MergedObject, Default)]
pub struct Mutation(
    auth::AuthMutation,
    passwords::PasswordMutation,
    email_addresses::EmailAddressMutation,
    two_factor::TwoFactorMutation,
    access_tokens::AccessTokenMutation,
    webhooks::WebhookMutation,
    statuses::StatusMutation,
    polls::PollMutation,
    follows::FollowMutation,
    lists::ListMutation,
    conversations::ConversationMutation,
    filters::FilterMutation,
    media::MediaMutation,
    emojis::EmojiMutation,
    profile::ProfileMutation,
    profile::MoveMutation,
    jobs::JobMutation,
    moderation::ModerationMutation,
    admin::AdminMutation,
    appeals::AppealMutation,
    announcements::AnnouncementMutation,
    sign_ups::SignUpMutation,
    federation::FederationMutation,
    setup::SetupMutation,
);
