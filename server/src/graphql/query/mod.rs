//! The query root, merged from one object per area.

mod accounts;
mod filters;
mod follows;
mod instance;
mod jobs;
mod lists;
mod media;
mod moderation;
mod node;
mod notes;
mod statuses;
mod timelines;

#[derive(async_graphql::MergedObject, Default)]
pub struct Query(
    node::NodeQuery,
    accounts::AccountQuery,
    statuses::StatusQuery,
    timelines::TimelineQuery,
    notes::NoteQuery,
    follows::FollowQuery,
    lists::ListQuery,
    filters::FilterQuery,
    media::MediaQuery,
    instance::InstanceQuery,
    jobs::JobQuery,
    moderation::ModerationQuery,
);
