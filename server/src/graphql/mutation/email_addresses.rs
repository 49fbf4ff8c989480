//! `confirmEmail`, `resendEmailConfirmation`, `changeEmail`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::{accounts, email_addresses};

use crate::graphql::context::{ContextExt, check_auth_rate};
use crate::graphql::error::ApiResult;
use crate::graphql::types::AccountNode;

#[derive(Default)]
pub struct EmailAddressMutation;

#[derive(InputObject)]
pub struct ConfirmEmailInput {
    /// The `token` of the link in the mail.
    pub token: String,
}

#[derive(SimpleObject)]
pub struct ConfirmEmailPayload {
    /// The address now confirmed.
    pub email: String,
    pub account: AccountNode,
}

#[derive(InputObject, Default)]
pub struct ResendEmailConfirmationInput {
    /// The address the client shows as waiting; when another waits now (it changed since),
    /// VALIDATION and nothing is sent.
    pub email: Option<String>,
}

#[derive(SimpleObject)]
pub struct ResendEmailConfirmationPayload {
    /// Where the new link went.
    pub email: String,
}

#[derive(InputObject)]
pub struct ChangeEmailInput {
    /// The new address.
    pub email: String,
    /// The viewer's current password.
    pub password: String,
}

#[derive(SimpleObject)]
pub struct ChangeEmailPayload {
    /// The new address, waiting for the link mailed to it to be followed.
    pub pending: String,
}

#[Object]
impl EmailAddressMutation {
    /// Follows the link mailed to confirm an address: it becomes the account's, confirmed,
    /// and an earlier address is told of the change. A token that is wrong, used, expired
    /// or older than the newest link mailed is VALIDATION on `token`; an address taken
    /// since is EMAIL_TAKEN. Needs no viewer (the link may be opened in another browser).
    async fn confirm_email(
        &self,
        ctx: &Context<'_>,
        input: ConfirmEmailInput,
    ) -> Result<ConfirmEmailPayload> {
        // Limited per address (a token names no account to count against).
        check_auth_rate(ctx, &input.token).await?;
        let app = &ctx.state().app;
        let user = email_addresses::confirm(app, &input.token).await.api()?;
        let account = accounts::get(&app.db, user.account_id).await.api()?;
        Ok(ConfirmEmailPayload {
            email: user.email,
            account: AccountNode(account),
        })
    }

    /// Mails a new link for the address waiting to be confirmed (a new one asked for, or
    /// the viewer's own while unconfirmed); earlier links stop working. VALIDATION when
    /// nothing waits; RATE_LIMITED within a minute of the last link or after five a day.
    async fn resend_email_confirmation(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] input: ResendEmailConfirmationInput,
    ) -> Result<ResendEmailConfirmationPayload> {
        let viewer = ctx.require_viewer()?;
        let email = email_addresses::resend(&ctx.state().app, viewer, input.email.as_deref())
            .await
            .api()?;
        Ok(ResendEmailConfirmationPayload { email })
    }

    /// Asks to change the viewer's address (their password needed): a link is mailed to
    /// the new one, which becomes theirs when it is followed. EMAIL_TAKEN when another
    /// account has it; limited like `resendEmailConfirmation`.
    async fn change_email(
        &self,
        ctx: &Context<'_>,
        input: ChangeEmailInput,
    ) -> Result<ChangeEmailPayload> {
        let viewer = ctx.require_viewer()?;
        // Guessing the password is limited like logging in.
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        let pending =
            email_addresses::change(&ctx.state().app, viewer, &input.email, &input.password)
                .await
                .api()?;
        Ok(ChangeEmailPayload { pending })
    }
}
