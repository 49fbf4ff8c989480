//! `viewer`, `account`, `accountByHandle`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service;

use crate::graphql::context::{ContextExt, instance};
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::AccountNode;

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The logged-in account; null when anonymous.
    async fn viewer(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let Some(viewer) = ctx.viewer() else {
            return Ok(None);
        };
        let account = service::accounts::get(&ctx.state().db, viewer.account_id)
            .await
            .api()?;
        Ok(Some(AccountNode(account)))
    }

    async fn account(&self, ctx: &Context<'_>, id: ID) -> Result<AccountNode> {
        let id = ids::account("id", &id)?;
        let account = service::accounts::get(&ctx.state().db, id).await.api()?;
        Ok(AccountNode(account))
    }

    /// An account this instance knows, by `user`, `@user` or `@user@domain`.
    async fn account_by_handle(&self, ctx: &Context<'_>, handle: String) -> Result<AccountNode> {
        let instance = instance(ctx).await?;
        let account = service::accounts::by_handle(&ctx.state().db, &instance, &handle)
            .await
            .api()?;
        Ok(AccountNode(account))
    }
}
