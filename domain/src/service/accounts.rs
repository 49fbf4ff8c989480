//! Accounts: creating local ones, finding, profiles, and how the viewer relates to them.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::{AccountId, Kind};
use crate::service::media::{self, MediaServices, ProfilePicture};
use crate::service::outbox::Outbox;
use crate::service::text;
use crate::store;
use crate::types::account::INSTANCE_ACTOR;
use crate::types::{
    Account, ActivityKind, Instance, MAX_COUNT, ProfileField, Relationship, Viewer,
};
use crate::{DomainError, DomainResult};

pub const MAX_USERNAME_CHARS: usize = 30;
pub const MAX_DISPLAY_NAME_CHARS: usize = 30;
pub const MAX_NOTE_CHARS: usize = 500;
pub const MAX_FIELDS: usize = 4;
pub const MAX_FIELD_CHARS: usize = 255;

/// Names nobody may register: they would be confused with staff or with our own routes.
const RESERVED_USERNAMES: &[&str] = &[
    "admin",
    "administrator",
    "root",
    "support",
    "help",
    "moderator",
    "mod",
    "webmaster",
    "postmaster",
    "abuse",
    "security",
    "system",
    "instance",
    "actor",
    "rookery",
    "api",
    "graphql",
    "inbox",
    "outbox",
    "users",
    "tags",
    "about",
    "settings",
    "health",
    "ready",
    "nodeinfo",
    "well_known",
    "www",
    "static",
    "assets",
    "media",
];

/// Usernames as Mastodon has them: `[A-Za-z0-9_]`, 1 to 30 characters, not reserved.
pub fn validate_username(username: &str) -> DomainResult<()> {
    if username.is_empty() || username.chars().count() > MAX_USERNAME_CHARS {
        return Err(DomainError::validation(
            "username",
            format!("1 to {MAX_USERNAME_CHARS} characters"),
        ));
    }
    validate_username_chars(username)?;
    if RESERVED_USERNAMES.contains(&username.to_lowercase().as_str()) {
        return Err(DomainError::validation("username", "this name is reserved"));
    }
    Ok(())
}

fn validate_username_chars(username: &str) -> DomainResult<()> {
    if username
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        Ok(())
    } else {
        Err(DomainError::validation(
            "username",
            "only letters, digits and underscores",
        ))
    }
}

/// A new local account with a fresh RSA-2048 key pair; returns it and its private key PEM.
pub async fn new_local(instance: &Instance, username: &str) -> DomainResult<(Account, String)> {
    let (private_key_pem, public_key_pem) =
        tokio::task::spawn_blocking(generate_key_pair)
            .await
            .map_err(|error| DomainError::Internal(error.to_string()))??;
    let actor_id = instance.url(&format!("/users/{username}"));
    let now = Utc::now();
    let account = Account {
        id: AccountId::new(),
        username: username.to_owned(),
        domain: None,
        display_name: String::new(),
        note_source: String::new(),
        note_html: String::new(),
        fields: Vec::new(),
        avatar_ref: None,
        header_ref: None,
        locked: false,
        bot: false,
        discoverable: true,
        indexable: true,
        url: instance.url(&format!("/@{username}")),
        inbox_url: format!("{actor_id}/inbox"),
        shared_inbox_url: Some(instance.url("/inbox")),
        outbox_url: Some(format!("{actor_id}/outbox")),
        followers_url: Some(format!("{actor_id}/followers")),
        following_url: Some(format!("{actor_id}/following")),
        featured_url: Some(format!("{actor_id}/collections/featured")),
        moved_to: None,
        also_known_as: Vec::new(),
        key_id: Some(format!("{actor_id}#main-key")),
        actor_id,
        public_key_pem,
        created_at: now,
        updated_at: now,
    };
    Ok((account, private_key_pem))
}

/// The instance's own actor, created with its key pair the first time it is asked for.
pub async fn instance_actor(db: &DatabaseConnection, instance: &Instance) -> DomainResult<Account> {
    let handle = store::accounts::handle_key(INSTANCE_ACTOR, None);
    if let Some(actor) = store::accounts::by_handle(db, &handle).await? {
        return Ok(actor);
    }
    let (mut actor, private_key_pem) = new_local(instance, INSTANCE_ACTOR).await?;
    actor.display_name = instance.domain.clone();
    actor.locked = true;
    actor.discoverable = false;
    actor.indexable = false;
    // Two processes starting at once: one insert wins, and both read the winner.
    if let Err(error) = store::accounts::insert(db, &actor, Some(private_key_pem)).await {
        tracing::debug!(%error, "instance actor created elsewhere meanwhile");
    }
    store::accounts::by_handle(db, &handle)
        .await?
        .ok_or(DomainError::NotFound(Kind::Account))
}

/// A new RSA-2048 key pair, as PKCS#8 private and SPKI public PEM.
pub fn generate_key_pair() -> DomainResult<(String, String)> {
    use aws_lc_rs::encoding::AsDer;
    use aws_lc_rs::rsa::{KeyPair, KeySize};
    use aws_lc_rs::signature::KeyPair as _;
    let key_error = |error: &dyn std::fmt::Display| {
        DomainError::Internal(format!("generating a key pair: {error}"))
    };
    let private = KeyPair::generate(KeySize::Rsa2048).map_err(|e| key_error(&e))?;
    let private_der = private.as_der().map_err(|e| key_error(&e))?;
    let public_der = private.public_key().as_der().map_err(|e| key_error(&e))?;
    Ok((
        pem("PRIVATE KEY", private_der.as_ref()),
        pem("PUBLIC KEY", public_der.as_ref()),
    ))
}

/// DER bytes as PEM: base64 in lines of 64 between BEGIN and END lines naming `label`.
fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

pub async fn get(db: &impl ConnectionTrait, id: AccountId) -> DomainResult<Account> {
    store::accounts::by_id(db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Account))
}

pub async fn by_ids(db: &impl ConnectionTrait, ids: &[AccountId]) -> DomainResult<Vec<Account>> {
    Ok(store::accounts::by_ids(db, ids).await?)
}

/// A local account by its username (any case).
pub async fn local_by_username(db: &impl ConnectionTrait, username: &str) -> DomainResult<Account> {
    if validate_username_chars(username).is_err() && username != INSTANCE_ACTOR {
        return Err(DomainError::NotFound(Kind::Account));
    }
    store::accounts::by_handle(db, &store::accounts::handle_key(username, None))
        .await?
        .ok_or(DomainError::NotFound(Kind::Account))
}

/// Finds an account this instance knows by `user`, `@user`, `user@domain` or `@user@domain`.
pub async fn by_handle(
    db: &impl ConnectionTrait,
    instance: &Instance,
    handle: &str,
) -> DomainResult<Account> {
    let handle = handle.trim().trim_start_matches('@');
    let (username, domain) = match handle.split_once('@') {
        Some((username, domain)) if !instance.is_local_domain(domain) => (username, Some(domain)),
        Some((username, _)) => (username, None),
        None => (handle, None),
    };
    if username.is_empty() {
        return Err(DomainError::validation("handle", "not an account handle"));
    }
    store::accounts::by_handle(db, &store::accounts::handle_key(username, domain))
        .await?
        .ok_or(DomainError::NotFound(Kind::Account))
}

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
    db: &DatabaseConnection,
    outbox: &Outbox,
    instance: &Instance,
    media: &MediaServices,
    viewer: &Viewer,
    update: ProfileUpdate,
) -> DomainResult<Account> {
    let account = get(db, viewer.account_id).await?;
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
            value_html: text::render_field(db, instance, &field.value).await?,
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
        text::render(db, instance, &note_source).await?.html
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
        Some(aliases) => Some(alias_ids(db, viewer.account_id, aliases).await?),
        None => None,
    };
    let txn = crate::db::begin_write(db).await?;
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
    let answered = if account.locked && !locked {
        crate::service::follows::accept_all(&txn, outbox, viewer.account_id).await?
    } else {
        Default::default()
    };
    let activity = outbox.activity(viewer.account_id, ActivityKind::UpdateActor);
    let activity = outbox.record(&txn, &activity).await?;
    txn.commit().await?;
    outbox.publish(vec![activity]).await;
    answered.tell(outbox).await;
    if to_verify && let Err(error) = outbox.queue().verify_links(vec![viewer.account_id]).await {
        // The profile is saved; its links stay unverified until it is saved again.
        tracing::warn!(%error, "verifying profile links could not be queued");
    }
    get(db, viewer.account_id).await
}

/// Marks the field of `account` whose value is `value` verified at `at`, if the account
/// still has such a field (its owner may have changed it meanwhile). Local accounts only.
pub async fn mark_link_verified(
    db: &DatabaseConnection,
    account: AccountId,
    value: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> DomainResult<bool> {
    let txn = crate::db::begin_write(db).await?;
    let Some(mut current) = store::accounts::by_id(&txn, account).await? else {
        return Ok(false);
    };
    if !current.is_local() {
        return Ok(false);
    }
    let mut changed = false;
    for field in &mut current.fields {
        if field.value == value && field.verified_at.is_none() {
            field.verified_at = Some(at);
            changed = true;
        }
    }
    if changed {
        store::accounts::set_fields(&txn, account, &current.fields).await?;
    }
    txn.commit().await?;
    Ok(changed)
}

/// How the viewer relates to each of `accounts`.
pub async fn relationships(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    accounts: &[AccountId],
) -> DomainResult<HashMap<AccountId, Relationship>> {
    let following = store::follows::followed_among(db, viewer, accounts).await?;
    let followed_by = store::follows::followers_among(db, viewer, accounts).await?;
    let requested = store::follow_requests::requested_among(db, viewer, accounts).await?;
    let (blocking, blocked_by) = store::blocks::between(db, viewer, accounts).await?;
    let muting = store::mutes::muting_among(db, viewer, accounts).await?;
    Ok(accounts
        .iter()
        .map(|id| {
            (
                *id,
                Relationship {
                    following: following.contains(id),
                    followed_by: followed_by.contains(id),
                    requested: requested.contains(id),
                    blocking: blocking.contains(id),
                    blocked_by: blocked_by.contains(id),
                    muting: muting.contains_key(id),
                    muting_notifications: muting.get(id).is_some_and(|m| m.notifications),
                    muting_ends_at: muting.get(id).and_then(|m| m.ends_at),
                },
            )
        })
        .collect())
}

/// Statuses, followers and followees of each account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountCounts {
    pub statuses: u64,
    pub followers: u64,
    pub following: u64,
}

/// Each account's counts: a local account's as counted here; a remote account's as its
/// server publishes them, or where it publishes none, as far as this server has seen.
pub async fn counts(
    db: &impl ConnectionTrait,
    accounts: &[AccountId],
) -> DomainResult<HashMap<AccountId, AccountCounts>> {
    let statuses = store::statuses::counts_by_accounts(db, accounts).await?;
    let followers = store::follows::counts(db, accounts, true).await?;
    let following = store::follows::counts(db, accounts, false).await?;
    let published = store::accounts::published_counts(db, accounts).await?;
    Ok(accounts
        .iter()
        .map(|id| {
            let [p_statuses, p_followers, p_following] =
                published.get(id).copied().unwrap_or_default();
            let seen = |counted: &HashMap<AccountId, u64>, published: Option<u64>| {
                published
                    .or_else(|| counted.get(id).copied())
                    .unwrap_or(0)
                    .min(MAX_COUNT)
            };
            (
                *id,
                AccountCounts {
                    statuses: seen(&statuses, p_statuses),
                    followers: seen(&followers, p_followers),
                    following: seen(&following, p_following),
                },
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        for good in ["alice", "Bob_2", "a", &"x".repeat(30)] {
            assert!(validate_username(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "al ice",
            "al.ice",
            "élise",
            "admin",
            "Admin",
            &"x".repeat(31),
        ] {
            assert!(validate_username(bad).is_err(), "{bad}");
        }
    }
}
