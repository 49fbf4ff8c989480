//! Statuses (posts), local and remote; deleted ones stay as tombstones.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "statuses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub ap_id: String,
    pub url: String,
    pub account_id: Uuid,
    pub local: bool,
    pub source: String,
    pub content_html: String,
    pub content_warning: String,
    pub sensitive: bool,
    pub visibility: String,
    pub language: Option<String>,
    pub in_reply_to_id: Option<Uuid>,
    pub in_reply_to_account_id: Option<Uuid>,
    /// The ActivityPub id of the status replied to, known here or not (yet).
    pub in_reply_to_ap_id: Option<String>,
    /// For a boost: the status boosted.
    pub reblog_of_id: Option<Uuid>,
    pub thread_id: Uuid,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
    /// Set while its author keeps it archived.
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
