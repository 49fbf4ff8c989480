//! `Account`, `ProfileField` and `Relationship`.

use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::types::{Account, ProfileField, Relationship};

use rookery_domain::service::{custom_emojis, media};

use crate::graphql::context::ContextExt;
use crate::graphql::error::api_error;
use crate::graphql::ids;
use crate::graphql::types::StatusNode;
use crate::graphql::types::emoji::{self, CustomEmojiNode};

pub struct AccountNode(pub Account);

/// One name/value pair shown on a profile.
#[derive(SimpleObject)]
#[graphql(name = "ProfileField")]
pub struct ProfileFieldValue {
    pub name: String,
    /// The value as text: as its owner typed it (local accounts), or what a reader sees of
    /// its HTML (remote ones).
    pub value: String,
    /// The value as sanitised HTML, its links and mentions linked: what to show.
    pub value_html: String,
    /// When the page the value links to was found linking back to the account with
    /// `rel="me"`; null when it was not (or not yet), and for remote accounts.
    pub verified_at: Option<DateTime<Utc>>,
}

impl From<&ProfileField> for ProfileFieldValue {
    fn from(field: &ProfileField) -> Self {
        Self {
            name: field.name.clone(),
            value: field.value.clone(),
            value_html: field.value_html.clone(),
            verified_at: field.verified_at,
        }
    }
}

/// How the viewer and an account are related.
#[derive(SimpleObject)]
#[graphql(name = "Relationship")]
pub struct RelationshipValue {
    /// The viewer follows the account.
    pub following: bool,
    /// The account follows the viewer.
    pub followed_by: bool,
    /// The viewer asked to follow and waits for an answer.
    pub requested: bool,
    /// The viewer blocks the account.
    pub blocking: bool,
    /// The account blocks the viewer.
    pub blocked_by: bool,
    /// The viewer mutes the account.
    pub muting: bool,
    /// The viewer mutes the account's notifications too.
    pub muting_notifications: bool,
    /// When the viewer's mute of the account ends by itself; null for a mute without end
    /// (or no mute).
    pub muting_ends_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<Relationship> for RelationshipValue {
    fn from(r: Relationship) -> Self {
        Self {
            following: r.following,
            followed_by: r.followed_by,
            requested: r.requested,
            blocking: r.blocking,
            blocked_by: r.blocked_by,
            muting: r.muting,
            muting_notifications: r.muting_notifications,
            muting_ends_at: r.muting_ends_at,
        }
    }
}

/// A local or remote account.
#[Object(name = "Account")]
impl AccountNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::ACCOUNT, self.0.id.0)
    }

    async fn username(&self) -> &str {
        &self.0.username
    }

    /// The account's server; null for local accounts.
    async fn domain(&self) -> Option<&str> {
        self.0.domain.as_deref()
    }

    /// `username` for local accounts, `username@domain` for remote ones.
    async fn acct(&self) -> String {
        self.0.acct()
    }

    async fn local(&self) -> bool {
        self.0.is_local()
    }

    async fn display_name(&self) -> &str {
        &self.0.display_name
    }

    /// The bio, as sanitised HTML.
    async fn note(&self) -> &str {
        &self.0.note_html
    }

    /// The bio as written; only for the account itself.
    async fn note_source(&self, ctx: &Context<'_>) -> Option<&str> {
        (ctx.viewer_id() == Some(self.0.id)).then_some(self.0.note_source.as_str())
    }

    async fn fields(&self) -> Vec<ProfileFieldValue> {
        self.0.fields.iter().map(ProfileFieldValue::from).collect()
    }

    /// The custom emoji its display name, bio and fields use, as this server keeps them
    /// (one not copied here yet is left out).
    async fn emojis(&self, ctx: &Context<'_>) -> Result<Vec<CustomEmojiNode>> {
        let account = &self.0;
        let texts = [account.display_name.as_str(), account.note_html.as_str()]
            .into_iter()
            .chain(
                account
                    .fields
                    .iter()
                    .flat_map(|f| [f.name.as_str(), f.value.as_str()]),
            );
        let used = custom_emojis::used_in(&ctx.state().app.db, account.domain.as_deref(), texts)
            .await
            .map_err(api_error)?;
        Ok(emoji::shown(used))
    }

    /// The avatar's URL, when there is one.
    async fn avatar_url(&self, ctx: &Context<'_>) -> Option<String> {
        let reference = self.0.avatar_ref.as_deref()?;
        Some(media::picture_url(ctx.state().app.instance(), reference))
    }

    /// The header picture's URL, when there is one.
    async fn header_url(&self, ctx: &Context<'_>) -> Option<String> {
        let reference = self.0.header_ref.as_deref()?;
        Some(media::picture_url(ctx.state().app.instance(), reference))
    }

    /// Follows need the account's approval.
    async fn locked(&self) -> bool {
        self.0.locked
    }

    async fn bot(&self) -> bool {
        self.0.bot
    }

    /// The account this one moved to, when its server said so.
    async fn moved_to(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let Some(target) = self.0.moved_to else {
            return Ok(None);
        };
        let loader = &ctx.loaders().accounts;
        Ok(loader.load_one(target).await?.map(AccountNode))
    }

    /// The actor ids of the accounts a local account names as its earlier selves
    /// (`alsoKnownAs`, set with `updateProfile`); empty for remote accounts.
    async fn also_known_as(&self) -> &[String] {
        &self.0.also_known_as
    }

    /// The statuses it pinned that the viewer may see, the latest pinned first.
    #[graphql(complexity = "crate::graphql::limits::PIN_ITEMS * child_complexity")]
    async fn pinned_statuses(&self, ctx: &Context<'_>) -> Result<Vec<StatusNode>> {
        let loader = &ctx.loaders().pins;
        let pinned = loader.load_one(self.0.id).await?.unwrap_or_default();
        Ok(pinned.into_iter().map(StatusNode).collect())
    }

    async fn discoverable(&self) -> bool {
        self.0.discoverable
    }

    /// Whether others may find its statuses by searching for their words.
    async fn indexable(&self) -> bool {
        self.0.indexable
    }

    /// The profile page.
    async fn url(&self) -> &str {
        &self.0.url
    }

    /// The ActivityPub actor id.
    async fn uri(&self) -> &str {
        &self.0.actor_id
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn statuses_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.counts(ctx).await?.statuses)
    }

    async fn followers_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.counts(ctx).await?.followers)
    }

    async fn following_count(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.counts(ctx).await?.following)
    }

    /// How the viewer relates to this account; null when anonymous or for oneself.
    async fn relationship(&self, ctx: &Context<'_>) -> Result<Option<RelationshipValue>> {
        let Some(loaders) = ctx.loaders().viewer.as_ref() else {
            return Ok(None);
        };
        if ctx.viewer_id().is_none_or(|viewer| viewer == self.0.id) {
            return Ok(None);
        }
        let loader = &loaders.relationships;
        Ok(Some(
            loader.load_one(self.0.id).await?.unwrap_or_default().into(),
        ))
    }
}

impl AccountNode {
    async fn counts(
        &self,
        ctx: &Context<'_>,
    ) -> Result<rookery_domain::service::accounts::AccountCounts> {
        let loader = &ctx.loaders().account_counts;
        Ok(loader.load_one(self.0.id).await?.unwrap_or_default())
    }
}
