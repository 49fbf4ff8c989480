//! `emailAddress`: the viewer's address and whether it is confirmed.

use async_graphql::{Context, Object, Result, SimpleObject};
use rookery_domain::service::email_addresses;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;

#[derive(Default)]
pub struct EmailAddressQuery;

/// The viewer's email address.
#[derive(SimpleObject)]
pub struct EmailAddress {
    pub email: String,
    /// False until the link mailed at sign-up is followed (where the instance asks for
    /// it); posting, boosting, following and messaging wait for it.
    pub confirmed: bool,
    /// A new address asked for with `changeEmail`, waiting for its link to be followed.
    pub pending: Option<String>,
}

#[Object]
impl EmailAddressQuery {
    /// The viewer's email address.
    async fn email_address(&self, ctx: &Context<'_>) -> Result<EmailAddress> {
        let viewer = ctx.require_viewer()?;
        let address = email_addresses::of_viewer(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(EmailAddress {
            email: address.email,
            confirmed: address.confirmed,
            pending: address.pending,
        })
    }
}
