//! Custom emoji: local ones (no domain) and other servers', with this server's copy.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_emojis")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub shortcode: String,
    /// The server it comes from; None for this server's own.
    pub domain: Option<String>,
    /// Its ActivityPub id on its server, when it gave one.
    pub uri: Option<String>,
    /// Where its server serves the picture (remote emoji only).
    pub image_url: Option<String>,
    pub state: String,
    pub error: Option<String>,
    pub file_key: Option<String>,
    pub content_type: Option<String>,
    pub static_key: Option<String>,
    pub static_content_type: Option<String>,
    pub visible_in_picker: bool,
    /// When its server last changed it (`updated`), or when it was received.
    pub updated: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
