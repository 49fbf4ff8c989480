//! `search`: statuses, accounts and hashtags, and a pasted handle or URL looked up remotely.

use async_graphql::connection::Edge;
use async_graphql::{Context, Object, Result};
use rookery_domain::service::search::{self, RemoteLookup};
use rookery_domain::types::{Account, Status, Viewer};
use rookery_federation::resolve::{self, Resolved};

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::search::{SearchResults, SearchType};
use crate::graphql::types::{AccountNode, StatusNode, TagNode};

#[derive(Default)]
pub struct SearchQuery;

/// What a handle or URL named on its server.
enum Found {
    Account(Box<Account>),
    Status(Box<Status>),
}

/// Looks `lookup` up the way `resolveAccount` and `resolveObject` do, within their rate; a
/// failure only means nothing is put first.
async fn look_up(ctx: &Context<'_>, viewer: &Viewer, lookup: RemoteLookup) -> Option<Found> {
    if ctx.check_lookup_rate().is_err() {
        tracing::info!("a searched handle or URL was not looked up: too many lookups");
        return None;
    }
    let state = ctx.state();
    let found = match lookup {
        RemoteLookup::Handle(handle) => resolve::account(&state.federation(), &handle)
            .await
            .map(|account| Found::Account(Box::new(account))),
        RemoteLookup::Url(url) => resolve::object(&state.federation(), viewer.account_id, &url)
            .await
            .map(|resolved| match resolved {
                Resolved::Account(account) => Found::Account(account),
                Resolved::Status(status) => Found::Status(status),
            }),
    };
    match found {
        Ok(found) => Some(found),
        Err(error) => {
            tracing::info!(%error, "a searched handle or URL did not resolve");
            None
        }
    }
}

#[Object]
impl SearchQuery {
    /// Statuses holding every word of `query` that the viewer may see (its own, and others'
    /// whose authors are `indexable`; signed-in viewers only), accounts whose handle or
    /// display name starts with it, and hashtags whose name does; `type` picks one kind.
    /// A handle (`@user@domain`) or a URL is looked up on its server for a signed-in
    /// viewer, and what it names comes first. `first`/`after` and `last`/`before` page
    /// the statuses as every connection does; accounts and hashtags (at most the page size
    /// of each) come with the first page alone, the one without a cursor.
    #[graphql(
        complexity = "first.or(last).unwrap_or(20).clamp(1, 100) as usize * 3 * child_complexity"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        r#type: Option<SearchType>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Result<SearchResults> {
        let query = search::checked(&query).api()?;
        let first_page = after.is_none() && before.is_none();
        let page = page_request(first, after, last, before)?;
        let wants = |kind: SearchType| r#type.is_none_or(|t| t == kind);
        let db = &ctx.state().app.db;
        let viewer_id = ctx.viewer_id();

        let found = match (ctx.viewer(), search::remote_lookup(query)) {
            (Some(viewer), Some(lookup)) if first_page => look_up(ctx, viewer, lookup).await,
            _ => None,
        };

        let mut accounts = Vec::new();
        if let Some(Found::Account(account)) = &found
            && wants(SearchType::Accounts)
        {
            accounts.push(Account::clone(account));
        }
        if wants(SearchType::Accounts) && first_page {
            for account in
                search::accounts(db, ctx.state().app.instance(), viewer_id, query, page.limit)
                    .await
                    .api()?
            {
                if accounts.len() as u64 >= page.limit {
                    break;
                }
                if !accounts.iter().any(|a| a.id == account.id) {
                    accounts.push(account);
                }
            }
        }

        let mut statuses = if wants(SearchType::Statuses) {
            connection(
                search::statuses(db, viewer_id, query, &page).await.api()?,
                StatusNode,
            )
        } else {
            async_graphql::connection::Connection::new(false, false)
        };
        if let Some(Found::Status(status)) = found
            && wants(SearchType::Statuses)
        {
            statuses.edges.retain(|edge| edge.node.0.id != status.id);
            statuses.edges.insert(
                0,
                Edge::new(ids::encode_cursor(status.id.0), StatusNode(*status)),
            );
            statuses.edges.truncate(page.limit as usize);
        }

        let hashtags = if wants(SearchType::Hashtags) && first_page {
            search::hashtags(db, query, page.limit).await.api()?
        } else {
            Vec::new()
        };

        Ok(SearchResults {
            accounts: accounts.into_iter().map(AccountNode).collect(),
            statuses,
            hashtags: hashtags.into_iter().map(TagNode).collect(),
        })
    }
}
