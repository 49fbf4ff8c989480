//! `Appeal`: a person's appeal of a strike, as they and moderators see it.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::service::appeals;
use rookery_domain::types::{Appeal, AppealState, Permission};

use super::AccountNode;
use super::admin::StrikeNode;
use super::moderation::account;
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

/// What became of an appeal.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "AppealState")]
pub enum AppealStateValue {
    Pending,
    Approved,
    Rejected,
}

impl From<AppealState> for AppealStateValue {
    fn from(state: AppealState) -> Self {
        match state {
            AppealState::Pending => Self::Pending,
            AppealState::Approved => Self::Approved,
            AppealState::Rejected => Self::Rejected,
        }
    }
}

impl From<AppealStateValue> for AppealState {
    fn from(value: AppealStateValue) -> Self {
        match value {
            AppealStateValue::Pending => Self::Pending,
            AppealStateValue::Approved => Self::Approved,
            AppealStateValue::Rejected => Self::Rejected,
        }
    }
}

pub struct AppealNode(pub Appeal);

/// A person's appeal of a strike on their account.
#[Object(name = "Appeal")]
impl AppealNode {
    async fn id(&self) -> ID {
        ids::encode(ids::APPEAL, self.0.id.0)
    }

    /// What the person wrote.
    async fn text(&self) -> &str {
        &self.0.text
    }

    async fn state(&self) -> AppealStateValue {
        self.0.state.into()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When a moderator decided it; null while pending.
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }

    /// A rejection's reason, as the person is told it (may be empty).
    async fn rejection_reason(&self) -> &str {
        &self.0.rejection_reason
    }

    /// The strike appealed.
    async fn strike(&self, ctx: &Context<'_>) -> Result<StrikeNode> {
        let strike = appeals::strike_of(&ctx.state().app.db, &self.0)
            .await
            .api()?;
        Ok(StrikeNode(strike))
    }

    /// Whose strike it is.
    async fn account(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        account(ctx, self.0.account).await
    }

    /// Who decided; null while pending, or unless the viewer moderates.
    async fn decided_by(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        let moderates = ctx
            .viewer()
            .is_some_and(|viewer| viewer.may(Permission::ManageAppeals));
        match self.0.decided_by {
            Some(id) if moderates => account(ctx, id).await.map(Some),
            _ => Ok(None),
        }
    }
}
