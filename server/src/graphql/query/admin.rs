//! `viewerRole`, `strikes`, and for moderators and administrators `roles`, `adminAccount`,
//! `adminAccounts`, `adminDashboard`, `domainBlocks`, `domainBlocksCsv` and `auditLog`.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::{account_actions, audit, dashboard, domain_blocks, roles};
use rookery_domain::store::admin_accounts::{AccountQuery, AccountState};
use rookery_domain::store::audit_log::AuditQuery;
use rookery_domain::types::RoleKey;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::admin::{AdminAccountNode, AuditEntryNode, RoleNode};
use crate::graphql::types::domain_block::DomainBlockNode;
use crate::graphql::types::strike::StrikeNode;

#[derive(Default)]
pub struct AdminQuery;

/// One day's figures (a UTC day).
#[derive(SimpleObject)]
#[graphql(name = "DashboardDay")]
pub struct DashboardDayValue {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub sign_ups: u64,
    /// People whose session or token was last used that day.
    pub active_users: u64,
    pub reports: u64,
    /// Bytes the media store held at that day's last measure; null when not measured that
    /// day.
    pub storage_bytes: Option<f64>,
}

/// The administrators' dashboard.
#[derive(SimpleObject)]
#[graphql(name = "Dashboard")]
pub struct DashboardValue {
    /// Oldest first, one per day of the window, today last.
    pub days: Vec<DashboardDayValue>,
    pub open_reports: u64,
    pub pending_sign_ups: u64,
    /// Appeals waiting for a decision.
    pub pending_appeals: u64,
    pub local_accounts: u64,
    /// Servers this instance knows accounts of.
    pub known_servers: u64,
    /// Bytes the media store holds, at its last measure (hourly); null before the first.
    pub storage_bytes: Option<f64>,
    pub storage_measured_at: Option<DateTime<Utc>>,
}

impl From<dashboard::Dashboard> for DashboardValue {
    fn from(figures: dashboard::Dashboard) -> Self {
        Self {
            days: figures
                .days
                .into_iter()
                .map(|day| DashboardDayValue {
                    day: day.day.format("%Y-%m-%d").to_string(),
                    sign_ups: day.sign_ups,
                    active_users: day.active_users,
                    reports: day.reports,
                    storage_bytes: day.storage_bytes.map(|bytes| bytes as f64),
                })
                .collect(),
            open_reports: figures.open_reports,
            pending_sign_ups: figures.pending_sign_ups,
            pending_appeals: figures.pending_appeals,
            local_accounts: figures.local_accounts,
            known_servers: figures.known_servers,
            storage_bytes: figures.storage.map(|(bytes, _)| bytes as f64),
            storage_measured_at: figures.storage.map(|(_, at)| at),
        }
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum AccountOrigin {
    Local,
    Remote,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "AccountStateFilter")]
pub enum AccountStateValue {
    /// Under no restriction, its login (if local) in use.
    Active,
    /// Its sign-up waits for approval.
    Pending,
    Disabled,
    Limited,
    Suspended,
}

impl From<AccountStateValue> for AccountState {
    fn from(value: AccountStateValue) -> Self {
        match value {
            AccountStateValue::Active => Self::Active,
            AccountStateValue::Pending => Self::Pending,
            AccountStateValue::Disabled => Self::Disabled,
            AccountStateValue::Limited => Self::Limited,
            AccountStateValue::Suspended => Self::Suspended,
        }
    }
}

/// Which accounts to list.
#[derive(InputObject, Default)]
pub struct AdminAccountFilter {
    pub origin: Option<AccountOrigin>,
    pub state: Option<AccountStateValue>,
    pub role_id: Option<ID>,
    /// Part of the handle, display name or email.
    pub query: Option<String>,
    /// Sign-up address: an address or a CIDR range.
    pub ip: Option<String>,
}

/// Which audit entries to list.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    pub actor_id: Option<ID>,
    /// An action's prefix: `account.` gives every account action.
    pub action: Option<String>,
    /// A global id of any kind.
    pub target_id: Option<ID>,
}

#[Object]
impl AdminQuery {
    /// The viewer's role and permissions; null signed out.
    async fn viewer_role(&self, ctx: &Context<'_>) -> Result<Option<RoleNode>> {
        let Some(viewer) = ctx.viewer() else {
            return Ok(None);
        };
        let role = roles::of_viewer(&ctx.state().app.db, viewer).await.api()?;
        Ok(Some(RoleNode(role)))
    }

    /// The viewer's own strikes, newest first.
    async fn strikes(&self, ctx: &Context<'_>) -> Result<Vec<StrikeNode>> {
        let viewer = ctx.require_viewer()?;
        let strikes = account_actions::strikes(&ctx.state().app.db, viewer, viewer.account_id)
            .await
            .api()?;
        Ok(strikes.into_iter().map(StrikeNode::new).collect())
    }

    /// Every role, highest first. Needs MANAGE_ROLES or MANAGE_USERS.
    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleNode>> {
        let viewer = ctx.require_viewer()?;
        let roles = roles::list(&ctx.state().app.db, viewer).await.api()?;
        Ok(roles.into_iter().map(RoleNode).collect())
    }

    /// An account as moderators see it. Needs MANAGE_USERS or MANAGE_REPORTS.
    async fn admin_account(&self, ctx: &Context<'_>, id: ID) -> Result<AdminAccountNode> {
        let viewer = ctx.require_viewer()?;
        let id = ids::account("id", &id)?;
        account_actions::view(&ctx.state().app.db, viewer, id)
            .await
            .api()
            .map(AdminAccountNode)
    }

    /// Accounts, newest first. Needs MANAGE_USERS.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn admin_accounts(
        &self,
        ctx: &Context<'_>,
        filter: Option<AdminAccountFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AdminAccountNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, None, None)?;
        let filter = filter.unwrap_or_default();
        let query = AccountQuery {
            local: filter.origin.map(|o| o == AccountOrigin::Local),
            state: filter.state.map(AccountState::from),
            role: filter
                .role_id
                .as_ref()
                .map(|id| ids::role("filter.roleId", id).map(RoleKey::from_id))
                .transpose()?,
            text: filter.query,
            sign_up_ips: None,
        };
        let db = &ctx.state().app.db;
        let page = account_actions::search(db, viewer, query, filter.ip.as_deref(), &page)
            .await
            .api()?;
        Ok(connection(page, AdminAccountNode))
    }

    /// Figures per day over the last `days` days (1 to 366), and the standing totals.
    /// Needs VIEW_DASHBOARD.
    async fn admin_dashboard(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 30)] days: u32,
    ) -> Result<DashboardValue> {
        let viewer = ctx.require_viewer()?;
        let figures = dashboard::figures(&ctx.state().app.db, viewer, days)
            .await
            .api()?;
        Ok(DashboardValue::from(figures))
    }

    /// The servers this instance blocks. Needs MANAGE_FEDERATION.
    async fn domain_blocks(&self, ctx: &Context<'_>) -> Result<Vec<DomainBlockNode>> {
        let viewer = ctx.require_viewer()?;
        let blocks = domain_blocks::list(&ctx.state().app.db, Some(viewer))
            .await
            .api()?;
        Ok(blocks.into_iter().map(DomainBlockNode).collect())
    }

    /// The blocks as Mastodon's CSV export. Needs MANAGE_FEDERATION.
    async fn domain_blocks_csv(&self, ctx: &Context<'_>) -> Result<String> {
        let viewer = ctx.require_viewer()?;
        domain_blocks::export(&ctx.state().app.db, viewer)
            .await
            .api()
    }

    /// The audit log, newest first. Needs VIEW_AUDIT_LOG.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AuditEntryNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, None, None)?;
        let filter = filter.unwrap_or_default();
        let query = AuditQuery {
            actor: filter
                .actor_id
                .as_ref()
                .map(|id| ids::account("filter.actorId", id))
                .transpose()?,
            action: filter.action,
            target: match &filter.target_id {
                Some(id) => Some(ids::decode_any(id).map(|(_, uuid)| uuid).ok_or_else(|| {
                    crate::graphql::error::invalid("filter.targetId", "not an id")
                })?),
                None => None,
            },
        };
        let page = audit::page(&ctx.state().app.db, viewer, &query, &page)
            .await
            .api()?;
        Ok(connection(page, AuditEntryNode))
    }
}
