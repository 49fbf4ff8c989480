//! `createFilter`, `updateFilter`, `deleteFilter`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::filters::{self, FilterInput};
use rookery_domain::types::FilterKeyword;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::filter::{
    FilterActionValue, FilterContextValue, FilterKeywordValue, FilterNode,
};

#[derive(Default)]
pub struct FilterMutation;

#[derive(InputObject)]
pub struct CreateFilterInput {
    pub title: String,
    pub contexts: Vec<FilterContextValue>,
    #[graphql(default_with = "FilterActionValue::Warn")]
    pub action: FilterActionValue,
    pub keywords: Vec<FilterKeywordValue>,
    /// The filter ends this many seconds from now (at least 1); left out, it stays.
    pub expires_in_seconds: Option<i64>,
}

impl From<CreateFilterInput> for FilterInput {
    fn from(input: CreateFilterInput) -> Self {
        FilterInput {
            title: input.title,
            contexts: input.contexts.into_iter().map(Into::into).collect(),
            action: input.action.into(),
            keywords: input
                .keywords
                .into_iter()
                .map(FilterKeyword::from)
                .collect(),
            expires_in_seconds: input.expires_in_seconds,
        }
    }
}

/// Replaces the whole filter.
#[derive(InputObject)]
pub struct UpdateFilterInput {
    pub id: ID,
    #[graphql(flatten)]
    pub filter: CreateFilterInput,
}

#[derive(InputObject)]
pub struct DeleteFilterInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct FilterPayload {
    pub filter: FilterNode,
}

#[derive(SimpleObject)]
pub struct DeleteFilterPayload {
    pub deleted_filter_id: ID,
}

#[Object]
impl FilterMutation {
    async fn create_filter(
        &self,
        ctx: &Context<'_>,
        input: CreateFilterInput,
    ) -> Result<FilterPayload> {
        let viewer = ctx.require_viewer()?;
        let filter = filters::create(&ctx.state().app.db, viewer, input.into())
            .await
            .api()?;
        Ok(FilterPayload {
            filter: FilterNode(filter),
        })
    }

    async fn update_filter(
        &self,
        ctx: &Context<'_>,
        input: UpdateFilterInput,
    ) -> Result<FilterPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::filter("id", &input.id)?;
        let filter = filters::update(&ctx.state().app.db, viewer, id, input.filter.into())
            .await
            .api()?;
        Ok(FilterPayload {
            filter: FilterNode(filter),
        })
    }

    async fn delete_filter(
        &self,
        ctx: &Context<'_>,
        input: DeleteFilterInput,
    ) -> Result<DeleteFilterPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::filter("id", &input.id)?;
        filters::delete(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(DeleteFilterPayload {
            deleted_filter_id: input.id,
        })
    }
}
