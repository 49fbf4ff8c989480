//! `createInvite`, `revokeInvite`, and for those who keep the blocks
//! `addEmailDomainBlock`, `removeEmailDomainBlock`, `addIpBlock` and `removeIpBlock`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::service::sign_ups::{self, IpBlockInput};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::sign_up::{
    EmailDomainBlockValue, InviteNode, IpBlockSeverityValue, IpBlockValue,
};

#[derive(Default)]
pub struct SignUpMutation;

#[derive(InputObject)]
pub struct CreateInviteInput {
    /// 1 to 1,000; null for no limit.
    pub max_uses: Option<u32>,
    /// In the future, within a year; null for never.
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(SimpleObject)]
pub struct InvitePayload {
    pub invite: InviteNode,
}

#[derive(InputObject)]
pub struct RevokeInviteInput {
    pub id: ID,
}

#[derive(InputObject)]
pub struct AddEmailDomainBlockInput {
    /// A domain such as `spam.example`.
    pub domain: String,
}

#[derive(SimpleObject)]
pub struct EmailDomainBlockPayload {
    pub email_domain_block: EmailDomainBlockValue,
}

#[derive(InputObject)]
pub struct RemoveBlockInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RemoveEmailDomainBlockPayload {
    pub removed_id: ID,
}

#[derive(SimpleObject)]
pub struct RemoveIpBlockPayload {
    pub removed_id: ID,
}

#[derive(InputObject)]
pub struct AddIpBlockInput {
    /// An address or a CIDR range.
    pub range: String,
    pub severity: IpBlockSeverityValue,
    /// At most 500 characters.
    #[graphql(default)]
    pub comment: String,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(SimpleObject)]
pub struct IpBlockPayload {
    pub ip_block: IpBlockValue,
}

#[Object]
impl SignUpMutation {
    /// Makes an invite (INVITE_USERS).
    async fn create_invite(
        &self,
        ctx: &Context<'_>,
        input: CreateInviteInput,
    ) -> Result<InvitePayload> {
        let viewer = ctx.require_viewer()?;
        let invite =
            sign_ups::create_invite(&ctx.state().app, viewer, input.max_uses, input.expires_at)
                .await
                .api()?;
        Ok(InvitePayload {
            invite: InviteNode(invite),
        })
    }

    /// Revokes an invite: one's own (INVITE_USERS), or anyone's (MANAGE_INVITES).
    async fn revoke_invite(
        &self,
        ctx: &Context<'_>,
        input: RevokeInviteInput,
    ) -> Result<InvitePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::invite("id", &input.id)?;
        let invite = sign_ups::revoke_invite(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(InvitePayload {
            invite: InviteNode(invite),
        })
    }

    /// Refuses sign-ups from an email domain and its subdomains (MANAGE_BLOCKS).
    async fn add_email_domain_block(
        &self,
        ctx: &Context<'_>,
        input: AddEmailDomainBlockInput,
    ) -> Result<EmailDomainBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let block = sign_ups::block_email_domain(&ctx.state().app, viewer, &input.domain)
            .await
            .api()?;
        Ok(EmailDomainBlockPayload {
            email_domain_block: block.into(),
        })
    }

    /// Takes an email domain block away (MANAGE_BLOCKS).
    async fn remove_email_domain_block(
        &self,
        ctx: &Context<'_>,
        input: RemoveBlockInput,
    ) -> Result<RemoveEmailDomainBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::email_domain_block("id", &input.id)?;
        sign_ups::unblock_email_domain(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(RemoveEmailDomainBlockPayload {
            removed_id: input.id,
        })
    }

    /// Holds sign-ups from an IP range for approval, or refuses them (MANAGE_BLOCKS).
    async fn add_ip_block(
        &self,
        ctx: &Context<'_>,
        input: AddIpBlockInput,
    ) -> Result<IpBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let block = IpBlockInput {
            range: input.range,
            severity: input.severity.into(),
            comment: input.comment,
            expires_at: input.expires_at,
        };
        let block = sign_ups::block_ip(&ctx.state().app, viewer, block)
            .await
            .api()?;
        Ok(IpBlockPayload {
            ip_block: block.into(),
        })
    }

    /// Takes an IP block away (MANAGE_BLOCKS).
    async fn remove_ip_block(
        &self,
        ctx: &Context<'_>,
        input: RemoveBlockInput,
    ) -> Result<RemoveIpBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::ip_block("id", &input.id)?;
        sign_ups::unblock_ip(&ctx.state().app, viewer, id)
            .await
            .api()?;
        Ok(RemoveIpBlockPayload {
            removed_id: input.id,
        })
    }
}
