//! `updateProfile`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use rookery_domain::service::accounts::{self, ProfileUpdate};
use rookery_domain::types::ProfileField;

use crate::graphql::context::{ContextExt, instance};
use crate::graphql::error::ApiResult;
use crate::graphql::types::AccountNode;

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
    pub locked: Option<bool>,
    pub bot: Option<bool>,
    pub discoverable: Option<bool>,
    /// Replaces all profile fields (at most 4).
    pub fields: Option<Vec<ProfileFieldInput>>,
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
        let update = ProfileUpdate {
            display_name: input.display_name,
            note: input.note,
            locked: input.locked,
            bot: input.bot,
            discoverable: input.discoverable,
            fields: input.fields.map(|fields| {
                fields
                    .into_iter()
                    .map(|f| ProfileField {
                        name: f.name,
                        value: f.value,
                    })
                    .collect()
            }),
        };
        let account = accounts::update_profile(
            &ctx.state().db,
            &ctx.state().outbox,
            &instance,
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
