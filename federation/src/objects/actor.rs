//! Local accounts as actor documents.

use rookery_domain::content;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::{accounts, media};
use rookery_domain::types::{Account, Instance};
use serde_json::{Value, json};

use super::{FederationResult, emoji};
use crate::protocol::actor::{Actor, Endpoints, Image, PropertyValue, PublicKey};
use crate::protocol::context;
use crate::protocol::emoji::Emoji;

/// The key id other servers resolve to verify this account's signatures.
pub fn key_id(account: &Account) -> String {
    account
        .key_id
        .clone()
        .unwrap_or_else(|| format!("{}#main-key", account.actor_id))
}

/// The texts of a profile that may use custom emoji: name, bio and fields.
pub fn profile_texts(account: &Account) -> impl Iterator<Item = &str> {
    [account.display_name.as_str(), account.note_html.as_str()]
        .into_iter()
        .chain(
            account
                .fields
                .iter()
                .flat_map(|f| [f.name.as_str(), f.value.as_str()]),
        )
}

/// The actor document of a local account, with the account it moved to and the custom
/// emoji of its profile.
pub async fn document(
    db: &DatabaseConnection,
    instance: &Instance,
    account: &Account,
) -> FederationResult<Actor> {
    let moved_to = match account.moved_to {
        Some(id) => Some(accounts::get(db, id).await?.actor_id),
        None => None,
    };
    let emojis = emoji::tags_of(db, instance, profile_texts(account)).await?;
    Ok(actor(instance, account, moved_to.as_deref(), &emojis))
}

/// The actor document of a local account: `Person`, `Service` for bots, `Application` for
/// the instance actor; `moved_to` is the actor id of the account it moved to, if it did,
/// and `emojis` are the `Emoji` tags of its profile.
pub fn actor(
    instance: &Instance,
    account: &Account,
    moved_to: Option<&str>,
    emojis: &[Emoji],
) -> Actor {
    let or_derived = |value: &Option<String>, suffix: &str| {
        value
            .clone()
            .unwrap_or_else(|| format!("{}/{suffix}", account.actor_id))
    };
    Actor {
        context: context::actor(),
        id: account.actor_id.clone(),
        kind: if account.is_instance_actor() {
            "Application"
        } else if account.bot {
            "Service"
        } else {
            "Person"
        }
        .into(),
        preferred_username: account.username.clone(),
        name: account.display_name.clone(),
        summary: account.note_html.clone(),
        url: account.url.clone(),
        inbox: account.inbox_url.clone(),
        outbox: or_derived(&account.outbox_url, "outbox"),
        followers: or_derived(&account.followers_url, "followers"),
        following: or_derived(&account.following_url, "following"),
        featured: or_derived(&account.featured_url, "collections/featured"),
        endpoints: Endpoints {
            shared_inbox: account
                .shared_inbox_url
                .clone()
                .unwrap_or_else(|| account.inbox_url.clone()),
        },
        manually_approves_followers: account.locked,
        discoverable: account.discoverable,
        indexable: account.indexable,
        published: account.created_at,
        public_key: PublicKey {
            id: key_id(account),
            owner: account.actor_id.clone(),
            public_key_pem: account.public_key_pem.clone(),
        },
        attachment: account
            .fields
            .iter()
            .map(|field| PropertyValue {
                kind: "PropertyValue".into(),
                name: field.name.clone(),
                value: field.value_html.clone(),
            })
            .collect(),
        tag: bio_hashtags(instance, account)
            .into_iter()
            .chain(emojis.iter().filter_map(|e| serde_json::to_value(e).ok()))
            .collect(),
        icon: account
            .avatar_ref
            .as_deref()
            .map(|reference| picture(instance, reference)),
        image: account
            .header_ref
            .as_deref()
            .map(|reference| picture(instance, reference)),
        also_known_as: account.also_known_as.clone(),
        moved_to: moved_to.map(str::to_owned),
    }
}

/// The hashtags of the account's bio as `Hashtag`s, as Mastodon lists them, named as
/// written.
fn bio_hashtags(instance: &Instance, account: &Account) -> Vec<Value> {
    content::hashtags_as_written(&account.note_source)
        .into_iter()
        .map(|written| {
            json!({
                "type": "Hashtag",
                "href": instance.url(&format!("/tags/{}", written.to_lowercase())),
                "name": format!("#{written}"),
            })
        })
        .collect()
}

/// A profile picture as an `Image`.
fn picture(instance: &Instance, reference: &str) -> Image {
    Image {
        kind: "Image".into(),
        media_type: media::content_type_of(reference).into(),
        url: media::picture_url(instance, reference),
    }
}
