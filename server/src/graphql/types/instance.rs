//! `Instance`: what clients show about this server, its rules and the limits they must
//! respect.

use async_graphql::{ComplexObject, Context, Enum, ID, Result, SimpleObject};
use rookery_domain::DomainError;
use rookery_domain::service::{accounts, instance as settings, media, rules, thumbnail};
use rookery_domain::types::{Instance, InstanceAbout, InstanceRule, RegistrationMode};

use super::AccountNode;
use super::domain_block::PublicDomainBlockNode;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "RegistrationMode")]
pub enum RegistrationModeValue {
    Open,
    /// Sign-ups wait for a moderator's approval.
    Approval,
    Closed,
}

impl From<RegistrationMode> for RegistrationModeValue {
    fn from(mode: RegistrationMode) -> Self {
        match mode {
            RegistrationMode::Open => Self::Open,
            RegistrationMode::Approval => Self::Approval,
            RegistrationMode::Closed => Self::Closed,
        }
    }
}

impl From<RegistrationModeValue> for RegistrationMode {
    fn from(value: RegistrationModeValue) -> Self {
        match value {
            RegistrationModeValue::Open => Self::Open,
            RegistrationModeValue::Approval => Self::Approval,
            RegistrationModeValue::Closed => Self::Closed,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Instance", complex)]
pub struct InstanceValue {
    pub name: String,
    pub description: String,
    /// Host and optional port.
    pub domain: String,
    pub url: String,
    pub registration_mode: RegistrationModeValue,
    /// The most characters a status (with its content warning) may have, counted as
    /// Mastodon counts them: as readers see them (grapheme clusters, so that an emoji of a
    /// family or an accented letter is one), every URL as `charactersReservedPerUrl`, and a
    /// remote mention `@user@host` as `@user`. Text of only invisible characters is empty.
    pub max_status_chars: u64,
    /// How many characters any URL counts for in a status's length.
    pub characters_reserved_per_url: u64,
    /// The most attachments a status may carry.
    pub max_media_attachments: u64,
    /// The most items one connection page may hold.
    pub max_page_size: u64,
    /// Whether a new account follows a link mailed to it before it posts, follows or
    /// messages (it can log in at once).
    pub require_email_confirmation: bool,
    pub version: String,
    /// What administrators tell of the instance, read when first asked for.
    #[graphql(skip)]
    pub about: tokio::sync::OnceCell<InstanceAbout>,
}

impl From<Instance> for InstanceValue {
    fn from(instance: Instance) -> Self {
        Self {
            url: instance.base_url.to_string(),
            name: instance.name,
            description: instance.description,
            domain: instance.domain,
            registration_mode: instance.registration_mode.into(),
            max_status_chars: instance.max_status_chars as u64,
            characters_reserved_per_url: rookery_domain::content::CHARACTERS_RESERVED_PER_URL
                as u64,
            max_media_attachments: instance.max_media_attachments as u64,
            max_page_size: rookery_domain::page::MAX_PAGE_SIZE,
            require_email_confirmation: instance.require_email_confirmation,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            about: tokio::sync::OnceCell::new(),
        }
    }
}

#[ComplexObject]
impl InstanceValue {
    /// More about the server, for /about: plain text, paragraphs split by blank lines; may
    /// be empty.
    async fn long_description(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.about(ctx).await?.long_description.clone())
    }

    /// Where to reach the administrators; empty when not given.
    async fn contact_email(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.about(ctx).await?.contact_email.clone())
    }

    /// The account to write to about this server; null when none is set.
    async fn contact_account(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let Some(id) = self.about(ctx).await?.contact_account else {
            return Ok(None);
        };
        match accounts::visible(&ctx.state().app.db, ctx.viewer(), id).await {
            Ok(account) => Ok(Some(AccountNode(account))),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(error) => Err(error).api(),
        }
    }

    /// The server's picture; null when none is set.
    async fn thumbnail(&self, ctx: &Context<'_>) -> Result<Option<InstanceThumbnailValue>> {
        let app = &ctx.state().app;
        let kept = thumbnail::get(&app.db).await.api()?;
        Ok(kept.map(|kept| InstanceThumbnailValue {
            url: media::url(app.instance(), &kept.key),
            width: kept.width,
            height: kept.height,
            blurhash: kept.blurhash,
        }))
    }

    /// The language tag signed-out readers and new accounts start with (BCP 47, e.g. `en`).
    async fn default_locale(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self.about(ctx).await?.default_locale.clone())
    }

    /// How many days the addresses people sign up and sign in from are kept for
    /// moderators; then they are forgotten.
    async fn ip_retention_days(&self, ctx: &Context<'_>) -> Result<u32> {
        Ok(self.about(ctx).await?.ip_retention_days)
    }

    /// Whether people whose role grants moderation or administration permissions must
    /// turn on two-factor sign-in before they use them.
    async fn require_staff_two_factor(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.about(ctx).await?.require_staff_two_factor)
    }

    /// The rules of this server, in order: shown at sign-up, cited by reports.
    async fn rules(&self, ctx: &Context<'_>) -> Result<Vec<InstanceRuleValue>> {
        let rules = rules::list(&ctx.state().app.db).await.api()?;
        Ok(rules.into_iter().map(InstanceRuleValue::from).collect())
    }

    /// The servers this one moderates, as anyone may read them.
    async fn domain_blocks(&self, ctx: &Context<'_>) -> Result<Vec<PublicDomainBlockNode>> {
        let blocks = rookery_domain::service::domain_blocks::public_list(&ctx.state().app.db)
            .await
            .api()?;
        Ok(blocks.into_iter().map(PublicDomainBlockNode).collect())
    }
}

impl InstanceValue {
    async fn about(&self, ctx: &Context<'_>) -> Result<&InstanceAbout> {
        self.about
            .get_or_try_init(|| async { settings::about(&ctx.state().app.db).await.api() })
            .await
    }
}

/// The picture that stands for the server: on its about page and in link previews.
#[derive(SimpleObject)]
#[graphql(name = "InstanceThumbnail")]
pub struct InstanceThumbnailValue {
    /// Where the picture is served.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// A BlurHash to show while it loads.
    pub blurhash: String,
}

/// One of the instance's rules.
#[derive(SimpleObject)]
#[graphql(name = "InstanceRule")]
pub struct InstanceRuleValue {
    pub id: ID,
    /// The rule in a line.
    pub text: String,
    /// What it means, at more length; may be empty.
    pub hint: String,
}

impl From<InstanceRule> for InstanceRuleValue {
    fn from(rule: InstanceRule) -> Self {
        Self {
            id: ids::encode(ids::RULE, rule.id.0),
            text: rule.text,
            hint: rule.hint,
        }
    }
}
