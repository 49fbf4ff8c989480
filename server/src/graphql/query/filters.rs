//! `filters`: the viewer's keyword filters.

use async_graphql::{Context, Object, Result};
use rookery_domain::service::filters;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::filter::FilterNode;

#[derive(Default)]
pub struct FilterQuery;

#[Object]
impl FilterQuery {
    /// The viewer's filters, oldest first, expired ones included.
    async fn filters(&self, ctx: &Context<'_>) -> Result<Vec<FilterNode>> {
        let viewer = ctx.require_viewer()?;
        let all = filters::list(&ctx.state().app.db, viewer).await.api()?;
        Ok(all.into_iter().map(FilterNode).collect())
    }
}
