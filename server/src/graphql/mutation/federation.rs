//! `setFederationMode`, `addDomainAllow` and `removeDomainAllow`, for moderators with
//! MANAGE_FEDERATION.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::domain_allows;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::known_server::{DomainAllowValue, FederationModeValue};

#[derive(Default)]
pub struct FederationMutation;

#[derive(InputObject)]
pub struct SetFederationModeInput {
    pub mode: FederationModeValue,
}

#[derive(SimpleObject)]
pub struct SetFederationModePayload {
    pub mode: FederationModeValue,
}

#[derive(InputObject)]
pub struct AddDomainAllowInput {
    pub domain: String,
}

#[derive(SimpleObject)]
pub struct DomainAllowPayload {
    pub domain_allow: DomainAllowValue,
}

#[derive(InputObject)]
pub struct RemoveDomainAllowInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RemoveDomainAllowPayload {
    pub removed_id: ID,
}

#[Object]
impl FederationMutation {
    /// Federates with every server but those blocked, or only with those on the
    /// allowlist.
    async fn set_federation_mode(
        &self,
        ctx: &Context<'_>,
        input: SetFederationModeInput,
    ) -> Result<SetFederationModePayload> {
        let viewer = ctx.require_viewer()?;
        let mode = domain_allows::set_mode(&ctx.state().app, Some(viewer), input.mode.into())
            .await
            .api()?;
        Ok(SetFederationModePayload { mode: mode.into() })
    }

    /// Puts a server (and its subdomains) on the allowlist.
    async fn add_domain_allow(
        &self,
        ctx: &Context<'_>,
        input: AddDomainAllowInput,
    ) -> Result<DomainAllowPayload> {
        let viewer = ctx.require_viewer()?;
        let allow = domain_allows::add(&ctx.state().app, viewer, &input.domain)
            .await
            .api()?;
        Ok(DomainAllowPayload {
            domain_allow: allow.into(),
        })
    }

    /// Takes a server off the allowlist.
    async fn remove_domain_allow(
        &self,
        ctx: &Context<'_>,
        input: RemoveDomainAllowInput,
    ) -> Result<RemoveDomainAllowPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::domain_allow("id", &input.id)?;
        domain_allows::remove(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(RemoveDomainAllowPayload {
            removed_id: input.id,
        })
    }
}
