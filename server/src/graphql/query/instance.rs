//! `instance`.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::instance;
use crate::graphql::types::instance::InstanceValue;

#[derive(Default)]
pub struct InstanceQuery;

#[Object]
impl InstanceQuery {
    /// This server: its name, address, sign-up mode and limits.
    async fn instance(&self, ctx: &Context<'_>) -> Result<InstanceValue> {
        Ok(instance(ctx).await?.into())
    }
}
