//! `createAccessToken`, `revokeAccessToken`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::access_tokens::{self, NewAccessToken};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::access_token::{AccessTokenNode, ScopeValue};

#[derive(Default)]
pub struct AccessTokenMutation;

#[derive(InputObject)]
pub struct CreateAccessTokenInput {
    /// What the token is for (1 to 100 characters).
    pub name: String,
    /// At most those of the token making it; `ADMIN` for admins and moderators only.
    pub scopes: Vec<ScopeValue>,
    /// The token stops working this many seconds from now; left out, it lasts until revoked.
    /// Made with a personal token that expires, it ends no later than that one (left out,
    /// with it).
    pub expires_in_seconds: Option<u64>,
}

#[derive(SimpleObject)]
pub struct CreateAccessTokenPayload {
    pub access_token: AccessTokenNode,
    /// Send it as `Authorization: Bearer <secret>`. Shown this once; it cannot be read again.
    pub secret: String,
}

#[derive(InputObject)]
pub struct RevokeAccessTokenInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RevokeAccessTokenPayload {
    pub revoked_access_token_id: ID,
}

#[Object]
impl AccessTokenMutation {
    async fn create_access_token(
        &self,
        ctx: &Context<'_>,
        input: CreateAccessTokenInput,
    ) -> Result<CreateAccessTokenPayload> {
        let viewer = ctx.require_viewer()?;
        let new = NewAccessToken {
            name: input.name,
            scopes: input.scopes.into_iter().map(Into::into).collect(),
            expires_in_seconds: input.expires_in_seconds,
        };
        let created = access_tokens::create(&ctx.state().app.db, viewer, new)
            .await
            .api()?;
        Ok(CreateAccessTokenPayload {
            access_token: AccessTokenNode(created.token),
            secret: created.secret,
        })
    }

    async fn revoke_access_token(
        &self,
        ctx: &Context<'_>,
        input: RevokeAccessTokenInput,
    ) -> Result<RevokeAccessTokenPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::access_token("id", &input.id)?;
        access_tokens::revoke(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(RevokeAccessTokenPayload {
            revoked_access_token_id: input.id,
        })
    }
}
