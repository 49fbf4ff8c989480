//! The query root, merged from one object per area.

mod access_tokens;
mod accounts;
mod filters;
mod follows;
mod instance;
mod jobs;
mod lists;
mod media;
mod moderation;
mod node;
mod statuses;
mod timelines;
mod webhooks;

#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    accounts::AccountQuery,
    statuses::StatusQuery,
    timelines::TimelineQuery,
    follows::FollowQuery,
    lists::ListQuery,
    filters::FilterQuery,
    access_tokens::AccessTokenQuery,
    webhooks::WebhookQuery,
    media::MediaQuery,
    instance::InstanceQuery,
    jobs::JobQuery,
    moderation::ModerationQuery,
);
