//! The mutation root, merged from one object per area. Each mutation takes one `…Input`
//! and returns a `…Payload`.

mod access_tokens;
mod admin;
mod announcements;
mod appeals;
mod auth;
mod conversations;
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
mod webhooks;

#[derive(async_graphql::MergedObject, Default)]
pub struct Mutation(
    auth::AuthMutation,
    passwords::PasswordMutation,
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
