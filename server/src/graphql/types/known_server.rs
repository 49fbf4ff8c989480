//! `KnownServer`, `DomainAllow` and `FederationMode`: the servers this one knows and which
//! of them it federates with, for moderators.

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::known_servers;
use rookery_domain::store::known_servers::ServerFigures;
use rookery_domain::types::{DomainAllow, FederationMode};

use super::domain_block::DomainBlockNode;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

/// Which servers this one federates with.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FederationMode")]
pub enum FederationModeValue {
    /// Every server but those blocked (the default).
    Blocklist,
    /// Only the servers on the allowlist (and not blocked).
    Allowlist,
}

impl From<FederationMode> for FederationModeValue {
    fn from(mode: FederationMode) -> Self {
        match mode {
            FederationMode::Blocklist => Self::Blocklist,
            FederationMode::Allowlist => Self::Allowlist,
        }
    }
}

impl From<FederationModeValue> for FederationMode {
    fn from(value: FederationModeValue) -> Self {
        match value {
            FederationModeValue::Blocklist => Self::Blocklist,
            FederationModeValue::Allowlist => Self::Allowlist,
        }
    }
}

/// A server on the allowlist.
#[derive(SimpleObject)]
#[graphql(name = "DomainAllow")]
pub struct DomainAllowValue {
    pub id: ID,
    pub domain: String,
    pub created_at: DateTime<Utc>,
}

impl From<DomainAllow> for DomainAllowValue {
    fn from(allow: DomainAllow) -> Self {
        Self {
            id: ids::encode(ids::DOMAIN_ALLOW, allow.id.0),
            domain: allow.domain,
            created_at: allow.created_at,
        }
    }
}

/// A server, its figures read when first asked for.
pub struct KnownServerNode {
    pub domain: String,
    figures: tokio::sync::OnceCell<ServerFigures>,
}

impl KnownServerNode {
    pub fn new(domain: String) -> Self {
        Self {
            domain,
            figures: tokio::sync::OnceCell::new(),
        }
    }

    async fn figures(&self, ctx: &Context<'_>) -> Result<&ServerFigures> {
        self.figures
            .get_or_try_init(|| async {
                let viewer = ctx.require_viewer()?;
                known_servers::figures(&ctx.state().app.db, viewer, &self.domain)
                    .await
                    .api()
            })
            .await
    }
}

/// A server this one knows, as moderators see it.
#[Object(name = "KnownServer")]
impl KnownServerNode {
    async fn domain(&self) -> &str {
        &self.domain
    }

    /// Its accounts this server knows.
    async fn accounts(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.figures(ctx).await?.accounts)
    }

    /// Their statuses this server keeps.
    async fn statuses(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.figures(ctx).await?.statuses)
    }

    /// Follows of its accounts by local accounts.
    async fn following(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.figures(ctx).await?.following)
    }

    /// Follows of local accounts by its accounts.
    async fn followers(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.figures(ctx).await?.followers)
    }

    /// Deliveries to it that gave up after their retries.
    async fn failed_deliveries(&self, ctx: &Context<'_>) -> Result<u64> {
        Ok(self.figures(ctx).await?.failed_deliveries)
    }

    /// On how many recent days deliveries to it failed; 0 when they go through.
    async fn delivery_failure_days(&self, ctx: &Context<'_>) -> Result<u32> {
        Ok(self.figures(ctx).await?.delivery_failure_days)
    }

    /// Whether deliveries to it are given up on for now.
    async fn unavailable(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.figures(ctx).await?.unavailable)
    }

    /// When an activity from it last arrived; null when none did.
    async fn last_seen_at(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        Ok(self.figures(ctx).await?.last_seen_at)
    }

    /// Its block, if it has one.
    async fn block(&self, ctx: &Context<'_>) -> Result<Option<DomainBlockNode>> {
        let viewer = ctx.require_viewer()?;
        let block = known_servers::block(&ctx.state().app.db, viewer, &self.domain)
            .await
            .api()?;
        Ok(block.map(DomainBlockNode))
    }

    /// Whether it is on the allowlist.
    async fn allowed(&self, ctx: &Context<'_>) -> Result<bool> {
        let viewer = ctx.require_viewer()?;
        known_servers::allowed(&ctx.state().app.db, viewer, &self.domain)
            .await
            .api()
    }

    /// What it says it runs, from its NodeInfo; null until read. Reading it is queued when
    /// this is asked and nothing (or nothing from the last day) is held.
    async fn software(&self, ctx: &Context<'_>) -> Result<Option<ServerSoftwareValue>> {
        let viewer = ctx.require_viewer()?;
        let software = known_servers::software(&ctx.state().app, viewer, &self.domain)
            .await
            .api()?;
        Ok(software.map(|software| ServerSoftwareValue {
            name: software.name,
            version: software.version,
            fetched_at: software.fetched_at,
        }))
    }
}

/// A server's software, as its NodeInfo names it.
#[derive(SimpleObject)]
#[graphql(name = "ServerSoftware")]
pub struct ServerSoftwareValue {
    pub name: String,
    pub version: String,
    pub fetched_at: DateTime<Utc>,
}
