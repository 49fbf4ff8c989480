//! `appealStrike`, and for moderators `approveAppeal` and `rejectAppeal`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::appeals;

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::strike::AppealNode;
use crate::graphql::types::strike::StrikeNode;

#[derive(Default)]
pub struct AppealMutation;

#[derive(InputObject)]
pub struct AppealStrikeInput {
    pub strike_id: ID,
    /// 1 to 2,000 characters.
    pub text: String,
}

#[derive(SimpleObject)]
pub struct AppealStrikePayload {
    pub strike: StrikeNode,
}

#[derive(InputObject)]
pub struct DecideAppealInput {
    pub appeal_id: ID,
    /// For a rejection: the reason the person is told and mailed; at most 2,000 characters.
    pub reason: Option<String>,
}

#[derive(SimpleObject)]
pub struct AppealPayload {
    pub appeal: AppealNode,
}

#[Object]
impl AppealMutation {
    /// Appeals one of the viewer's own strikes: once, within 20 days of it.
    async fn appeal_strike(
        &self,
        ctx: &Context<'_>,
        input: AppealStrikeInput,
    ) -> Result<AppealStrikePayload> {
        let viewer = ctx.require_viewer()?;
        let strike = ids::strike("strikeId", &input.strike_id)?;
        let strike = appeals::file(&ctx.state().app, viewer, strike, &input.text)
            .await
            .api()?;
        Ok(AppealStrikePayload {
            strike: StrikeNode::new(strike),
        })
    }

    /// Approves an appeal (MANAGE_APPEALS): what the strike restricted is lifted; its owner
    /// is mailed.
    async fn approve_appeal(
        &self,
        ctx: &Context<'_>,
        input: DecideAppealInput,
    ) -> Result<AppealPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::appeal("appealId", &input.appeal_id)?;
        let appeal = appeals::approve(&ctx.state().app, viewer, id).await.api()?;
        Ok(AppealPayload {
            appeal: AppealNode(appeal),
        })
    }

    /// Rejects an appeal (MANAGE_APPEALS) with a reason its owner is mailed.
    async fn reject_appeal(
        &self,
        ctx: &Context<'_>,
        input: DecideAppealInput,
    ) -> Result<AppealPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::appeal("appealId", &input.appeal_id)?;
        let reason = input.reason.unwrap_or_default();
        let appeal = appeals::reject(&ctx.state().app, viewer, id, &reason)
            .await
            .api()?;
        Ok(AppealPayload {
            appeal: AppealNode(appeal),
        })
    }
}
