//! `List`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::service::{accounts, lists};
use rookery_domain::types::List;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::AccountNode;

pub struct ListNode(pub List);

/// A named group of accounts the viewer follows; seen by the viewer alone.
#[Object(name = "List")]
impl ListNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::LIST, self.0.id.0)
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The accounts on it.
    #[graphql(complexity = "crate::graphql::limits::LIST_MEMBER_ITEMS * child_complexity")]
    async fn accounts(&self, ctx: &Context<'_>) -> Result<Vec<AccountNode>> {
        let viewer = ctx.require_viewer()?;
        let db = &ctx.state().app.db;
        let members = lists::members(db, viewer, self.0.id).await.api()?;
        let found = accounts::by_ids(db, &members).await.api()?;
        Ok(found.into_iter().map(AccountNode).collect())
    }
}
