//! `Report`, `ReportCategory`, `AccountAction`, `ModeratorNote`, `Notification` and
//! `NotificationType`.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::ids::AccountId;
use rookery_domain::service::{account_actions, rules};
use rookery_domain::types::{
    AccountAction, ModeratorNote, NoteSubject, Notification, NotificationKind, Report,
    ReportCategory,
};

use super::instance::InstanceRuleValue;
use super::{AccountNode, StatusNode};
use crate::graphql::context::ContextExt;
use crate::graphql::error::{ApiResult, api_error};
use crate::graphql::ids;

/// Why an account was reported.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "ReportCategory")]
pub enum ReportCategoryValue {
    Spam,
    /// Against the law.
    Legal,
    /// Against the instance's rules.
    Violation,
    Other,
}

impl From<ReportCategoryValue> for ReportCategory {
    fn from(value: ReportCategoryValue) -> Self {
        match value {
            ReportCategoryValue::Spam => Self::Spam,
            ReportCategoryValue::Legal => Self::Legal,
            ReportCategoryValue::Violation => Self::Violation,
            ReportCategoryValue::Other => Self::Other,
        }
    }
}

impl From<ReportCategory> for ReportCategoryValue {
    fn from(value: ReportCategory) -> Self {
        match value {
            ReportCategory::Spam => Self::Spam,
            ReportCategory::Legal => Self::Legal,
            ReportCategory::Violation => Self::Violation,
            ReportCategory::Other => Self::Other,
        }
    }
}

pub(crate) async fn account(ctx: &Context<'_>, id: AccountId) -> Result<AccountNode> {
    ctx.loaders()
        .accounts
        .load_one(id)
        .await?
        .map(AccountNode)
        .ok_or_else(|| {
            api_error(rookery_domain::DomainError::NotFound(
                rookery_domain::ids::Kind::Account,
            ))
        })
}

pub struct ReportNode(pub Report);

/// An account reported to the moderators, here or by another server.
#[Object(name = "Report")]
impl ReportNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::REPORT, self.0.id.0)
    }

    /// Who reported: a local account, or another server's actor.
    async fn reporter(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        account(ctx, self.0.reporter).await
    }

    /// The account reported.
    async fn account(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        account(ctx, self.0.target).await
    }

    /// The statuses reported that still exist, whoever may see them otherwise.
    async fn statuses(&self, ctx: &Context<'_>) -> Result<Vec<StatusNode>> {
        let viewer = ctx.require_viewer()?;
        let found =
            account_actions::statuses_under_review(&ctx.state().app.db, viewer, &self.0.statuses)
                .await
                .api()?;
        Ok(found.into_iter().map(StatusNode).collect())
    }

    async fn comment(&self) -> &str {
        &self.0.comment
    }

    async fn category(&self) -> ReportCategoryValue {
        self.0.category.into()
    }

    /// The instance's rules it says were broken, those still kept, in the instance's order.
    async fn rules(&self, ctx: &Context<'_>) -> Result<Vec<InstanceRuleValue>> {
        // Most reports cite none: a list of them reads the instance's rules only for those.
        if self.0.rules.is_empty() {
            return Ok(Vec::new());
        }
        let rules = rules::list(&ctx.state().app.db).await.api()?;
        Ok(rules
            .into_iter()
            .filter(|rule| self.0.rules.contains(&rule.id))
            .map(InstanceRuleValue::from)
            .collect())
    }

    /// Whether it came from another server (a `Flag`).
    async fn remote(&self) -> bool {
        self.0.ap_id.is_some()
    }

    /// Whether the reporter asked that the reported account's server be told.
    async fn forward(&self) -> bool {
        self.0.forward
    }

    async fn forwarded_at(&self) -> Option<DateTime<Utc>> {
        self.0.forwarded_at
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.0.resolved_at
    }

    /// The moderator who took it on.
    async fn assigned_to(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        match self.0.assigned_to {
            Some(id) => account(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }

    /// Moderators' notes on it, oldest first.
    async fn notes(&self, ctx: &Context<'_>) -> Result<Vec<ModeratorNoteNode>> {
        let viewer = ctx.require_viewer()?;
        let notes =
            account_actions::notes(&ctx.state().app.db, viewer, NoteSubject::Report(self.0.id))
                .await
                .api()?;
        Ok(notes.into_iter().map(ModeratorNoteNode).collect())
    }

    /// The action taken when it was resolved; null when dismissed or open.
    async fn action_taken(&self) -> Option<AccountActionValue> {
        self.0.action_taken.map(AccountActionValue::from)
    }

    async fn resolved_by(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        match self.0.resolved_by {
            Some(id) => account(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }
}

/// What a notification is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "NotificationType")]
pub enum NotificationTypeValue {
    /// A status mentions the viewer.
    Mention,
    /// Someone follows the viewer.
    Follow,
    /// Someone asks to follow the viewer.
    FollowRequest,
    /// Someone liked the viewer's status.
    Favourite,
    /// Someone boosted the viewer's status.
    Reblog,
    /// For moderators: a report was filed.
    AdminReport,
    /// A status the viewer boosted or quoted was edited.
    Update,
    /// A poll the viewer voted in, or wrote, has ended.
    Poll,
    /// Someone quoted the viewer's status (the notification's status is the quote post).
    Quote,
    /// A moderator acted on the viewer's account: see `strikes`.
    ModerationWarning,
    /// A report the viewer filed was acted on (its account is the one reported).
    ReportResolved,
}

impl From<NotificationKind> for NotificationTypeValue {
    fn from(value: NotificationKind) -> Self {
        match value {
            NotificationKind::Mention => Self::Mention,
            NotificationKind::Follow => Self::Follow,
            NotificationKind::FollowRequest => Self::FollowRequest,
            NotificationKind::Favourite => Self::Favourite,
            NotificationKind::Reblog => Self::Reblog,
            NotificationKind::AdminReport => Self::AdminReport,
            NotificationKind::Update => Self::Update,
            NotificationKind::Poll => Self::Poll,
            NotificationKind::Quote => Self::Quote,
            NotificationKind::ModerationWarning => Self::ModerationWarning,
            NotificationKind::ReportResolved => Self::ReportResolved,
        }
    }
}

impl From<NotificationTypeValue> for NotificationKind {
    fn from(value: NotificationTypeValue) -> Self {
        match value {
            NotificationTypeValue::Mention => Self::Mention,
            NotificationTypeValue::Follow => Self::Follow,
            NotificationTypeValue::FollowRequest => Self::FollowRequest,
            NotificationTypeValue::Favourite => Self::Favourite,
            NotificationTypeValue::Reblog => Self::Reblog,
            NotificationTypeValue::AdminReport => Self::AdminReport,
            NotificationTypeValue::Update => Self::Update,
            NotificationTypeValue::Poll => Self::Poll,
            NotificationTypeValue::Quote => Self::Quote,
            NotificationTypeValue::ModerationWarning => Self::ModerationWarning,
            NotificationTypeValue::ReportResolved => Self::ReportResolved,
        }
    }
}

pub struct NotificationNode(pub Notification);

/// Something the viewer is told of.
#[Object(name = "Notification")]
impl NotificationNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::NOTIFICATION, self.0.id.0)
    }

    #[graphql(name = "type")]
    async fn kind(&self) -> NotificationTypeValue {
        self.0.kind.into()
    }

    /// The account that caused it.
    async fn account(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        match self.0.from {
            Some(id) => account(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }

    /// The status, for mentions, favourites and boosts, while the viewer may see it.
    async fn status(&self, ctx: &Context<'_>) -> Result<Option<StatusNode>> {
        let Some(id) = self.0.status else {
            return Ok(None);
        };
        let loader = &ctx.loaders().statuses;
        Ok(loader.load_one(id).await?.flatten().map(StatusNode))
    }

    /// The report, for `ADMIN_REPORT`; only moderators see reports.
    async fn report(&self, ctx: &Context<'_>) -> Result<Option<ReportNode>> {
        let Some(id) = self.0.report else {
            return Ok(None);
        };
        use crate::graphql::context::ContextExt;
        let viewer = ctx.require_viewer()?;
        rookery_domain::service::reports::get(&ctx.state().app.db, viewer, id)
            .await
            .map(|report| Some(ReportNode(report)))
            .map_err(api_error)
    }

    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// What a moderator does to an account.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "AccountAction")]
pub enum AccountActionValue {
    /// A strike, with no restriction.
    Warn,
    /// Its media is marked sensitive from now on.
    Sensitive,
    /// A local account cannot sign in; its sessions and tokens end.
    Disable,
    /// Its posts reach its followers only (Mastodon's silence).
    Limit,
    /// Its profile and posts are hidden from everyone; data kept 30 days.
    Suspend,
}

impl From<AccountAction> for AccountActionValue {
    fn from(value: AccountAction) -> Self {
        match value {
            AccountAction::Warn => Self::Warn,
            AccountAction::Sensitive => Self::Sensitive,
            AccountAction::Disable => Self::Disable,
            AccountAction::Limit => Self::Limit,
            AccountAction::Suspend => Self::Suspend,
        }
    }
}

impl From<AccountActionValue> for AccountAction {
    fn from(value: AccountActionValue) -> Self {
        match value {
            AccountActionValue::Warn => Self::Warn,
            AccountActionValue::Sensitive => Self::Sensitive,
            AccountActionValue::Disable => Self::Disable,
            AccountActionValue::Limit => Self::Limit,
            AccountActionValue::Suspend => Self::Suspend,
        }
    }
}

pub struct ModeratorNoteNode(pub ModeratorNote);

/// An internal note by a moderator, on an account or a report.
#[Object(name = "ModeratorNote")]
impl ModeratorNoteNode {
    async fn id(&self) -> ID {
        ids::encode(ids::MODERATOR_NOTE, self.0.id.0)
    }

    async fn author(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        account(ctx, self.0.author).await
    }

    async fn text(&self) -> &str {
        &self.0.text
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
