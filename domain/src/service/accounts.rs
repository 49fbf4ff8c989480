//! Accounts: creating local ones, finding them, and how the viewer relates to them.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::ids::{AccountId, Kind};
use crate::store;
use crate::types::account::INSTANCE_ACTOR;
use crate::types::{Account, Instance, MAX_COUNT, Permission, Relationship, Viewer};
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
        restrictions: Default::default(),
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

/// A local account by its username (any case), as the world may look it up: a suspended
/// one is not found (its actor, profile page, collections and posts are gone).
pub async fn local_by_username(db: &impl ConnectionTrait, username: &str) -> DomainResult<Account> {
    if validate_username_chars(username).is_err() && username != INSTANCE_ACTOR {
        return Err(DomainError::NotFound(Kind::Account));
    }
    store::accounts::by_handle(db, &store::accounts::handle_key(username, None))
        .await?
        .filter(|account| !account.restrictions.suspended())
        .ok_or(DomainError::NotFound(Kind::Account))
}

/// An account as `viewer` may look it up: a suspended one only by moderators.
pub async fn visible(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    id: AccountId,
) -> DomainResult<Account> {
    let account = get(db, id).await?;
    let moderates =
        viewer.is_some_and(|v| v.may(Permission::ManageUsers) || v.may(Permission::ManageReports));
    if account.restrictions.suspended() && !moderates {
        return Err(DomainError::NotFound(Kind::Account));
    }
    Ok(account)
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

/// How the audit log names an account.
pub fn audit_target(account: &Account) -> crate::types::AuditTarget {
    crate::types::AuditTarget {
        kind: "Account",
        id: account.id.0,
        name: format!("@{}", account.acct()),
    }
}

/// Erases what an account posted and whom it follows: its statuses become tombstones
/// (replies to them stay in their threads), their tags, media and quotes go, and its
/// follows end both ways. The account row stays, so that tombstones keep an author.
/// Returns how many statuses went.
pub(crate) async fn erase_content(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> DomainResult<u64> {
    let removed = store::statuses::tombstone_all_of(db, account, chrono::Utc::now()).await?;
    store::tags::detach_all_of(db, account).await?;
    store::media_attachments::detach_all_of(db, account).await?;
    store::quotes::delete_all_of(db, account).await?;
    store::follows::delete_all_of(db, account).await?;
    store::follow_requests::delete_all_of(db, account).await?;
    Ok(removed)
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
