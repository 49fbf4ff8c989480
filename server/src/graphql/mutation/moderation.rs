//! `createReport`, `resolveReport`, `setInstanceRules`, `markNotificationsRead`,
//! `dismissNotification`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::notifications;
use rookery_domain::service::reports::{self, NewReport};
use rookery_domain::service::rules::{self, RuleInput};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::ReportNode;
use crate::graphql::types::instance::InstanceRuleValue;
use crate::graphql::types::moderation::ReportCategoryValue;

#[derive(Default)]
pub struct ModerationMutation;

#[derive(InputObject)]
pub struct CreateReportInput {
    /// The account reported.
    pub account_id: ID,
    /// Statuses of that account that show the problem.
    #[graphql(default)]
    pub status_ids: Vec<ID>,
    #[graphql(default)]
    pub comment: String,
    #[graphql(default_with = "ReportCategoryValue::Other")]
    pub category: ReportCategoryValue,
    /// The instance's rules broken (`instance.rules`), for a report of a `VIOLATION` only.
    #[graphql(default)]
    pub rule_ids: Vec<ID>,
    /// Tell the account's server too (for accounts on other servers); the report goes
    /// from this instance, not from you.
    #[graphql(default)]
    pub forward: bool,
}

#[derive(SimpleObject)]
pub struct CreateReportPayload {
    /// The report's id; the report itself is for moderators.
    pub report_id: ID,
}

#[derive(InputObject)]
pub struct ResolveReportInput {
    pub report_id: ID,
    /// False opens it again.
    #[graphql(default = true)]
    pub resolved: bool,
}

#[derive(SimpleObject)]
pub struct ResolveReportPayload {
    pub report: ReportNode,
}

#[derive(InputObject)]
pub struct SetInstanceRulesInput {
    /// Every rule, in order; those left out are gone.
    pub rules: Vec<InstanceRuleInput>,
}

#[derive(InputObject)]
pub struct InstanceRuleInput {
    /// An existing rule's id, kept so that reports citing it still do; unset for a new one.
    pub id: Option<ID>,
    pub text: String,
    #[graphql(default)]
    pub hint: String,
}

#[derive(SimpleObject)]
pub struct SetInstanceRulesPayload {
    pub rules: Vec<InstanceRuleValue>,
}

#[derive(InputObject)]
pub struct DismissNotificationInput {
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct DismissNotificationPayload {
    pub dismissed_notification_id: ID,
}

#[derive(InputObject)]
pub struct MarkNotificationsReadInput {
    /// Marks read this notification and every older one; unset, all of them.
    pub up_to_id: Option<ID>,
}

#[derive(SimpleObject)]
pub struct MarkNotificationsReadPayload {
    /// How many were unread and are read now.
    pub marked: u64,
}

#[Object]
impl ModerationMutation {
    /// Reports an account (and some of its statuses) to this instance's moderators.
    async fn create_report(
        &self,
        ctx: &Context<'_>,
        input: CreateReportInput,
    ) -> Result<CreateReportPayload> {
        let viewer = ctx.require_viewer()?;
        let target = ids::account("accountId", &input.account_id)?;
        let statuses = input
            .status_ids
            .iter()
            .map(|id| ids::status("statusIds", id))
            .collect::<Result<Vec<_>>>()?;
        let rules = input
            .rule_ids
            .iter()
            .map(|id| ids::rule("ruleIds", id))
            .collect::<Result<Vec<_>>>()?;
        let report = reports::file(
            &ctx.state().app,
            viewer,
            NewReport {
                target,
                statuses,
                comment: input.comment,
                category: input.category.into(),
                rules,
                forward: input.forward,
            },
        )
        .await
        .api()?;
        Ok(CreateReportPayload {
            report_id: ids::encode(ids::REPORT, report.id.0),
        })
    }

    /// Replaces the instance's rules, in the order given. Administrators only.
    async fn set_instance_rules(
        &self,
        ctx: &Context<'_>,
        input: SetInstanceRulesInput,
    ) -> Result<SetInstanceRulesPayload> {
        let viewer = ctx.require_viewer()?;
        let input = input
            .rules
            .into_iter()
            .map(|rule| {
                let id = rule
                    .id
                    .as_ref()
                    .map(|id| ids::rule("rules", id))
                    .transpose()?;
                Ok(RuleInput {
                    id,
                    text: rule.text,
                    hint: rule.hint,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let rules = rules::set(&ctx.state().app, viewer, input).await.api()?;
        Ok(SetInstanceRulesPayload {
            rules: rules.into_iter().map(InstanceRuleValue::from).collect(),
        })
    }

    /// Resolves a report without acting on the account (dismisses it; a local reporter
    /// is told), or opens it again. Needs MANAGE_REPORTS.
    async fn resolve_report(
        &self,
        ctx: &Context<'_>,
        input: ResolveReportInput,
    ) -> Result<ResolveReportPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::report("reportId", &input.report_id)?;
        let report = reports::resolve(&ctx.state().app, viewer, id, input.resolved)
            .await
            .api()?;
        Ok(ResolveReportPayload {
            report: ReportNode(report),
        })
    }

    /// Marks the viewer's notifications read.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        input: MarkNotificationsReadInput,
    ) -> Result<MarkNotificationsReadPayload> {
        let viewer = ctx.require_viewer()?;
        let up_to = input
            .up_to_id
            .as_ref()
            .map(|id| ids::notification("upToId", id))
            .transpose()?;
        let marked = notifications::mark_read(&ctx.state().app.db, viewer, up_to)
            .await
            .api()?;
        Ok(MarkNotificationsReadPayload { marked })
    }

    /// Dismisses one of the viewer's notifications: it leaves the list and the count.
    async fn dismiss_notification(
        &self,
        ctx: &Context<'_>,
        input: DismissNotificationInput,
    ) -> Result<DismissNotificationPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::notification("id", &input.id)?;
        notifications::dismiss(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(DismissNotificationPayload {
            dismissed_notification_id: input.id,
        })
    }
}
