//! Moderators and administrators acting: `moderateAccount`, `liftAccountAction`,
//! `assignReport`, `addReportNote`, `addAccountNote`, `createRole`, `updateRole`,
//! `deleteRole`, `assignRole`, `approveAccount`, `rejectAccount`, `setDomainBlock`, `removeDomainBlock`, `importDomainBlocks`.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::account_actions::{self, ActionInput};
use rookery_domain::service::domain_blocks::{self, BlockInput};
use rookery_domain::service::reports;
use rookery_domain::service::roles::{self, RoleInput as DomainRoleInput};
use rookery_domain::types::{AccountAction, NoteSubject, Permission, Viewer};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::ReportNode;
use crate::graphql::types::admin::{AdminAccountNode, PermissionValue, RoleNode};
use crate::graphql::types::domain_block::{
    DomainBlockChangeNode, DomainBlockNode, DomainBlockSeverityValue,
};
use crate::graphql::types::moderation::AccountActionValue;
use crate::graphql::types::strike::StrikeNode;

#[derive(Default)]
pub struct AdminMutation;

#[derive(InputObject)]
pub struct ApproveAccountInput {
    pub account_id: ID,
}

#[derive(SimpleObject)]
pub struct ApproveAccountPayload {
    pub account: AdminAccountNode,
}

#[derive(InputObject)]
pub struct RejectAccountInput {
    pub account_id: ID,
    /// Mailed to the applicant.
    #[graphql(default)]
    pub reason: String,
}

#[derive(SimpleObject)]
pub struct RejectAccountPayload {
    pub rejected_account_id: ID,
}

#[derive(InputObject)]
pub struct SetDomainBlockInput {
    pub domain: String,
    pub severity: DomainBlockSeverityValue,
    #[graphql(default)]
    pub reject_media: bool,
    #[graphql(default)]
    pub reject_reports: bool,
    #[graphql(default)]
    pub obfuscate: bool,
    #[graphql(default)]
    pub private_comment: String,
    #[graphql(default)]
    pub public_comment: String,
}

#[derive(SimpleObject)]
pub struct SetDomainBlockPayload {
    pub domain_block: DomainBlockNode,
}

#[derive(InputObject)]
pub struct RemoveDomainBlockInput {
    pub domain: String,
}

#[derive(SimpleObject)]
pub struct RemoveDomainBlockPayload {
    pub domain: String,
    pub removed: bool,
}

#[derive(InputObject)]
pub struct ImportDomainBlocksInput {
    /// Mastodon's CSV: a header `#domain,#severity,#reject_media,#reject_reports,
    /// #public_comment,#obfuscate`, then one line per domain (severity `noop`, `silence` or
    /// `limit`, `suspend`); or one domain per line.
    pub csv: String,
    /// False: only say what would change.
    #[graphql(default)]
    pub apply: bool,
}

#[derive(SimpleObject)]
pub struct ImportDomainBlocksPayload {
    pub changes: Vec<DomainBlockChangeNode>,
}

#[derive(InputObject)]
pub struct ModerateAccountInput {
    pub account_id: ID,
    pub action: AccountActionValue,
    /// Shown to the account's owner and mailed to local ones.
    #[graphql(default)]
    pub reason: String,
    /// Seen by moderators only.
    #[graphql(default)]
    pub internal_note: String,
    /// Reports this action resolves.
    #[graphql(default)]
    pub report_ids: Vec<ID>,
    /// Statuses the strike concerns.
    #[graphql(default)]
    pub status_ids: Vec<ID>,
    /// Mail a local account's owner.
    #[graphql(default = true)]
    pub notify: bool,
}

#[derive(SimpleObject)]
pub struct ModerateAccountPayload {
    pub strike: StrikeNode,
    pub account: AdminAccountNode,
}

#[derive(InputObject)]
pub struct LiftAccountActionInput {
    pub account_id: ID,
    /// SENSITIVE, DISABLE, LIMIT or SUSPEND: the restriction lifted (unsuspend, enable, …).
    pub action: AccountActionValue,
}

#[derive(SimpleObject)]
pub struct LiftAccountActionPayload {
    pub account: AdminAccountNode,
}

#[derive(InputObject)]
pub struct AssignReportInput {
    pub report_id: ID,
    /// False unassigns.
    #[graphql(default = true)]
    pub to_self: bool,
}

#[derive(SimpleObject)]
pub struct AssignReportPayload {
    pub report: ReportNode,
}

#[derive(InputObject)]
pub struct AddReportNoteInput {
    pub report_id: ID,
    pub text: String,
}

#[derive(SimpleObject)]
pub struct AddReportNotePayload {
    pub report: ReportNode,
}

#[derive(InputObject)]
pub struct AddAccountNoteInput {
    pub account_id: ID,
    pub text: String,
}

#[derive(SimpleObject)]
pub struct AddAccountNotePayload {
    pub account: AdminAccountNode,
}

#[derive(InputObject)]
pub struct RoleInput {
    pub name: String,
    /// `#rrggbb`, or unset for none.
    pub colour: Option<String>,
    pub position: i32,
    pub permissions: Vec<PermissionValue>,
}

impl From<RoleInput> for DomainRoleInput {
    fn from(input: RoleInput) -> Self {
        Self {
            name: input.name,
            colour: input.colour,
            position: input.position,
            permissions: input
                .permissions
                .into_iter()
                .map(Permission::from)
                .collect(),
        }
    }
}

#[derive(InputObject)]
pub struct CreateRoleInput {
    pub role: RoleInput,
}

#[derive(SimpleObject)]
pub struct CreateRolePayload {
    pub role: RoleNode,
}

#[derive(InputObject)]
pub struct UpdateRoleInput {
    pub role_id: ID,
    pub role: RoleInput,
}

#[derive(SimpleObject)]
pub struct UpdateRolePayload {
    pub role: RoleNode,
}

#[derive(InputObject)]
pub struct DeleteRoleInput {
    pub role_id: ID,
}

#[derive(SimpleObject)]
pub struct DeleteRolePayload {
    pub deleted_role_id: ID,
}

#[derive(InputObject)]
pub struct AssignRoleInput {
    pub account_id: ID,
    pub role_id: ID,
}

#[derive(SimpleObject)]
pub struct AssignRolePayload {
    pub account: AdminAccountNode,
}

async fn admin_account(
    ctx: &Context<'_>,
    viewer: &Viewer,
    id: rookery_domain::ids::AccountId,
) -> Result<AdminAccountNode> {
    account_actions::view(&ctx.state().app.db, viewer, id)
        .await
        .api()
        .map(AdminAccountNode)
}

#[Object]
impl AdminMutation {
    /// Acts on an account: a strike its owner is told of, the restriction the action
    /// leaves, the reports it resolves. Needs MANAGE_USERS (MANAGE_REPORTS suffices with
    /// `reportIds`).
    async fn moderate_account(
        &self,
        ctx: &Context<'_>,
        input: ModerateAccountInput,
    ) -> Result<ModerateAccountPayload> {
        let viewer = ctx.require_viewer()?;
        let account = ids::account("accountId", &input.account_id)?;
        let reports = input
            .report_ids
            .iter()
            .map(|id| ids::report("reportIds", id))
            .collect::<Result<Vec<_>>>()?;
        let statuses = input
            .status_ids
            .iter()
            .map(|id| ids::status("statusIds", id))
            .collect::<Result<Vec<_>>>()?;
        let strike = account_actions::take(
            &ctx.state().app,
            viewer,
            ActionInput {
                account,
                action: input.action.into(),
                reason: input.reason,
                internal_note: input.internal_note,
                reports,
                statuses,
                notify: input.notify,
            },
        )
        .await
        .api()?;
        Ok(ModerateAccountPayload {
            strike: StrikeNode::new(strike),
            account: admin_account(ctx, viewer, account).await?,
        })
    }

    /// Lifts what an action left on an account: unsuspends, enables, unlimits or unmarks
    /// its media. Needs MANAGE_USERS.
    async fn lift_account_action(
        &self,
        ctx: &Context<'_>,
        input: LiftAccountActionInput,
    ) -> Result<LiftAccountActionPayload> {
        let viewer = ctx.require_viewer()?;
        let account = ids::account("accountId", &input.account_id)?;
        let action: AccountAction = input.action.into();
        account_actions::lift(&ctx.state().app, viewer, account, action)
            .await
            .api()?;
        Ok(LiftAccountActionPayload {
            account: admin_account(ctx, viewer, account).await?,
        })
    }

    /// Assigns a report to the viewer, or to nobody. Needs MANAGE_REPORTS.
    async fn assign_report(
        &self,
        ctx: &Context<'_>,
        input: AssignReportInput,
    ) -> Result<AssignReportPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::report("reportId", &input.report_id)?;
        let report = reports::assign(&ctx.state().app, viewer, id, input.to_self)
            .await
            .api()?;
        Ok(AssignReportPayload {
            report: ReportNode(report),
        })
    }

    /// Adds a moderator's note to a report.
    async fn add_report_note(
        &self,
        ctx: &Context<'_>,
        input: AddReportNoteInput,
    ) -> Result<AddReportNotePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::report("reportId", &input.report_id)?;
        account_actions::add_note(
            &ctx.state().app,
            viewer,
            NoteSubject::Report(id),
            &input.text,
        )
        .await
        .api()?;
        let report = reports::get(&ctx.state().app.db, viewer, id).await.api()?;
        Ok(AddReportNotePayload {
            report: ReportNode(report),
        })
    }

    /// Adds a moderator's note to an account.
    async fn add_account_note(
        &self,
        ctx: &Context<'_>,
        input: AddAccountNoteInput,
    ) -> Result<AddAccountNotePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::account("accountId", &input.account_id)?;
        account_actions::add_note(
            &ctx.state().app,
            viewer,
            NoteSubject::Account(id),
            &input.text,
        )
        .await
        .api()?;
        Ok(AddAccountNotePayload {
            account: admin_account(ctx, viewer, id).await?,
        })
    }

    /// Approves a sign-up waiting for approval; its owner is mailed. Needs MANAGE_USERS.
    async fn approve_account(
        &self,
        ctx: &Context<'_>,
        input: ApproveAccountInput,
    ) -> Result<ApproveAccountPayload> {
        let viewer = ctx.require_viewer()?;
        let account = ids::account("accountId", &input.account_id)?;
        account_actions::approve(&ctx.state().app, viewer, account)
            .await
            .api()?;
        Ok(ApproveAccountPayload {
            account: admin_account(ctx, viewer, account).await?,
        })
    }

    /// Rejects a sign-up waiting for approval: its account goes, and its owner is mailed
    /// the reason. Needs MANAGE_USERS.
    async fn reject_account(
        &self,
        ctx: &Context<'_>,
        input: RejectAccountInput,
    ) -> Result<RejectAccountPayload> {
        let viewer = ctx.require_viewer()?;
        let account = ids::account("accountId", &input.account_id)?;
        account_actions::reject(&ctx.state().app, viewer, account, &input.reason)
            .await
            .api()?;
        Ok(RejectAccountPayload {
            rejected_account_id: input.account_id,
        })
    }

    /// Blocks a server, or changes its block; what the severity does to its accounts
    /// happens at once. Needs MANAGE_FEDERATION.
    async fn set_domain_block(
        &self,
        ctx: &Context<'_>,
        input: SetDomainBlockInput,
    ) -> Result<SetDomainBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let block = domain_blocks::set(
            &ctx.state().app.db,
            Some(viewer),
            BlockInput {
                domain: input.domain,
                severity: input.severity.into(),
                reject_media: input.reject_media,
                reject_reports: input.reject_reports,
                obfuscate: input.obfuscate,
                private_comment: input.private_comment,
                public_comment: input.public_comment,
            },
        )
        .await
        .api()?;
        Ok(SetDomainBlockPayload {
            domain_block: DomainBlockNode(block),
        })
    }

    /// Lifts a server's block and what it did to its accounts. Needs MANAGE_FEDERATION.
    async fn remove_domain_block(
        &self,
        ctx: &Context<'_>,
        input: RemoveDomainBlockInput,
    ) -> Result<RemoveDomainBlockPayload> {
        let viewer = ctx.require_viewer()?;
        let removed = domain_blocks::remove(&ctx.state().app.db, Some(viewer), &input.domain)
            .await
            .api()?;
        Ok(RemoveDomainBlockPayload {
            domain: input.domain,
            removed,
        })
    }

    /// Reads Mastodon's CSV of domain blocks: what it would change, or (`apply`) changes
    /// it. A line that does not read refuses it all. Needs MANAGE_FEDERATION.
    async fn import_domain_blocks(
        &self,
        ctx: &Context<'_>,
        input: ImportDomainBlocksInput,
    ) -> Result<ImportDomainBlocksPayload> {
        let viewer = ctx.require_viewer()?;
        let changes = domain_blocks::import(&ctx.state().app.db, viewer, &input.csv, input.apply)
            .await
            .api()?;
        Ok(ImportDomainBlocksPayload {
            changes: changes
                .into_iter()
                .map(|(block, change)| DomainBlockChangeNode(block, change))
                .collect(),
        })
    }

    /// Makes a role below the viewer's, granting only what the viewer holds. Needs
    /// MANAGE_ROLES.
    async fn create_role(
        &self,
        ctx: &Context<'_>,
        input: CreateRoleInput,
    ) -> Result<CreateRolePayload> {
        let viewer = ctx.require_viewer()?;
        let role = roles::create(&ctx.state().app, viewer, input.role.into())
            .await
            .api()?;
        Ok(CreateRolePayload {
            role: RoleNode(role),
        })
    }

    /// Changes a role below the viewer's. Needs MANAGE_ROLES.
    async fn update_role(
        &self,
        ctx: &Context<'_>,
        input: UpdateRoleInput,
    ) -> Result<UpdateRolePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::role("roleId", &input.role_id)?;
        let role = roles::update(&ctx.state().app, viewer, id, input.role.into())
            .await
            .api()?;
        Ok(UpdateRolePayload {
            role: RoleNode(role),
        })
    }

    /// Deletes a role below the viewer's; its holders become users. Needs MANAGE_ROLES.
    async fn delete_role(
        &self,
        ctx: &Context<'_>,
        input: DeleteRoleInput,
    ) -> Result<DeleteRolePayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::role("roleId", &input.role_id)?;
        roles::delete(&ctx.state().app, viewer, id).await.api()?;
        Ok(DeleteRolePayload {
            deleted_role_id: input.role_id,
        })
    }

    /// Gives a local account a role: its present role and the new one must both be below
    /// the viewer's. Needs MANAGE_USERS or MANAGE_ROLES.
    async fn assign_role(
        &self,
        ctx: &Context<'_>,
        input: AssignRoleInput,
    ) -> Result<AssignRolePayload> {
        let viewer = ctx.require_viewer()?;
        let account = ids::account("accountId", &input.account_id)?;
        let role = ids::role("roleId", &input.role_id)?;
        roles::assign(&ctx.state().app, viewer, account, role)
            .await
            .api()?;
        Ok(AssignRolePayload {
            account: admin_account(ctx, viewer, account).await?,
        })
    }
}
