//! Profiles: what an account shows of itself, as its owner changes it.

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind};
use crate::service::App;
use crate::service::accounts::{
    self, MAX_DISPLAY_NAME_CHARS, MAX_FIELD_CHARS, MAX_FIELDS, MAX_NOTE_CHARS,
};
use crate::service::follows;
use crate::service::media::{self, MediaServices, ProfilePicture};
use crate::service::text;
use crate::store;
use crate::types::{Account, ActivityKind, ProfileField, Viewer};
use crate::{DomainError, DomainResult};

/// Profile changes; a None field stays as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub note: Option<String>,
    pub locked: Option<bool>,
    pub bot: Option<bool>,
    pub discoverable: Option<bool>,
    /// Whether others may find the account's statuses by searching for their words.
    pub indexable: Option<bool>,
    pub fields: Option<Vec<ProfileField>>,
    /// A new avatar picture, as uploaded.
    pub avatar: Option<Vec<u8>>,
    /// A new header picture, as uploaded.
    pub header: Option<Vec<u8>>,
    /// The accounts the viewer names as its earlier selves (`alsoKnownAs`), replacing
    /// those named before: a move from one of them to the viewer is then believed.
    pub also_known_as: Option<Vec<AccountId>>,
}

/// The most accounts one names as one's earlier selves.
pub const MAX_ALIASES: usize = 10;

/// The actor ids of `aliases`, each once, checked: a few, existing, not oneself.
async fn alias_ids(
    db: &impl ConnectionTrait,
    me: AccountId,
    aliases: &[AccountId],
) -> DomainResult<Vec<String>> {
    if aliases.len() > MAX_ALIASES {
        return Err(DomainError::validation(
            "alsoKnownAs",
            format!("at most {MAX_ALIASES} accounts"),
        ));
    }
    if aliases.contains(&me) {
        return Err(DomainError::validation(
            "alsoKnownAs",
            "an account is not an alias of itself",
        ));
    }
    let found = store::accounts::by_ids(db, aliases).await?;
    let mut actor_ids: Vec<String> = Vec::with_capacity(aliases.len());
    for id in aliases {
        let account = found
            .iter()
            .find(|account| account.id == *id)
            .ok_or(DomainError::NotFound(Kind::Account))?;
        if !actor_ids.contains(&account.actor_id) {
            actor_ids.push(account.actor_id.clone());
        }
    }
    Ok(actor_ids)
}

fn check_length(field: &'static str, value: &str, max: usize) -> DomainResult<()> {
    if value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            format!("at most {max} characters"),
        ));
    }
    Ok(())
}

/// Updates the viewer's own profile.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id))]
pub async fn update_profile(
    app: &App,
    media: &MediaServices,
    viewer: &Viewer,
    update: ProfileUpdate,
) -> DomainResult<Account> {
    let account = accounts::get(&app.db, viewer.account_id).await?;
    let display_name = update
        .display_name
        .map(|name| name.trim().to_owned())
        .unwrap_or(account.display_name);
    check_length("displayName", &display_name, MAX_DISPLAY_NAME_CHARS)?;
    let note_source = update.note.unwrap_or(account.note_source);
    check_length("note", &note_source, MAX_NOTE_CHARS)?;
    // A field with neither name nor value is dropped, as Mastodon drops it.
    let fields: Vec<ProfileField> = update
        .fields
        .unwrap_or_else(|| account.fields.clone())
        .into_iter()
        .filter(|field| !(field.name.trim().is_empty() && field.value.trim().is_empty()))
        .collect();
    if fields.len() > MAX_FIELDS {
        return Err(DomainError::validation(
            "fields",
            format!("at most {MAX_FIELDS} fields"),
        ));
    }
    for field in &fields {
        check_length("fields", &field.name, MAX_FIELD_CHARS)?;
        check_length("fields", &field.value, MAX_FIELD_CHARS)?;
    }
    // Each value is rendered afresh; a link stays verified while its value is the same,
    // and one that changed is verified again, in the background.
    let mut rendered = Vec::with_capacity(fields.len());
    for field in fields {
        let verified_at = account
            .fields
            .iter()
            .find(|old| old.value == field.value && old.url().is_some())
            .and_then(|old| old.verified_at);
        rendered.push(ProfileField {
            value_html: text::render_field(&app.db, app.instance(), &field.value).await?,
            verified_at,
            ..field
        });
    }
    let fields = rendered;
    let to_verify = fields
        .iter()
        .any(|field| field.url().is_some() && field.verified_at.is_none());
    let note_html = if note_source.trim().is_empty() {
        String::new()
    } else {
        text::render(&app.db, app.instance(), &note_source)
            .await?
            .html
    };
    // Pictures are checked and kept before anything changes; a refused one changes nothing.
    let avatar_ref = match update.avatar {
        Some(bytes) => Some(media::profile_picture(media, bytes, ProfilePicture::Avatar).await?),
        None => account.avatar_ref,
    };
    let header_ref = match update.header {
        Some(bytes) => Some(media::profile_picture(media, bytes, ProfilePicture::Header).await?),
        None => account.header_ref,
    };
    let locked = update.locked.unwrap_or(account.locked);
    let also_known_as = match &update.also_known_as {
        Some(aliases) => Some(alias_ids(&app.db, viewer.account_id, aliases).await?),
        None => None,
    };
    let txn = app.write().await?;
    if let Some(actor_ids) = &also_known_as {
        store::accounts::set_also_known_as(&txn, viewer.account_id, actor_ids).await?;
    }
    store::accounts::update_profile(
        &txn,
        viewer.account_id,
        store::accounts::ProfileChange {
            display_name,
            note_source,
            note_html,
            locked,
            bot: update.bot.unwrap_or(account.bot),
            discoverable: update.discoverable.unwrap_or(account.discoverable),
            indexable: update.indexable.unwrap_or(account.indexable),
            fields,
            avatar_ref,
            header_ref,
        },
    )
    .await?;
    // Unlocking approves the requests waiting, as Mastodon does.
    if account.locked && !locked {
        follows::accept_all(&txn, viewer.account_id).await?;
    }
    let activity = app
        .outbox
        .activity(viewer.account_id, ActivityKind::UpdateActor);
    txn.record(&activity).await?;
    txn.commit().await?;
    if to_verify
        && let Err(error) = app
            .outbox
            .queue()
            .verify_links(vec![viewer.account_id])
            .await
    {
        // The profile is saved; its links stay unverified until it is saved again.
        tracing::warn!(%error, "verifying profile links could not be queued");
    }
    accounts::get(&app.db, viewer.account_id).await
}
