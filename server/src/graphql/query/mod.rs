//! The query root, merged from one object per area.

mod access_tokens;
pub(crate) mod accounts;
mod admin;
mod announcements;
mod appeals;
mod conversations;
mod email_address;
mod emojis;
mod federation;
mod filters;
mod follows;
mod instance;
mod jobs;
mod lists;
mod media;
mod moderation;
mod node;
mod notes;
mod search;
mod sessions;
mod sign_ups;
mod statuses;
mod timelines;
mod two_factor;
mod webhooks;

#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    accounts::AccountQuery,
    statuses::StatusQuery,
    timelines::TimelineQuery,
    search::SearchQuery,
    notes::NoteQuery,
    follows::FollowQuery,
    lists::ListQuery,
    conversations::ConversationQuery,
    filters::FilterQuery,
    access_tokens::AccessTokenQuery,
    sessions::SessionQuery,
    email_address::EmailAddressQuery,
    two_factor::TwoFactorQuery,
    webhooks::WebhookQuery,
    media::MediaQuery,
    emojis::EmojiQuery,
    instance::InstanceQuery,
    jobs::JobQuery,
    moderation::ModerationQuery,
    admin::AdminQuery,
    appeals::AppealQuery,
    announcements::AnnouncementQuery,
    sign_ups::SignUpQuery,
    federation::FederationQuery,
);
