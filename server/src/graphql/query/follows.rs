//! `followers`, `following`, `followRequests`, `mutedAccounts`, `blockedAccounts` and
//! `blockedDomains`.

use std::collections::HashMap;

use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object, Result};
use rookery_domain::ids::AccountId;
use rookery_domain::page::Page;
use rookery_domain::service;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::AccountNode;

#[derive(Default)]
pub struct FollowQuery;

type Accounts = Connection<String, AccountNode>;

/// Turns a page of account ids into a connection of accounts (one query for the page).
async fn accounts(ctx: &Context<'_>, page: Page<AccountId>) -> Result<Accounts> {
    let ids: Vec<AccountId> = page.items.iter().map(|(_, id)| *id).collect();
    let mut found: HashMap<AccountId, _> = service::accounts::by_ids(&ctx.state().app.db, &ids)
        .await
        .api()?
        .into_iter()
        .map(|account| (account.id, account))
        .collect();
    let page = Page {
        items: page
            .items
            .into_iter()
            .filter_map(|(key, id)| found.remove(&id).map(|account| (key, account)))
            .collect(),
        has_previous: page.has_previous,
        has_next: page.has_next,
    };
    Ok(connection(page, AccountNode))
}

#[Object]
impl FollowQuery {
    /// The servers the viewer blocks, alphabetically.
    async fn blocked_domains(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        let viewer = ctx.require_viewer()?;
        service::account_domain_blocks::list(&ctx.state().app.db, viewer)
            .await
            .api()
    }

    /// Who follows the account, most recent first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn followers(
        &self,
        ctx: &Context<'_>,
        account_id: ID,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Accounts> {
        let account = ids::account("accountId", &account_id)?;
        let page = page_request(first, after, last, before)?;
        let page = service::follows::list(&ctx.state().app.db, account, true, &page)
            .await
            .api()?;
        accounts(ctx, page).await
    }

    /// Whom the account follows, most recent first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn following(
        &self,
        ctx: &Context<'_>,
        account_id: ID,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Accounts> {
        let account = ids::account("accountId", &account_id)?;
        let page = page_request(first, after, last, before)?;
        let page = service::follows::list(&ctx.state().app.db, account, false, &page)
            .await
            .api()?;
        accounts(ctx, page).await
    }

    /// Accounts waiting for the viewer to answer their follow request.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn follow_requests(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Accounts> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = service::follows::requests(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        accounts(ctx, page).await
    }

    /// The accounts the viewer mutes now, the latest mute first (`relationship` says how
    /// and until when).
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn muted_accounts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Accounts> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = service::mutes::muted(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        accounts(ctx, page).await
    }

    /// The accounts the viewer blocks, the latest block first.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * child_complexity"
    )]
    async fn blocked_accounts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<Accounts> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, last, before)?;
        let page = service::blocks::blocked(&ctx.state().app.db, viewer, &page)
            .await
            .api()?;
        accounts(ctx, page).await
    }
}
