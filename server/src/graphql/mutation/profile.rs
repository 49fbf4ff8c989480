//! `updateProfile` and `moveAccount`.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject, Upload};
use rookery_domain::ids::Kind;
use rookery_domain::service::profiles::{self, MAX_ALIASES, ProfileUpdate};
use rookery_domain::service::{accounts, moves};
use rookery_domain::types::{Account, ProfileField};
use rookery_federation::resolve::{self, Resolved};

use crate::graphql::context::{ContextExt, instance};
use crate::graphql::error::{ApiResult, invalid};
use crate::graphql::query::accounts::resolve_error;
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
    /// Replaces the accounts one names as one's earlier selves (at most 10), by handle
    /// (`@user@domain`) or actor URL, asking their servers when they are not known here:
    /// an account one moves here from must be among them first.
    pub also_known_as: Option<Vec<String>>,
}

/// Moving one's account to another.
#[derive(InputObject)]
pub struct MoveAccountInput {
    /// The account moved to (one's new self), by handle (`@user@domain`) or actor URL.
    /// It must name this account among its aliases (`alsoKnownAs`).
    pub target: String,
    /// The current password, confirming the move.
    pub password: String,
}

#[derive(SimpleObject)]
pub struct MoveAccountPayload {
    /// The account moved, its `movedTo` set.
    pub account: AccountNode,
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
        let media = &ctx.state().media;
        let limit = media.limits.max_bytes;
        let picture = |upload: Option<Upload>| {
            upload
                .map(|upload| read_upload(ctx, &upload, limit))
                .transpose()
        };
        let also_known_as = match input.also_known_as {
            Some(named) if named.len() > MAX_ALIASES => {
                return Err(invalid(
                    "alsoKnownAs",
                    format!("at most {MAX_ALIASES} accounts"),
                ));
            }
            Some(named) => {
                let mut ids = Vec::with_capacity(named.len());
                for name in &named {
                    ids.push(named_account(ctx, "alsoKnownAs", name).await?.id);
                }
                Some(ids)
            }
            None => None,
        };
        let update = ProfileUpdate {
            also_known_as,
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
        let account = profiles::update_profile(&ctx.state().app, media, viewer, update)
            .await
            .api()?;
        Ok(UpdateProfilePayload {
            account: AccountNode(account),
        })
    }
}

/// The account `name` names: a handle (`@user@domain`, `user` for a local one) or an
/// actor URL, asked of its server when not known here (at the rate remote lookups are
/// allowed).
async fn named_account(ctx: &Context<'_>, field: &'static str, name: &str) -> Result<Account> {
    let viewer = ctx.check_lookup_rate()?;
    let federation = ctx.state().federation();
    let name = name.trim();
    if name.starts_with("https://") || name.starts_with("http://") {
        return match resolve::object(&federation, viewer.account_id, name)
            .await
            .map_err(|e| resolve_error(Kind::Account, e))?
        {
            Resolved::Account(account) => Ok(*account),
            Resolved::Status(_) => Err(invalid(field, format!("{name} is no account"))),
        };
    }
    if !name.trim_start_matches('@').contains('@') {
        let instance = instance(ctx).await?;
        return accounts::by_handle(&ctx.state().app.db, &instance, name)
            .await
            .api();
    }
    resolve::account(&federation, name)
        .await
        .map_err(|e| resolve_error(Kind::Account, e))
}

#[derive(Default)]
pub struct MoveMutation;

#[Object]
impl MoveMutation {
    /// Moves one's account to another (one's new self), which must name this one among
    /// its aliases (`alsoKnownAs`) as its server serves it now: this account's `movedTo`
    /// is set, its followers are sent a `Move` (their servers have them follow the new
    /// account) and its followers here follow the new account.
    async fn move_account(
        &self,
        ctx: &Context<'_>,
        input: MoveAccountInput,
    ) -> Result<MoveAccountPayload> {
        let viewer = ctx.require_viewer()?;
        let target = named_account(ctx, "target", &input.target).await?;
        let aliases = resolve::also_known_as(&ctx.state().federation(), &target)
            .await
            .map_err(|e| resolve_error(Kind::Account, e))?;
        let account = moves::move_to(&ctx.state().app, viewer, &input.password, &target, &aliases)
            .await
            .api()?;
        Ok(MoveAccountPayload {
            account: AccountNode(account),
        })
    }
}
