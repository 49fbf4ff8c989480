//! `Tag`, a hashtag with its page, whether the viewer follows it and its recent use.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::types::MAX_COUNT;

use crate::graphql::context::ContextExt;

/// A hashtag, by its name (lowercased, without `#`).
pub struct TagNode(pub String);

/// How much a hashtag was used on one day (UTC), as this server has seen it.
#[derive(SimpleObject)]
#[graphql(name = "TagUsage")]
pub struct TagUsageValue {
    /// The day's first instant.
    pub day: DateTime<Utc>,
    /// Public and unlisted statuses carrying the tag (boosts left out).
    pub uses: u64,
    /// Accounts that wrote them.
    pub accounts: u64,
}

/// A hashtag.
#[Object(name = "Tag")]
impl TagNode {
    /// Lowercased, without `#`.
    async fn name(&self) -> &str {
        &self.0
    }

    /// The hashtag's address on this server, as its statuses link it for other servers;
    /// its feed is at `<url>.rss`.
    async fn url(&self, ctx: &Context<'_>) -> String {
        ctx.state().app.instance().url(&format!("/tags/{}", self.0))
    }

    /// Whether the viewer follows it; false for a signed-out viewer.
    async fn following(&self, ctx: &Context<'_>) -> Result<bool> {
        match ctx
            .loaders()
            .viewer
            .as_ref()
            .map(|loaders| &loaders.followed_tags)
        {
            Some(loader) => Ok(loader.load_one(self.0.clone()).await?.unwrap_or(false)),
            None => Ok(false),
        }
    }

    /// Its use on each of the last seven days, today first.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<TagUsageValue>> {
        let loader = &ctx.loaders().tag_history;
        let days = loader.load_one(self.0.clone()).await?.unwrap_or_default();
        Ok(days
            .into_iter()
            .map(|day| TagUsageValue {
                day: day.day,
                uses: day.uses.min(MAX_COUNT),
                accounts: day.accounts.min(MAX_COUNT),
            })
            .collect())
    }
}
