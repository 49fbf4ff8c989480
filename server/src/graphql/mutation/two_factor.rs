//! `beginTotpSetup`, `enableTotp`, `disableTotp`, `regenerateRecoveryCodes`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::two_factor;

use crate::graphql::context::{ContextExt, check_auth_rate};
use crate::graphql::error::ApiResult;

#[derive(Default)]
pub struct TwoFactorMutation;

#[derive(InputObject)]
pub struct BeginTotpSetupInput {
    /// The viewer's current password.
    pub password: String,
}

#[derive(SimpleObject)]
pub struct BeginTotpSetupPayload {
    /// The secret in base32, for typing into an authenticator app.
    pub secret: String,
    /// The `otpauth://totp/…` URI the QR code holds.
    pub uri: String,
    /// The QR code of `uri`, as an SVG document.
    pub qr_svg: String,
}

#[derive(InputObject)]
pub struct EnableTotpInput {
    /// A code the authenticator app shows for the new secret.
    pub code: String,
}

#[derive(SimpleObject)]
pub struct EnableTotpPayload {
    /// Ten codes, each signing in once when the authenticator is lost; shown this once.
    pub recovery_codes: Vec<String>,
}

#[derive(SimpleObject)]
pub struct RegenerateRecoveryCodesPayload {
    /// Ten new codes in place of the old ones; shown this once.
    pub recovery_codes: Vec<String>,
}

#[derive(InputObject)]
pub struct SecondFactorCheckInput {
    /// The viewer's current password.
    pub password: String,
    /// A code of the authenticator app, or a recovery code.
    pub code: String,
}

#[derive(SimpleObject)]
pub struct DisableTotpPayload {
    /// Always true: two-factor sign-in is off.
    pub disabled: bool,
}

#[Object]
impl TwoFactorMutation {
    /// Starts setting up two-factor sign-in with an authenticator app (the password
    /// needed): a new secret, its URI and QR code. `enableTotp` with a first code turns it
    /// on. VALIDATION when it is on already.
    async fn begin_totp_setup(
        &self,
        ctx: &Context<'_>,
        input: BeginTotpSetupInput,
    ) -> Result<BeginTotpSetupPayload> {
        let viewer = ctx.require_viewer()?;
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        let setup = two_factor::begin_totp(&ctx.state().app, viewer, &input.password)
            .await
            .api()?;
        let qr_svg = crate::qr::svg(&setup.uri).unwrap_or_default();
        Ok(BeginTotpSetupPayload {
            secret: setup.secret,
            uri: setup.uri,
            qr_svg,
        })
    }

    /// Turns two-factor sign-in on with a first code of the secret being set up, and gives
    /// ten recovery codes, this once. A wrong code is INVALID_TWO_FACTOR_CODE.
    async fn enable_totp(
        &self,
        ctx: &Context<'_>,
        input: EnableTotpInput,
    ) -> Result<EnableTotpPayload> {
        let viewer = ctx.require_viewer()?;
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        let recovery_codes = two_factor::enable_totp(&ctx.state().app, viewer, &input.code)
            .await
            .api()?;
        Ok(EnableTotpPayload { recovery_codes })
    }

    /// Turns two-factor sign-in off: the password and a code (or a recovery code) needed;
    /// the recovery codes go too.
    async fn disable_totp(
        &self,
        ctx: &Context<'_>,
        input: SecondFactorCheckInput,
    ) -> Result<DisableTotpPayload> {
        let viewer = ctx.require_viewer()?;
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        two_factor::disable_totp(&ctx.state().app, viewer, &input.password, &input.code)
            .await
            .api()?;
        Ok(DisableTotpPayload { disabled: true })
    }

    /// Ten new recovery codes in place of the old ones (the password and a code needed),
    /// shown this once.
    async fn regenerate_recovery_codes(
        &self,
        ctx: &Context<'_>,
        input: SecondFactorCheckInput,
    ) -> Result<RegenerateRecoveryCodesPayload> {
        let viewer = ctx.require_viewer()?;
        check_auth_rate(ctx, &viewer.account_id.0.to_string()).await?;
        let app = &ctx.state().app;
        let recovery_codes =
            two_factor::regenerate_recovery_codes(app, viewer, &input.password, &input.code)
                .await
                .api()?;
        Ok(RegenerateRecoveryCodesPayload { recovery_codes })
    }
}
