//! Media attachments: uploaded pictures and the remote ones statuses carry.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "media_attachments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub status_id: Option<Uuid>,
    pub position: i32,
    pub state: String,
    pub error: Option<String>,
    pub upload_key: Option<String>,
    pub original_key: Option<String>,
    pub content_type: Option<String>,
    pub thumbnail_key: Option<String>,
    pub thumbnail_content_type: Option<String>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub animated: bool,
    pub blurhash: Option<String>,
    pub focus_x: Option<f64>,
    pub focus_y: Option<f64>,
    pub description: String,
    pub remote_url: Option<String>,
    pub cached_at: Option<DateTimeUtc>,
    /// When an edit took it off its status; kept for the status's earlier versions.
    pub edited_out_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
