//! What moderators and administrators read: `Role`, `Permission`, `AdminAccount` and
//! `AuditEntry`.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::service::account_actions::{self, AdminAccount};
use rookery_domain::service::sign_ups;
use rookery_domain::types::{AuditEntry, NoteSubject, Permission, Permissions, Role};

use super::moderation::{ModeratorNoteNode, account};
use super::strike::StrikeNode;
use super::{AccountNode, ReportNode};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

/// What a role lets its holders do.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Permission")]
pub enum PermissionValue {
    ManageReports,
    ManageUsers,
    ManageFederation,
    ManageSettings,
    ManageRules,
    /// Roles below one's own position only.
    ManageRoles,
    ViewAuditLog,
    ManageInvites,
    ManageAnnouncements,
    ManageWebhooks,
    ViewDashboard,
    ManageAppeals,
    DeleteUserData,
    InviteUsers,
    ManageCustomEmojis,
    /// The job queues: failed jobs and retries.
    ManageJobs,
    /// Email-domain and IP blocks.
    ManageBlocks,
}

impl From<Permission> for PermissionValue {
    fn from(value: Permission) -> Self {
        match value {
            Permission::ManageReports => Self::ManageReports,
            Permission::ManageUsers => Self::ManageUsers,
            Permission::ManageFederation => Self::ManageFederation,
            Permission::ManageSettings => Self::ManageSettings,
            Permission::ManageRules => Self::ManageRules,
            Permission::ManageRoles => Self::ManageRoles,
            Permission::ViewAuditLog => Self::ViewAuditLog,
            Permission::ManageInvites => Self::ManageInvites,
            Permission::ManageAnnouncements => Self::ManageAnnouncements,
            Permission::ManageWebhooks => Self::ManageWebhooks,
            Permission::ViewDashboard => Self::ViewDashboard,
            Permission::ManageAppeals => Self::ManageAppeals,
            Permission::DeleteUserData => Self::DeleteUserData,
            Permission::InviteUsers => Self::InviteUsers,
            Permission::ManageCustomEmojis => Self::ManageCustomEmojis,
            Permission::ManageJobs => Self::ManageJobs,
            Permission::ManageBlocks => Self::ManageBlocks,
        }
    }
}

impl From<PermissionValue> for Permission {
    fn from(value: PermissionValue) -> Self {
        match value {
            PermissionValue::ManageReports => Self::ManageReports,
            PermissionValue::ManageUsers => Self::ManageUsers,
            PermissionValue::ManageFederation => Self::ManageFederation,
            PermissionValue::ManageSettings => Self::ManageSettings,
            PermissionValue::ManageRules => Self::ManageRules,
            PermissionValue::ManageRoles => Self::ManageRoles,
            PermissionValue::ViewAuditLog => Self::ViewAuditLog,
            PermissionValue::ManageInvites => Self::ManageInvites,
            PermissionValue::ManageAnnouncements => Self::ManageAnnouncements,
            PermissionValue::ManageWebhooks => Self::ManageWebhooks,
            PermissionValue::ViewDashboard => Self::ViewDashboard,
            PermissionValue::ManageAppeals => Self::ManageAppeals,
            PermissionValue::DeleteUserData => Self::DeleteUserData,
            PermissionValue::InviteUsers => Self::InviteUsers,
            PermissionValue::ManageCustomEmojis => Self::ManageCustomEmojis,
            PermissionValue::ManageJobs => Self::ManageJobs,
            PermissionValue::ManageBlocks => Self::ManageBlocks,
        }
    }
}

/// A set of permissions as the API lists them.
pub fn permission_values(permissions: Permissions) -> Vec<PermissionValue> {
    permissions.iter().map(PermissionValue::from).collect()
}

pub struct RoleNode(pub Role);

/// A role: built in (owner, admin, moderator, user) or made by an administrator.
#[Object(name = "Role")]
impl RoleNode {
    async fn id(&self) -> ID {
        ids::encode(ids::ROLE, self.0.key.id().0)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// `#rrggbb`, or null for none.
    async fn colour(&self) -> Option<&str> {
        self.0.colour.as_deref()
    }

    /// Higher outranks lower: nobody acts on a person or role at or above their own.
    async fn position(&self) -> i32 {
        self.0.position
    }

    async fn permissions(&self) -> Vec<PermissionValue> {
        permission_values(self.0.permissions)
    }

    async fn built_in(&self) -> bool {
        self.0.is_built_in()
    }
}

/// An address an account signed in from.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "SignIn")]
pub struct SignInValue {
    pub ip: String,
    /// Its latest sign-in from there.
    pub last_at: DateTime<Utc>,
}

pub struct AdminAccountNode(pub AdminAccount);

/// An account as moderators see it.
#[Object(name = "AdminAccount")]
impl AdminAccountNode {
    /// The account's id (an Account id).
    async fn id(&self) -> ID {
        ids::encode(ids::ACCOUNT, self.0.account.id.0)
    }

    async fn account(&self) -> AccountNode {
        AccountNode(self.0.account.clone())
    }

    /// Local accounts only.
    async fn email(&self) -> Option<&str> {
        self.0.user.as_ref().map(|(user, _, _)| user.email.as_str())
    }

    /// Local accounts only.
    async fn role(&self) -> Option<RoleNode> {
        self.0
            .user
            .as_ref()
            .map(|(_, _, role)| RoleNode(role.clone()))
    }

    /// The address it signed up from; local accounts only.
    async fn sign_up_ip(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let viewer = ctx.require_viewer()?;
        let (ip, _) = sign_ups::origin(&ctx.state().app.db, viewer, self.0.account.id)
            .await
            .api()?;
        Ok(ip)
    }

    /// The addresses it signed in from lately (kept for the instance's IP retention), the
    /// latest first.
    async fn sign_ins(&self, ctx: &Context<'_>) -> Result<Vec<SignInValue>> {
        let viewer = ctx.require_viewer()?;
        let found = sign_ups::sign_ins(&ctx.state().app.db, viewer, self.0.account.id)
            .await
            .api()?;
        Ok(found
            .into_iter()
            .map(|(ip, last_at)| SignInValue { ip, last_at })
            .collect())
    }

    /// Who invited it; null when it signed up without an invite.
    async fn invited_by(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let viewer = ctx.require_viewer()?;
        let (_, inviter) = sign_ups::origin(&ctx.state().app.db, viewer, self.0.account.id)
            .await
            .api()?;
        match inviter {
            Some(id) => account(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }

    /// What the applicant wrote when signing up (approval mode).
    async fn registration_reason(&self) -> Option<&str> {
        self.0
            .user
            .as_ref()
            .and_then(|(_, reason, _)| reason.as_deref())
    }

    /// Whether its sign-up was approved (always, for remote accounts).
    async fn approved(&self) -> bool {
        self.0
            .user
            .as_ref()
            .is_none_or(|(user, _, _)| user.approved)
    }

    async fn disabled(&self) -> bool {
        self.0
            .user
            .as_ref()
            .is_some_and(|(user, _, _)| user.disabled)
    }

    async fn limited(&self) -> bool {
        self.0.account.restrictions.limited()
    }

    async fn sensitive(&self) -> bool {
        self.0.account.restrictions.sensitized()
    }

    async fn suspended(&self) -> bool {
        self.0.account.restrictions.suspended()
    }

    async fn suspended_at(&self) -> Option<DateTime<Utc>> {
        self.0.account.restrictions.suspended_at
    }

    /// When a suspended account's data goes for good, unless unsuspended first.
    async fn purge_at(&self) -> Option<DateTime<Utc>> {
        self.0.account.restrictions.purge_at()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.account.created_at
    }

    async fn strikes(&self, ctx: &Context<'_>) -> Result<Vec<StrikeNode>> {
        let viewer = ctx.require_viewer()?;
        let strikes = account_actions::strikes(&ctx.state().app.db, viewer, self.0.account.id)
            .await
            .api()?;
        Ok(strikes.into_iter().map(StrikeNode::new).collect())
    }

    /// Reports against it, newest first (at most 40).
    async fn reports(&self, ctx: &Context<'_>) -> Result<Vec<ReportNode>> {
        self.reports_of(ctx, false).await
    }

    /// Reports it filed, newest first (at most 40).
    async fn reports_filed(&self, ctx: &Context<'_>) -> Result<Vec<ReportNode>> {
        self.reports_of(ctx, true).await
    }

    async fn notes(&self, ctx: &Context<'_>) -> Result<Vec<ModeratorNoteNode>> {
        let viewer = ctx.require_viewer()?;
        let notes = account_actions::notes(
            &ctx.state().app.db,
            viewer,
            NoteSubject::Account(self.0.account.id),
        )
        .await
        .api()?;
        Ok(notes.into_iter().map(ModeratorNoteNode).collect())
    }
}

impl AdminAccountNode {
    async fn reports_of(&self, ctx: &Context<'_>, filed: bool) -> Result<Vec<ReportNode>> {
        let viewer = ctx.require_viewer()?;
        let reports =
            account_actions::reports(&ctx.state().app.db, viewer, self.0.account.id, filed)
                .await
                .api()?;
        Ok(reports.into_iter().map(ReportNode).collect())
    }
}

pub struct AuditEntryNode(pub AuditEntry);

/// One entry of the audit log: an action by a moderator or administrator.
#[Object(name = "AuditEntry")]
impl AuditEntryNode {
    async fn id(&self) -> ID {
        ids::encode(ids::AUDIT_ENTRY, self.0.id.0)
    }

    /// Null when the command line acted.
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        match self.0.actor {
            Some(id) => account(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }

    /// `account.suspend`, `report.dismiss`, `role.update`, `instance.update`, …
    async fn action(&self) -> &str {
        &self.0.action
    }

    /// The id (a global id) of what it acted on, if anything.
    async fn target_id(&self) -> Option<ID> {
        match (&self.0.target_kind, self.0.target_id) {
            (Some(kind), Some(id)) => Some(ids::encode(kind, id)),
            _ => None,
        }
    }

    /// A short name of the target: `@spam@example.com`, `report …3f2a`, a role's name.
    async fn target_name(&self) -> Option<&str> {
        self.0.target_name.as_deref()
    }

    /// JSON: `{"before": …, "after": …}` for changes of settings; other details otherwise.
    async fn detail(&self) -> String {
        self.0.detail.to_string()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
