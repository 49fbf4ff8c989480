//! `Status`, `Visibility` and `Thread`.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use async_graphql::connection::Connection;
use async_graphql::dataloader::Loader;
use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::DomainError;
use rookery_domain::ids::{Kind, StatusId};
use rookery_domain::page::Page;
use rookery_domain::service::custom_emojis;
use rookery_domain::service::statuses::VersionWithMedia;
use rookery_domain::types::{Status, StatusStats, Visibility};

use super::emoji::{self, CustomEmojiNode};
use super::filter::{FilterContextValue, FilterResultValue};
use super::quote::InteractionPolicyValue;
use super::{AccountNode, MediaNode, PollNode, QuoteNode};
use crate::graphql::connection::connection;
use crate::graphql::context::ContextExt;
use crate::graphql::error::api_error;
use crate::graphql::ids;
use crate::graphql::loaders::{
    AccountLoader, LoaderOf, Loaders, MediaLoader, StatusLoader, StatusStatsLoader,
};
use rookery_domain::service::policies::Permissions;
use rookery_domain::types::PolicySubject;

pub struct StatusNode(pub Status);

/// A connection over a page of statuses. What the query asks of them is read ahead for the
/// whole page at once and kept in the request's loaders, so that their fields resolve from
/// it with no batch window: first the statuses they boost and reply to, then, side by side,
/// the authors, counts and the viewer's state, and pictures of all of them, and the
/// statuses the boosted ones reply to.
pub async fn status_connection(
    ctx: &Context<'_>,
    page: Page<Status>,
) -> Result<Connection<String, StatusNode>> {
    let node = ctx.look_ahead().field("edges").field("node");
    let asked = |field: &str| {
        node.field(field).exists()
            || node.field("reblog").field(field).exists()
            || node.field("inReplyTo").field(field).exists()
    };
    let boosted = node.field("reblog").exists();
    let parents = asked("inReplyTo");
    let related: HashSet<StatusId> = page
        .items
        .iter()
        .flat_map(|(_, s)| {
            let boost = s.reblog_of_id.filter(|_| boosted);
            let parent = s.in_reply_to_id.filter(|_| parents);
            boost.into_iter().chain(parent)
        })
        .collect();
    let related = read_ahead::<StatusLoader, _>(ctx, related).await?;
    let statuses: Vec<&Status> = page
        .items
        .iter()
        .map(|(_, s)| s)
        .chain(related.values().flatten())
        .collect();
    let ids: HashSet<StatusId> = statuses.iter().map(|s| s.id).collect();
    let authors = async {
        if asked("author") {
            read_ahead::<AccountLoader, _>(ctx, statuses.iter().map(|s| s.account_id)).await?;
        }
        Ok::<_, async_graphql::Error>(())
    };
    let stats = async {
        let counted = [
            "repliesCount",
            "reblogsCount",
            "favouritesCount",
            "favourited",
            "reblogged",
        ];
        if counted.into_iter().any(asked) {
            read_ahead_all::<StatusStatsLoader, _>(ctx, ids.clone()).await?;
        }
        Ok(())
    };
    let media = async {
        if asked("mediaAttachments") {
            read_ahead_all::<MediaLoader, _>(ctx, ids.clone()).await?;
        }
        Ok(())
    };
    // The statuses boosted ones reply to: only their ids are usually asked for.
    let boosted_parents = async {
        if node.field("reblog").field("inReplyTo").exists() {
            let parents = page
                .items
                .iter()
                .filter_map(|(_, s)| related.get(&s.reblog_of_id?)?.as_ref()?.in_reply_to_id)
                .filter(|id| !related.contains_key(id));
            read_ahead::<StatusLoader, _>(ctx, parents).await?;
        }
        Ok(())
    };
    futures::try_join!(authors, stats, media, boosted_parents)?;
    Ok(connection(page, StatusNode))
}

/// Reads `keys` at once through the loader's own batch and keeps what it found in the
/// request's cache of it.
async fn read_ahead<T, K>(
    ctx: &Context<'_>,
    keys: impl IntoIterator<Item = K>,
) -> Result<HashMap<K, T::Value>>
where
    T: Loader<K, Error = async_graphql::Error>,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Loaders: LoaderOf<T>,
{
    let keys: Vec<K> = keys
        .into_iter()
        .collect::<HashSet<K>>()
        .into_iter()
        .collect();
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    let loader = ctx.loaders().loader_of();
    let found = loader.loader().load(&keys).await?;
    loader.feed_many(found.clone()).await;
    Ok(found)
}

/// [`read_ahead`] for values that have an empty default (no pictures, no favourites): a
/// key with nothing found is kept as that, so that its field asks nothing again.
async fn read_ahead_all<T, K>(ctx: &Context<'_>, keys: HashSet<K>) -> Result<()>
where
    T: Loader<K, Error = async_graphql::Error>,
    T::Value: Default,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Loaders: LoaderOf<T>,
{
    if keys.is_empty() {
        return Ok(());
    }
    let keys: Vec<K> = keys.into_iter().collect();
    let loader = ctx.loaders().loader_of();
    let mut found = loader.loader().load(&keys).await?;
    for key in keys {
        found.entry(key).or_default();
    }
    loader.feed_many(found).await;
    Ok(())
}

impl StatusNode {
    /// Its counts and what the viewer did to it.
    async fn stats(&self, ctx: &Context<'_>) -> Result<StatusStats> {
        let loader = &ctx.loaders().status_stats;
        Ok(loader.load_one(self.0.id).await?.unwrap_or_default())
    }

    /// Its interaction policy and what the viewer may do under it.
    async fn permissions(&self, ctx: &Context<'_>) -> Result<Permissions> {
        let loader = &ctx.loaders().permissions;
        loader
            .load_one(PolicySubject::from(&self.0))
            .await?
            .ok_or_else(|| {
                api_error(rookery_domain::DomainError::Internal(format!(
                    "no policy read for status {}",
                    self.0.id
                )))
            })
    }
}

/// One version of a status's text and attachments.
#[derive(SimpleObject)]
#[graphql(name = "StatusVersion")]
pub struct StatusVersionValue {
    /// HTML.
    pub content: String,
    pub content_warning: String,
    pub sensitive: bool,
    /// The pictures this version had, in order.
    pub media_attachments: Vec<MediaNode>,
    /// When this version was written.
    pub created_at: DateTime<Utc>,
}

impl From<VersionWithMedia> for StatusVersionValue {
    fn from((version, media): VersionWithMedia) -> Self {
        Self {
            content: version.content_html,
            content_warning: version.content_warning,
            sensitive: version.sensitive,
            media_attachments: media.into_iter().map(MediaNode).collect(),
            created_at: version.created_at,
        }
    }
}

/// Who may see a status.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Visibility")]
pub enum VisibilityValue {
    /// Everyone, and listed on the public timelines.
    Public,
    /// Everyone, but kept off the public timelines.
    Unlisted,
    /// The author's followers and the mentioned.
    Followers,
    /// The mentioned only.
    Direct,
    /// The author alone: a note to oneself, never sent to other servers.
    Private,
    /// Signed-in accounts of this instance; never sent to other servers.
    Local,
}

impl From<VisibilityValue> for Visibility {
    fn from(value: VisibilityValue) -> Self {
        match value {
            VisibilityValue::Public => Self::Public,
            VisibilityValue::Unlisted => Self::Unlisted,
            VisibilityValue::Followers => Self::Followers,
            VisibilityValue::Direct => Self::Direct,
            VisibilityValue::Private => Self::Private,
            VisibilityValue::Local => Self::Local,
        }
    }
}

impl From<Visibility> for VisibilityValue {
    fn from(value: Visibility) -> Self {
        match value {
            Visibility::Public => Self::Public,
            Visibility::Unlisted => Self::Unlisted,
            Visibility::Followers => Self::Followers,
            Visibility::Direct => Self::Direct,
            Visibility::Private => Self::Private,
            Visibility::Local => Self::Local,
        }
    }
}

/// A post. A deleted one stays as a tombstone where replies point at it: `deleted` is true
/// and its text is gone.
#[Object(name = "Status")]
impl StatusNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::STATUS, self.0.id.0)
    }

    /// The ActivityPub object id.
    async fn uri(&self) -> &str {
        &self.0.ap_id
    }

    /// The status's web page.
    async fn url(&self) -> &str {
        &self.0.url
    }

    async fn author(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        let loader = &ctx.loaders().accounts;
        loader
            .load_one(self.0.account_id)
            .await?
            .map(AccountNode)
            .ok_or_else(|| {
                api_error(rookery_domain::DomainError::Internal(format!(
                    "status {} has no author",
                    self.0.id
                )))
            })
    }

    /// The text as sanitised HTML.
    async fn content(&self) -> &str {
        &self.0.content_html
    }

    /// The text as written (Markdown); only for the author.
    async fn source(&self, ctx: &Context<'_>) -> Option<&str> {
        (ctx.viewer_id() == Some(self.0.account_id)).then_some(self.0.source.as_str())
    }

    async fn content_warning(&self) -> &str {
        &self.0.content_warning
    }

    async fn sensitive(&self) -> bool {
        self.0.sensitive
    }

    async fn visibility(&self) -> VisibilityValue {
        self.0.visibility.into()
    }

    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    async fn local(&self) -> bool {
        self.0.local
    }

    /// The status this one replies to, when the viewer may see it.
    async fn in_reply_to(&self, ctx: &Context<'_>) -> Result<Option<StatusNode>> {
        let Some(parent) = self.0.in_reply_to_id else {
            return Ok(None);
        };
        let loader = &ctx.loaders().statuses;
        Ok(loader.load_one(parent).await?.flatten().map(StatusNode))
    }

    async fn replies_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.stats(ctx).await?.replies)
    }

    /// For a boost: the status boosted (the boost itself has no text).
    async fn reblog(&self, ctx: &Context<'_>) -> Result<Option<StatusNode>> {
        let Some(original) = self.0.reblog_of_id else {
            return Ok(None);
        };
        let loader = &ctx.loaders().statuses;
        Ok(loader.load_one(original).await?.flatten().map(StatusNode))
    }

    async fn reblogs_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.stats(ctx).await?.reblogs)
    }

    /// Whether the viewer boosted it; false for anonymous readers.
    async fn reblogged(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.stats(ctx).await?.reblogged)
    }

    async fn favourites_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.stats(ctx).await?.favourites)
    }

    /// Whether the viewer likes it; false for anonymous readers.
    async fn favourited(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.stats(ctx).await?.favourited)
    }

    /// Whether its author pinned it to their profile.
    async fn pinned(&self, ctx: &Context<'_>) -> Result<bool> {
        let loader = &ctx.loaders().pinned;
        Ok(loader.load_one(self.0.id).await?.unwrap_or(false))
    }

    /// Whether its author archived it (out of every timeline, still there by id); only the
    /// author learns it, others always read false.
    async fn archived(&self, ctx: &Context<'_>) -> bool {
        ctx.viewer_id() == Some(self.0.account_id) && self.0.archived_at.is_some()
    }

    /// Whether the viewer muted its conversation; false for anonymous readers.
    async fn muted(&self, ctx: &Context<'_>) -> Result<bool> {
        match ctx
            .loaders()
            .viewer
            .as_ref()
            .map(|loaders| &loaders.thread_muted)
        {
            Some(loader) => Ok(loader.load_one(self.0.thread_id).await?.unwrap_or(false)),
            None => Ok(false),
        }
    }

    /// Whether the viewer bookmarked it; false for anonymous readers.
    async fn bookmarked(&self, ctx: &Context<'_>) -> Result<bool> {
        match ctx
            .loaders()
            .viewer
            .as_ref()
            .map(|loaders| &loaders.bookmarked)
        {
            Some(loader) => Ok(loader.load_one(self.0.id).await?.unwrap_or(false)),
            None => Ok(false),
        }
    }

    async fn mentions(&self, ctx: &Context<'_>) -> Result<Vec<AccountNode>> {
        let loader = &ctx.loaders().mentions;
        let accounts = loader.load_one(self.0.id).await?.unwrap_or_default();
        Ok(accounts.into_iter().map(AccountNode).collect())
    }

    /// The viewer's filters this status matches in `context` (a client shows a warning for
    /// `WARN` ones; `HIDE` ones leave it out of timelines already).
    async fn filtered(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "FilterContextValue::Home")] context: FilterContextValue,
    ) -> Result<Vec<FilterResultValue>> {
        let Some(loader) = ctx
            .loaders()
            .viewer
            .as_ref()
            .map(|loaders| &loaders.filters)
        else {
            return Ok(Vec::new());
        };
        let filters = loader.load_one(context.into()).await?.unwrap_or_default();
        Ok(filters
            .matches(&self.0)
            .into_iter()
            .map(FilterResultValue::from)
            .collect())
    }

    /// Every version of the text and attachments, oldest first; the last is the current
    /// one.
    #[graphql(complexity = "crate::graphql::limits::EDIT_ITEMS * child_complexity")]
    async fn edits(&self, ctx: &Context<'_>) -> Result<Vec<StatusVersionValue>> {
        let loader = &ctx.loaders().edits;
        let versions = loader
            .load_one(self.0.id)
            .await?
            .ok_or_else(|| api_error(DomainError::NotFound(Kind::Status)))?;
        Ok(versions.into_iter().map(StatusVersionValue::from).collect())
    }

    /// The custom emoji its text and content warning use, as this server keeps them (one
    /// not copied here yet is left out).
    async fn emojis(&self, ctx: &Context<'_>) -> Result<Vec<CustomEmojiNode>> {
        let texts = [
            self.0.content_html.as_str(),
            self.0.content_warning.as_str(),
        ];
        if custom_emojis::shortcodes_in(texts).is_empty() {
            return Ok(Vec::new());
        }
        let author = self.author(ctx).await?;
        let used = custom_emojis::used_in(&ctx.state().app.db, author.0.domain.as_deref(), texts)
            .await
            .map_err(api_error)?;
        Ok(emoji::shown(used))
    }

    /// Pictures, in the order their author gave.
    async fn media_attachments(&self, ctx: &Context<'_>) -> Result<Vec<MediaNode>> {
        let loader = &ctx.loaders().media;
        let media = loader.load_one(self.0.id).await?.unwrap_or_default();
        Ok(media.into_iter().map(MediaNode).collect())
    }

    /// Its poll, when it has one.
    async fn poll(&self, ctx: &Context<'_>) -> Result<Option<PollNode>> {
        let loader = &ctx.loaders().polls;
        Ok(loader.load_one(self.0.id).await?.map(PollNode))
    }

    /// What it quotes, when it is a quote post; the quoted status shows only through an
    /// accepted quote, to a viewer who may see it.
    async fn quote(&self, ctx: &Context<'_>) -> Result<Option<QuoteNode>> {
        let loader = &ctx.loaders().quotes;
        Ok(loader.load_one(self.0.id).await?.map(QuoteNode))
    }

    /// How many posts quote it with its author's leave.
    async fn quotes_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let loader = &ctx.loaders().quote_counts;
        Ok(loader.load_one(self.0.id).await?.unwrap_or(0))
    }

    /// Who may quote, reply to and boost it.
    async fn interaction_policy(&self, ctx: &Context<'_>) -> Result<InteractionPolicyValue> {
        Ok(self.permissions(ctx).await?.policy.into())
    }

    /// Whether the viewer may quote it (`createStatus(input: {quoteOfId})`); false for
    /// anonymous readers. Quoting another server's status asks its author, who may refuse.
    async fn viewer_can_quote(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(!self.0.is_deleted() && self.permissions(ctx).await?.quote)
    }

    /// Whether the viewer may reply to it; false for anonymous readers.
    async fn viewer_can_reply(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(!self.0.is_deleted() && self.permissions(ctx).await?.reply)
    }

    /// Whether the viewer may boost it; false for anonymous readers.
    async fn viewer_can_boost(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(!self.0.is_deleted() && self.permissions(ctx).await?.boost)
    }

    /// Hashtags, lowercased, without `#`.
    async fn tags(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let loader = &ctx.loaders().hashtags;
        Ok(loader.load_one(self.0.id).await?.unwrap_or_default())
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn edited_at(&self) -> Option<DateTime<Utc>> {
        self.0.edited_at
    }

    async fn deleted(&self) -> bool {
        self.0.is_deleted()
    }

    async fn deleted_at(&self) -> Option<DateTime<Utc>> {
        self.0.deleted_at
    }
}

/// A status in its conversation.
#[derive(SimpleObject)]
pub struct Thread {
    /// From the root down to the status's parent; deleted ones as tombstones.
    pub ancestors: Vec<StatusNode>,
    pub status: StatusNode,
    /// Replies, depth first in the order they were written; deleted ones as tombstones
    /// where live replies hang below them.
    pub descendants: Vec<StatusNode>,
}
