//! `Strike`, a moderation action on an account, and `Appeal`, its owner's appeal of it, as
//! their owner and moderators see them.

use async_graphql::{Context, Enum, ID, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::service::{account_actions, appeals};
use rookery_domain::types::{Appeal, AppealState, Permission, Strike};

use super::moderation::{AccountActionValue, account};
use super::{AccountNode, StatusNode};
use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;

pub struct StrikeNode {
    strike: Strike,
    /// Its appeal, read once for the fields that need it.
    appeal: tokio::sync::OnceCell<Option<Appeal>>,
}

impl StrikeNode {
    pub fn new(strike: Strike) -> Self {
        Self {
            strike,
            appeal: tokio::sync::OnceCell::new(),
        }
    }

    async fn appeal_of(&self, ctx: &Context<'_>) -> Result<Option<&Appeal>> {
        let appeal = self
            .appeal
            .get_or_try_init(|| async {
                let found = appeals::of_strikes(&ctx.state().app.db, &[self.strike.id])
                    .await
                    .api()?;
                Ok::<_, async_graphql::Error>(found.into_iter().next())
            })
            .await?;
        Ok(appeal.as_ref())
    }
}

/// A moderation action taken on an account, as its owner and moderators see it.
#[Object(name = "Strike")]
impl StrikeNode {
    async fn id(&self) -> ID {
        ids::encode(ids::STRIKE, self.strike.id.0)
    }

    async fn action(&self) -> AccountActionValue {
        self.strike.action.into()
    }

    /// The reason shown to the account's owner (may be empty).
    async fn reason(&self) -> &str {
        &self.strike.reason
    }

    /// The statuses it concerns that still exist.
    async fn statuses(&self, ctx: &Context<'_>) -> Result<Vec<StatusNode>> {
        if moderates(ctx) {
            let viewer = ctx.require_viewer()?;
            let found = account_actions::statuses_under_review(
                &ctx.state().app.db,
                viewer,
                &self.strike.statuses,
            )
            .await
            .api()?;
            return Ok(found.into_iter().map(StatusNode).collect());
        }
        let found = ctx
            .loaders()
            .statuses
            .load_many(self.strike.statuses.iter().copied())
            .await?;
        Ok(self
            .strike
            .statuses
            .iter()
            .filter_map(|id| found.get(id).cloned().flatten().map(StatusNode))
            .collect())
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.strike.created_at
    }

    /// Internal note; null unless the viewer moderates.
    async fn internal_note(&self, ctx: &Context<'_>) -> Option<&str> {
        moderates(ctx).then_some(self.strike.internal_note.as_str())
    }

    /// The appeal of this strike, once one was made.
    async fn appeal(&self, ctx: &Context<'_>) -> Result<Option<AppealNode>> {
        Ok(self.appeal_of(ctx).await?.cloned().map(AppealNode))
    }

    /// Until when the viewer may appeal this strike of theirs; null once appealed, past
    /// the 20 days, or not theirs.
    async fn appealable_until(&self, ctx: &Context<'_>) -> Result<Option<DateTime<Utc>>> {
        let until = appeals::appealable_until(&self.strike);
        if ctx
            .viewer()
            .is_none_or(|v| v.account_id != self.strike.account)
            || Utc::now() > until
        {
            return Ok(None);
        }
        let appealed = self.appeal_of(ctx).await?.is_some();
        Ok((!appealed).then_some(until))
    }

    /// Who acted; null unless the viewer moderates.
    async fn moderator(&self, ctx: &Context<'_>) -> Result<Option<AccountNode>> {
        match self.strike.moderator {
            Some(id) if moderates(ctx) => account(ctx, id).await.map(Some),
            _ => Ok(None),
        }
    }
}

/// Whether the viewer moderates accounts.
fn moderates(ctx: &Context<'_>) -> bool {
    ctx.viewer()
        .is_some_and(|v| v.may(Permission::ManageUsers) || v.may(Permission::ManageReports))
}

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
        Ok(StrikeNode::new(strike))
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
