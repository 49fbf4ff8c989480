//! `appeals`: strikes' appeals, for moderators.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object, Result};
use rookery_domain::service::appeals;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::strike::{AppealNode, AppealStateValue};

#[derive(Default)]
pub struct AppealQuery;

#[Object]
impl AppealQuery {
    /// Appeals in `state`, newest first. Needs MANAGE_APPEALS.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn appeals(
        &self,
        ctx: &Context<'_>,
        #[graphql(default_with = "AppealStateValue::Pending")] state: AppealStateValue,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, AppealNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, None, None)?;
        let page = appeals::page(&ctx.state().app.db, viewer, state.into(), &page)
            .await
            .api()?;
        Ok(connection(page, AppealNode))
    }
}
