//! `viewer`, `account`, `accountByHandle`, `resolveAccount`, `resolveObject`.

use async_graphql::{Context, Error, ErrorExtensions, ID, Object, Result, Union};
use rookery_domain::ErrorCode;
use rookery_domain::ids::Kind;
use rookery_domain::service;
use rookery_federation::resolve::{self, ResolveError, Resolved};

use crate::graphql::context::{ContextExt, instance};
use crate::graphql::error::{ApiResult, api_error, invalid};
use crate::graphql::ids;
use crate::graphql::types::{AccountNode, StatusNode};

#[derive(Default)]
pub struct AccountQuery;

/// What a URL names.
// Short-lived values built per response; boxing would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Union)]
pub enum ResolvedObject {
    Account(AccountNode),
    Status(StatusNode),
}

/// The GraphQL error for a failed lookup of a `wanted` thing.
pub(crate) fn resolve_error(wanted: Kind, error: ResolveError) -> Error {
    match error {
        ResolveError::BadHandle(_) => invalid("handle", error.to_string()),
        ResolveError::BadUrl(_) => invalid("url", error.to_string()),
        ResolveError::NotFound(_) => api_error(rookery_domain::DomainError::NotFound(wanted)),
        ResolveError::Remote(reason) | ResolveError::Unreachable(reason) => {
            tracing::info!(%reason, "resolving failed");
            Error::new(format!("its server could not be asked: {reason}"))
                .extend_with(|_, e| e.set("code", ErrorCode::RemoteUnavailable.as_str()))
        }
        ResolveError::Blocked(_) => api_error(rookery_domain::DomainError::Forbidden),
        ResolveError::Domain(error) => api_error(error),
    }
}

#[Object]
impl AccountQuery {
    /// The logged-in account; null when anonymous.
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let Some(viewer) = ctx.viewer() else {
            return Ok(None);
        };
        let account = service::accounts::get(&ctx.state().app.db, viewer.account_id)
            .await
            .api()?;
        Ok(Some(AccountNode(account)))
    }

    /// An account; a suspended one is NOT_FOUND but to moderators.
    async fn account(&self, ctx: &Context<'_>, id: ID) -> Result<AccountNode> {
        let id = ids::account("id", &id)?;
        let account = service::accounts::visible(&ctx.state().app.db, ctx.viewer(), id)
            .await
            .api()?;
        Ok(AccountNode(account))
    }

    /// Any account by `@user@domain`, asking its server (WebFinger) when this instance does
    /// not know it or its copy is a day old. Needs a logged-in viewer; one per request,
    /// and a limited number a minute (with `resolveObject` and `search`).
    async fn resolve_account(&self, ctx: &Context<'_>, handle: String) -> Result<AccountNode> {
        ctx.check_lookup_rate()?;
        let account = resolve::account(&ctx.state().federation(), &handle)
            .await
            .map_err(|e| resolve_error(Kind::Account, e))?;
        Ok(AccountNode(account))
    }

    /// The account or post a pasted URL names (a profile or a post on any server), asking
    /// its server when this instance does not know it. Needs a logged-in viewer; one per
    /// request, and a limited number a minute (with `resolveAccount` and `search`).
    async fn resolve_object(&self, ctx: &Context<'_>, url: String) -> Result<ResolvedObject> {
        let viewer = ctx.check_lookup_rate()?;
        let federation = ctx.state().federation();
        Ok(
            match resolve::object(&federation, viewer.account_id, &url)
                .await
                .map_err(|e| resolve_error(Kind::Object, e))?
            {
                Resolved::Account(account) => ResolvedObject::Account(AccountNode(*account)),
                Resolved::Status(status) => ResolvedObject::Status(StatusNode(*status)),
            },
        )
    }

    /// An account this instance knows, by `user`, `@user` or `@user@domain`; a suspended
    /// one is NOT_FOUND but to moderators.
    async fn account_by_handle(&self, ctx: &Context<'_>, handle: String) -> Result<AccountNode> {
        let instance = instance(ctx).await?;
        let db = &ctx.state().app.db;
        let found = service::accounts::by_handle(db, &instance, &handle)
            .await
            .api()?;
        let account = service::accounts::visible(db, ctx.viewer(), found.id)
            .await
            .api()?;
        Ok(AccountNode(account))
    }
}
