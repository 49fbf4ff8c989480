//! `createList`, `renameList`, `deleteList`, `addToList`, `removeFromList`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::ids::AccountId;
use rookery_domain::service::lists;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::list::ListNode;

#[derive(Default)]
pub struct ListMutation;

#[derive(InputObject)]
pub struct CreateListInput {
    pub title: String,
}

#[derive(InputObject)]
pub struct RenameListInput {
    pub id: ID,
    pub title: String,
}

#[derive(InputObject)]
pub struct DeleteListInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct ListAccountsInput {
    pub list_id: ID,
    pub account_ids: Vec<ID>,
}

#[derive(SimpleObject)]
pub struct ListPayload {
    pub list: ListNode,
}

#[derive(SimpleObject)]
pub struct DeleteListPayload {
    pub deleted_list_id: ID,
}

fn account_ids(ids_given: &[ID]) -> Result<Vec<AccountId>> {
    ids_given
        .iter()
        .map(|id| ids::account("accountIds", id))
        .collect()
}

#[Object]
impl ListMutation {
    async fn create_list(&self, ctx: &Context<'_>, input: CreateListInput) -> Result<ListPayload> {
        let viewer = ctx.require_viewer()?;
        let list = lists::create(&ctx.state().app.db, viewer, &input.title)
            .await
            .api()?;
        Ok(ListPayload {
            list: ListNode(list),
        })
    }

    async fn rename_list(&self, ctx: &Context<'_>, input: RenameListInput) -> Result<ListPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("id", &input.id)?;
        let list = lists::rename(&ctx.state().app.db, viewer, id, &input.title)
            .await
            .api()?;
        Ok(ListPayload {
            list: ListNode(list),
        })
    }

    async fn delete_list(
        &self,
        ctx: &Context<'_>,
        input: DeleteListInput,
    ) -> Result<DeleteListPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("id", &input.id)?;
        lists::delete(&ctx.state().app.db, viewer, id).await.api()?;
        Ok(DeleteListPayload {
            deleted_list_id: input.id,
        })
    }

    /// Puts accounts the viewer follows on one of its lists.
    async fn add_to_list(
        &self,
        ctx: &Context<'_>,
        input: ListAccountsInput,
    ) -> Result<ListPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("listId", &input.list_id)?;
        let accounts = account_ids(&input.account_ids)?;
        let list = lists::add(&ctx.state().app.db, viewer, id, &accounts)
            .await
            .api()?;
        Ok(ListPayload {
            list: ListNode(list),
        })
    }

    async fn remove_from_list(
        &self,
        ctx: &Context<'_>,
        input: ListAccountsInput,
    ) -> Result<ListPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::list("listId", &input.list_id)?;
        let accounts = account_ids(&input.account_ids)?;
        let list = lists::remove(&ctx.state().app.db, viewer, id, &accounts)
            .await
            .api()?;
        Ok(ListPayload {
            list: ListNode(list),
        })
    }
}
