//! `claimInstance`: first-run setup with the token the server printed; `updateInstance`
//! and `setInstanceThumbnail`: the instance's settings and picture, changed by its
//! administrators.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, Upload};
use rookery_domain::service::{instance as settings, setup, thumbnail};

use super::media::read_upload;
use crate::graphql::context::{ContextExt, check_auth_rate, instance};
use crate::graphql::error::ApiResult;
use crate::graphql::types::AccountNode;
use crate::graphql::types::instance::{InstanceValue, RegistrationModeValue};

#[derive(Default)]
pub struct SetupMutation;

#[derive(InputObject)]
pub struct ClaimInstanceInput {
    /// The token of the setup link `rookery serve` printed (`/setup/<token>`).
    pub token: String,
    /// The owner's username: letters, digits and underscores; 1 to 30 characters.
    pub username: String,
    pub email: String,
    /// At least 8 characters.
    pub password: String,
    /// The instance's name, 1 to 100 characters.
    pub name: String,
    #[graphql(default)]
    pub description: String,
    pub registration_mode: RegistrationModeValue,
}

#[derive(SimpleObject)]
pub struct ClaimInstancePayload {
    /// The owner's account, an admin; sign in with its password.
    pub account: AccountNode,
    pub instance: InstanceValue,
}

#[derive(InputObject)]
pub struct UpdateInstanceInput {
    /// 1 to 100 characters.
    pub name: Option<String>,
    /// At most 5,000 characters.
    pub description: Option<String>,
    pub registration_mode: Option<RegistrationModeValue>,
    /// The most characters a status may have: 100 to 100,000.
    pub max_status_chars: Option<u64>,
    /// At most 20,000 characters.
    pub long_description: Option<String>,
    /// An email address, or "" to clear it.
    pub contact_email: Option<String>,
    /// A local account's username, or "" to clear it.
    pub contact_username: Option<String>,
    /// A BCP 47 language tag, 2 to 35 characters.
    pub default_locale: Option<String>,
    /// How many days the addresses people sign up and sign in from are kept: 1 to 3,650.
    pub ip_retention_days: Option<u32>,
    /// Whether new accounts confirm their email address before they post, follow or
    /// message.
    pub require_email_confirmation: Option<bool>,
    /// Whether people whose role grants moderation or administration permissions must
    /// turn on two-factor sign-in before they use them (TWO_FACTOR_REQUIRED until then).
    pub require_staff_two_factor: Option<bool>,
}

#[derive(SimpleObject)]
pub struct UpdateInstancePayload {
    pub instance: InstanceValue,
}

#[derive(InputObject)]
pub struct SetInstanceThumbnailInput {
    /// A JPEG, PNG, WebP or GIF of at most 8 MB, sent as a multipart upload; null removes
    /// the picture.
    pub file: Option<Upload>,
}

#[derive(SimpleObject)]
pub struct SetInstanceThumbnailPayload {
    pub instance: InstanceValue,
}

#[Object]
impl SetupMutation {
    /// Creates the owner's account (an admin) and names the instance, with the one-time
    /// token `rookery serve` prints while the instance has no admin. A wrong or used token
    /// is FORBIDDEN, and nothing changes.
    async fn claim_instance(
        &self,
        ctx: &Context<'_>,
        input: ClaimInstanceInput,
    ) -> Result<ClaimInstancePayload> {
        check_auth_rate(ctx, &input.username).await?;
        let state = ctx.state();
        let claim = setup::Claim {
            token: input.token,
            username: input.username,
            email: input.email,
            password: input.password,
            name: input.name,
            description: input.description,
            registration_mode: input.registration_mode.into(),
        };
        let (account, _) = setup::claim(&state.app.db, state.app.instance(), claim)
            .await
            .api()?;
        Ok(ClaimInstancePayload {
            account: AccountNode(account),
            instance: instance(ctx).await?.into(),
        })
    }

    /// Changes what is given of the instance's settings, all or (when one is refused)
    /// none. Administrators only.
    async fn update_instance(
        &self,
        ctx: &Context<'_>,
        input: UpdateInstanceInput,
    ) -> Result<UpdateInstancePayload> {
        let viewer = ctx.require_viewer()?;
        let change = settings::SettingsChange {
            name: input.name,
            description: input.description,
            registration_mode: input.registration_mode.map(Into::into),
            // Past usize's range is past the limit's too.
            max_status_chars: input
                .max_status_chars
                .map(|max| usize::try_from(max).unwrap_or(usize::MAX)),
            long_description: input.long_description,
            contact_email: input.contact_email,
            contact_username: input.contact_username,
            default_locale: input.default_locale,
            ip_retention_days: input.ip_retention_days,
            require_email_confirmation: input.require_email_confirmation,
            require_staff_two_factor: input.require_staff_two_factor,
        };
        let instance = settings::update(&ctx.state().app, viewer, change)
            .await
            .api()?;
        Ok(UpdateInstancePayload {
            instance: instance.into(),
        })
    }

    /// Sets the server's picture, or removes it with a null file. Needs MANAGE_SETTINGS.
    async fn set_instance_thumbnail(
        &self,
        ctx: &Context<'_>,
        input: SetInstanceThumbnailInput,
    ) -> Result<SetInstanceThumbnailPayload> {
        let viewer = ctx.require_viewer()?;
        // The role is checked before the upload is read.
        viewer
            .require(rookery_domain::types::Permission::ManageSettings)
            .api()?;
        let bytes = input
            .file
            .as_ref()
            .map(|file| read_upload(ctx, file, thumbnail::MAX_THUMBNAIL_BYTES))
            .transpose()?;
        let state = ctx.state();
        thumbnail::set(&state.app, &state.media, viewer, bytes)
            .await
            .api()?;
        Ok(SetInstanceThumbnailPayload {
            instance: state.app.settings().await.api()?.into(),
        })
    }
}
