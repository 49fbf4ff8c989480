//! `invites`, `invite`, and for those who keep the blocks `emailDomainBlocks` and `ipBlocks`.

use async_graphql::connection::Connection;
use async_graphql::{Context, Object, Result};
use rookery_domain::service::sign_ups;

use crate::graphql::connection::{connection, page_request};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::types::moderation::account;
use crate::graphql::types::sign_up::{
    EmailDomainBlockValue, InviteCheck, InviteNode, IpBlockValue,
};

#[derive(Default)]
pub struct SignUpQuery;

#[Object]
impl SignUpQuery {
    /// Invites, the newest first: the viewer's own (INVITE_USERS), or everyone's with
    /// `all` (MANAGE_INVITES).
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn invites(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] all: bool,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Connection<String, InviteNode>> {
        let viewer = ctx.require_viewer()?;
        let page = page_request(first, after, None, None)?;
        let page = sign_ups::invites(&ctx.state().app.db, viewer, all, &page)
            .await
            .api()?;
        Ok(connection(page, InviteNode))
    }

    /// What the sign-up page shows of an invite code; anyone may ask.
    async fn invite(&self, ctx: &Context<'_>, code: String) -> Result<InviteCheck> {
        let inviter = sign_ups::check_invite(&ctx.state().app.db, &code)
            .await
            .api()?;
        Ok(match inviter {
            Some(id) => InviteCheck {
                valid: true,
                inviter: account(ctx, id).await.ok(),
            },
            None => InviteCheck {
                valid: false,
                inviter: None,
            },
        })
    }

    /// The email domains sign-ups are refused from, the newest first. Needs MANAGE_BLOCKS.
    async fn email_domain_blocks(&self, ctx: &Context<'_>) -> Result<Vec<EmailDomainBlockValue>> {
        let viewer = ctx.require_viewer()?;
        let blocks = sign_ups::email_domain_blocks(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(blocks.into_iter().map(Into::into).collect())
    }

    /// The IP ranges whose sign-ups wait or are refused, the newest first. Needs
    /// MANAGE_BLOCKS.
    async fn ip_blocks(&self, ctx: &Context<'_>) -> Result<Vec<IpBlockValue>> {
        let viewer = ctx.require_viewer()?;
        let blocks = sign_ups::ip_blocks(&ctx.state().app.db, viewer)
            .await
            .api()?;
        Ok(blocks.into_iter().map(Into::into).collect())
    }
}
