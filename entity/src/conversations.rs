//! Conversations: one account's view of the direct statuses of one thread.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "conversations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub thread_id: Uuid,
    /// A JSON array of account ids.
    pub participant_ids: String,
    pub last_status_id: Uuid,
    pub unread: bool,
    pub left: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
