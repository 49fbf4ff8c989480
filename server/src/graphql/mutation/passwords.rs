//! `changePassword`, `requestPasswordReset`, `resetPassword`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::{accounts, passwords};

use crate::graphql::context::{ContextExt, check_auth_rate};
use crate::graphql::error::ApiResult;
use crate::graphql::types::AccountNode;

#[derive(Default)]
pub struct PasswordMutation;

#[derive(InputObject)]
pub struct ChangePasswordInput {
    pub current_password: String,
    /// At least 8 characters.
    pub new_password: String,
    #[graphql(default = false)]
    pub keep_other_sessions: bool,
}

#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    /// How many other sessions and tokens were revoked.
    pub revoked_tokens: u64,
}

#[derive(InputObject)]
pub struct RequestPasswordResetInput {
    /// Email or username.
    pub login: String,
}

#[derive(SimpleObject)]
pub struct RequestPasswordResetPayload {
    /// Always true: the mail went if the account exists.
    pub requested: bool,
}

#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// The `token` of the link in the mail.
    pub token: String,
    /// At least 8 characters.
    pub new_password: String,
}

#[derive(SimpleObject)]
pub struct ResetPasswordPayload {
    /// The account whose password was reset; sign in with the new one.
    pub account: AccountNode,
}

#[Object]
impl PasswordMutation {
    /// Changes the viewer's password; the current one is needed. Every other session and
    /// token of the account is revoked unless `keepOtherSessions`.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> Result<ChangePasswordPayload> {
        let viewer = ctx.require_viewer()?;
        // Guessing the current password is limited like logging in.
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        let app = &ctx.state().app;
        let revoked_tokens = passwords::change(
            app,
            viewer,
            &input.current_password,
            input.new_password,
            input.keep_other_sessions,
        )
        .await
        .api()?;
        Ok(ChangePasswordPayload { revoked_tokens })
    }

    /// Mails a link to reset the password of the account with this email or username. The
    /// answer is the same whether there is such an account or not. Limited like `login`.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        input: RequestPasswordResetInput,
    ) -> Result<RequestPasswordResetPayload> {
        check_auth_rate(ctx, &input.login).await?;
        passwords::request_reset(&ctx.state().app, &input.login)
            .await
            .api()?;
        Ok(RequestPasswordResetPayload { requested: true })
    }

    /// Sets a new password with the token of a reset mail (used once, valid for an hour);
    /// every session and token of the account is revoked. A token that is wrong, used or
    /// expired is VALIDATION on `token`.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        input: ResetPasswordInput,
    ) -> Result<ResetPasswordPayload> {
        // Limited per address (a token names no account to count against).
        check_auth_rate(ctx, &input.token).await?;
        let app = &ctx.state().app;
        let user = passwords::reset(app, &input.token, input.new_password)
            .await
            .api()?;
        let account = accounts::get(&app.db, user.account_id).await.api()?;
        Ok(ResetPasswordPayload {
            account: AccountNode(account),
        })
    }
}
