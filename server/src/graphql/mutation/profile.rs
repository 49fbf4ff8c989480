//! `updateProfile`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, Upload};
use rookery_domain::service::accounts::{self, ProfileUpdate};
use rookery_domain::types::ProfileField;

use crate::graphql::context::{ContextExt, instance};
use crate::graphql::error::ApiResult;
use crate::graphql::types::AccountNode;

use super::media::read_upload;

#[derive(Default)]
pub struct ProfileMutation;

#[derive(InputObject)]
pub struct ProfileFieldInput {
    pub name: String,
    pub value: String,
}

/// Fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateProfileInput {
    pub display_name: Option<String>,
    /// The bio, in Markdown.
    pub note: Option<String>,
    /// Whether follows must be approved; turning it off approves the requests waiting.
    pub locked: Option<bool>,
    pub bot: Option<bool>,
    pub discoverable: Option<bool>,
    /// Whether others may find one's statuses by searching for their words.
    pub indexable: Option<bool>,
    /// Replaces all profile fields (at most 4); one with neither name nor value is dropped.
    pub fields: Option<Vec<ProfileFieldInput>>,
    /// A new avatar: a JPEG, PNG, WebP or GIF picture, kept at 640 pixels at most.
    pub avatar: Option<Upload>,
    /// A new header picture.
    pub header: Option<Upload>,
}

#[derive(SimpleObject)]
pub struct UpdateProfilePayload {
    pub account: AccountNode,
}

#[Object]
impl ProfileMutation {
    async fn update_profile(
        &self,
        ctx: &Context<'_>,
        input: UpdateProfileInput,
    ) -> Result<UpdateProfilePayload> {
        let viewer = ctx.require_viewer()?;
        let instance = instance(ctx).await?;
        let media = &ctx.state().media;
        let limit = media.limits.max_bytes;
        let picture = |upload: Option<Upload>| {
            upload
                .map(|upload| read_upload(ctx, &upload, limit))
                .transpose()
        };
        let update = ProfileUpdate {
            avatar: picture(input.avatar)?,
            header: picture(input.header)?,
            display_name: input.display_name,
            note: input.note,
            locked: input.locked,
            bot: input.bot,
            discoverable: input.discoverable,
            indexable: input.indexable,
            fields: input.fields.map(|fields| {
                fields
                    .into_iter()
                    .map(|f| ProfileField::typed(f.name, f.value))
                    .collect()
            }),
        };
        let account = accounts::update_profile(
            &ctx.state().db,
            &ctx.state().outbox,
            &instance,
            media,
            viewer,
            update,
        )
        .await
        .api()?;
        Ok(UpdateProfilePayload {
            account: AccountNode(account),
        })
    }
}
