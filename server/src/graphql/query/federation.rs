//! `federationMode`, `domainAllows`, `knownServers` and `knownServer`, for moderators with
//! MANAGE_FEDERATION.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::{domain_allows, known_servers};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::known_server::{DomainAllowValue, FederationModeValue, KnownServerNode};

#[derive(Default)]
pub struct FederationQuery;

#[Object]
impl FederationQuery {
    /// Which servers this one federates with.
    async fn federation_mode(&self, ctx: &Context<'_>) -> Result<FederationModeValue> {
        let viewer = ctx.require_viewer()?;
        let mode = domain_allows::mode(&ctx.state().app, viewer).await.api()?;
        Ok(mode.into())
    }

    /// The allowlist, alphabetically.
    async fn domain_allows(&self, ctx: &Context<'_>) -> Result<Vec<DomainAllowValue>> {
        let viewer = ctx.require_viewer()?;
        let allows = domain_allows::list(&ctx.state().app, viewer).await.api()?;
        Ok(allows.into_iter().map(Into::into).collect())
    }

    /// Servers this one knows accounts of, those with the most accounts first; `query`
    /// keeps those whose domain contains it. At most 200.
    #[graphql(complexity = "(first.clamp(1, 200) as usize) * child_complexity")]
    async fn known_servers(
        &self,
        ctx: &Context<'_>,
        query: Option<String>,
        #[graphql(default = 50)] first: u32,
    ) -> Result<Vec<KnownServerNode>> {
        let viewer = ctx.require_viewer()?;
        let domains = known_servers::busiest(
            &ctx.state().app.db,
            viewer,
            query.as_deref(),
            u64::from(first),
        )
        .await
        .api()?;
        Ok(domains.into_iter().map(KnownServerNode::new).collect())
    }

    /// One server, by its domain (zeros for one it knows nothing of).
    async fn known_server(&self, ctx: &Context<'_>, domain: String) -> Result<KnownServerNode> {
        ctx.require_viewer()?;
        Ok(KnownServerNode::new(domain.trim().to_lowercase()))
    }
}
