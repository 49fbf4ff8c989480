//! Status edits: an earlier version of an edited status.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "status_edits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub status_id: Uuid,
    pub source: String,
    pub content_html: String,
    pub content_warning: String,
    pub sensitive: bool,
    /// A JSON array of the ids of the attachments this version had, in order.
    pub media_ids: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
