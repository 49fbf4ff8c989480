//! `register`, `login`, `completeLogin`, `loginToAppeal`, `logout`, `revokeSession`.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::auth;
use rookery_domain::service::sign_ups::SignUpFrom;

use crate::graphql::context::{ContextExt, check_auth_rate, instance};
use crate::graphql::error::ApiResult;
use crate::graphql::ids;
use crate::graphql::types::AccountNode;

#[derive(Default)]
pub struct AuthMutation;

#[derive(InputObject)]
pub struct RegisterInput {
    /// Letters, digits and underscores; 1 to 30 characters.
    pub username: String,
    pub email: String,
    /// At least 8 characters.
    pub password: String,
    /// Why you want to join; moderators read it when sign-ups need approval.
    pub reason: Option<String>,
    /// An invite's code: sign-up then works while registrations are closed, without
    /// approval.
    pub invite_code: Option<String>,
}

#[derive(SimpleObject)]
pub struct RegisterPayload {
    pub account: AccountNode,
    /// A bearer token, when the account may log in at once.
    pub token: Option<String>,
    /// The account waits for a moderator's approval.
    pub pending_approval: bool,
}

#[derive(InputObject)]
pub struct LoginInput {
    /// Username or email.
    pub username: String,
    pub password: String,
}

#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send it as `Authorization: Bearer <token>`; null when a second factor is asked for.
    pub token: Option<String>,
    /// Null when a second factor is asked for.
    pub account: Option<AccountNode>,
    /// Set when the account has two-factor sign-in: give it to `completeLogin` with a code
    /// within five minutes.
    pub two_factor_challenge: Option<String>,
}

#[derive(SimpleObject)]
pub struct CompleteLoginPayload {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    pub account: AccountNode,
}

#[derive(InputObject)]
pub struct CompleteLoginInput {
    /// The `twoFactorChallenge` of `login`.
    pub challenge: String,
    /// A code of the authenticator app, or a recovery code.
    pub code: String,
}

#[derive(SimpleObject)]
pub struct LoginToAppealPayload {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    pub standing: AccountStanding,
}

/// Why an account cannot sign in.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum AccountStanding {
    Disabled,
    Suspended,
}

impl From<rookery_domain::types::AccountStanding> for AccountStanding {
    fn from(standing: rookery_domain::types::AccountStanding) -> Self {
        match standing {
            rookery_domain::types::AccountStanding::Disabled => Self::Disabled,
            rookery_domain::types::AccountStanding::Suspended => Self::Suspended,
        }
    }
}

#[derive(InputObject, Default)]
pub struct LogoutInput {
    /// Revoke every token of the account, not only this one.
    #[graphql(default = false)]
    pub everywhere: bool,
}

#[derive(SimpleObject)]
pub struct LogoutPayload {
    /// How many tokens were revoked.
    pub revoked_tokens: u64,
}

#[derive(InputObject)]
pub struct RevokeSessionInput {
    /// A `Session`'s id, from `sessions`.
    pub id: ID,
}

#[derive(SimpleObject)]
pub struct RevokeSessionPayload {
    pub revoked_session_id: ID,
}

#[Object]
impl AuthMutation {
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> Result<RegisterPayload> {
        check_auth_rate(ctx, &input.username).await?;
        let instance = instance(ctx).await?;
        let registration = auth::Registration {
            username: input.username,
            email: input.email,
            password: input.password,
            reason: input.reason,
        };
        let from = SignUpFrom {
            ip: ctx.client_ip(),
            invite_code: input.invite_code,
            mail_servers: ctx.state().mail_servers.clone(),
        };
        let state = ctx.state();
        let queue = state.app.outbox.queue().as_ref();
        let registered = auth::register_from(&state.app.db, queue, &instance, registration, from)
            .await
            .api()?;
        Ok(RegisterPayload {
            pending_approval: !registered.user.approved,
            account: AccountNode(registered.account),
            token: registered.token,
        })
    }

    /// Logs in with a password. An account with two-factor sign-in gets a
    /// `twoFactorChallenge` in place of a token: `completeLogin` finishes it.
    async fn login(&self, ctx: &Context<'_>, input: LoginInput) -> Result<LoginPayload> {
        check_auth_rate(ctx, &input.username).await?;
        let db = &ctx.state().app.db;
        let signed_in =
            auth::login_from(db, &input.username, &input.password, None, ctx.client_ip())
                .await
                .api()?;
        Ok(match signed_in {
            auth::SignIn::Done(user, token) => LoginPayload {
                token: Some(token),
                account: Some(account_of(ctx, &user).await?),
                two_factor_challenge: None,
            },
            auth::SignIn::SecondFactor(challenge) => LoginPayload {
                token: None,
                account: None,
                two_factor_challenge: Some(challenge),
            },
        })
    }

    /// The second step of logging in: the challenge `login` gave and a code of the
    /// authenticator app (each counts once) or a recovery code (used up). A wrong code is
    /// INVALID_TWO_FACTOR_CODE; after five, or five minutes, the challenge is void and this
    /// is UNAUTHENTICATED (log in again). Limited like `login`.
    async fn complete_login(
        &self,
        ctx: &Context<'_>,
        input: CompleteLoginInput,
    ) -> Result<CompleteLoginPayload> {
        check_auth_rate(ctx, &input.challenge).await?;
        let db = &ctx.state().app.db;
        let (user, token) = auth::complete_login(db, &input.challenge, &input.code)
            .await
            .api()?;
        Ok(CompleteLoginPayload {
            account: account_of(ctx, &user).await?,
            token,
        })
    }

    /// Signs a disabled or suspended person in to read their strikes and appeal them, with
    /// the same credentials as `login`. The token it gives reaches only `strikes`,
    /// `appealStrike`, `logout` and `instance`, and lasts an hour. Refused with VALIDATION
    /// when the account is in good standing (log in instead).
    async fn login_to_appeal(
        &self,
        ctx: &Context<'_>,
        input: LoginInput,
    ) -> Result<LoginToAppealPayload> {
        check_auth_rate(ctx, &input.username).await?;
        let db = &ctx.state().app.db;
        let (token, standing) =
            auth::login_to_appeal(db, &input.username, &input.password, ctx.client_ip())
                .await
                .api()?;
        Ok(LoginToAppealPayload {
            token,
            standing: standing.into(),
        })
    }

    async fn logout(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] input: LogoutInput,
    ) -> Result<LogoutPayload> {
        let viewer = ctx.require_viewer()?;
        let db = &ctx.state().app.db;
        let revoked_tokens = if input.everywhere {
            auth::revoke_all(db, viewer.user_id).await.api()?
        } else {
            auth::logout(db, viewer).await.api()?;
            1
        };
        Ok(LogoutPayload { revoked_tokens })
    }

    /// Ends one of the viewer's sessions, wherever it is; the browser or app holding it is
    /// signed out at its next request. Another's session is NOT_FOUND.
    async fn revoke_session(
        &self,
        ctx: &Context<'_>,
        input: RevokeSessionInput,
    ) -> Result<RevokeSessionPayload> {
        let viewer = ctx.require_viewer()?;
        let id = ids::session("id", &input.id)?;
        auth::revoke_session(&ctx.state().app.db, viewer, id)
            .await
            .api()?;
        Ok(RevokeSessionPayload {
            revoked_session_id: input.id,
        })
    }
}

async fn account_of(ctx: &Context<'_>, user: &rookery_domain::types::User) -> Result<AccountNode> {
    let db = &ctx.state().app.db;
    let account = rookery_domain::service::accounts::get(db, user.account_id)
        .await
        .api()?;
    Ok(AccountNode(account))
}
