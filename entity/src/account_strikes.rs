//! Moderation actions taken on accounts, as their owners are told of them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account_strikes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub moderator_account_id: Option<Uuid>,
    pub action: String,
    pub reason: String,
    pub internal_note: String,
    /// A JSON array of status ids.
    pub status_ids: String,
    /// A JSON array of the report ids it resolved.
    pub report_ids: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
