//! `node(id:)` and `nodes(ids:)`.

use async_graphql::{Context, ID, Object, Result};
use rookery_domain::ids::{AccountId, StatusId};

use crate::graphql::ids;
use crate::graphql::loaders::{AccountLoader, Loaded, StatusLoader};
use crate::graphql::types::{AccountNode, Node, StatusNode};

#[derive(Default)]
pub struct NodeQuery;

async fn node(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let Some((kind, uuid)) = ids::decode_any(id) else {
        return Ok(None);
    };
    Ok(match kind.as_str() {
        ids::ACCOUNT => ctx
            .data_unchecked::<Loaded<AccountLoader>>()
            .load_one(AccountId(uuid))
            .await?
            .map(|a| Node::Account(AccountNode(a))),
        ids::STATUS => ctx
            .data_unchecked::<Loaded<StatusLoader>>()
            .load_one(StatusId(uuid))
            .await?
            .flatten()
            .filter(|s| !s.is_deleted())
            .map(|s| Node::Status(StatusNode(s))),
        _ => None,
    })
}

#[Object]
impl NodeQuery {
    /// Anything with a global id; null when it does not exist or is hidden from the viewer.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Node>> {
        node(ctx, &id).await
    }

    /// Several nodes at once, in the order asked (at most 100).
    #[graphql(complexity = "ids.len() * child_complexity")]
    async fn nodes(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<Vec<Option<Node>>> {
        if ids.len() > rookery_domain::page::MAX_PAGE_SIZE as usize {
            return Err(crate::graphql::error::invalid("ids", "at most 100 ids"));
        }
        let mut nodes = Vec::with_capacity(ids.len());
        for id in &ids {
            nodes.push(node(ctx, id).await?);
        }
        Ok(nodes)
    }
}
