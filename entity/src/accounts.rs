//! Local and remote accounts (actors).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `username` for local accounts, `username@domain` for remote ones; lowercased, unique.
    #[sea_orm(unique)]
    pub handle: String,
    pub username: String,
    pub domain: Option<String>,
    pub display_name: String,
    pub note_source: String,
    pub note_html: String,
    pub fields: Json,
    pub avatar_ref: Option<String>,
    pub header_ref: Option<String>,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub indexable: bool,
    #[sea_orm(unique)]
    pub actor_id: String,
    pub url: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub outbox_url: Option<String>,
    pub followers_url: Option<String>,
    pub following_url: Option<String>,
    pub featured_url: Option<String>,
    pub public_key_pem: String,
    /// The id other servers sign with (`…#main-key` on Mastodon, `…/main-key` elsewhere).
    pub key_id: Option<String>,
    pub private_key_pem: Option<String>,
    /// The account this one moved to (a `Move`).
    pub moved_to_account_id: Option<Uuid>,
    /// The actor ids of the earlier selves a local account names (`alsoKnownAs`), as a
    /// JSON list; None for none.
    pub also_known_as: Option<Json>,
    /// What a remote account's server publishes of its counts (its collections'
    /// `totalItems`); None where it publishes none.
    pub published_statuses_count: Option<i64>,
    pub published_followers_count: Option<i64>,
    pub published_following_count: Option<i64>,
    /// Moderators' restrictions, each since when it holds.
    pub suspended_at: Option<DateTimeUtc>,
    pub limited_at: Option<DateTimeUtc>,
    pub sensitized_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
