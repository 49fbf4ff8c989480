//! Who may quote, reply to and boost a status (`anyone`, `followers` or `nobody`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "interaction_policies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub status_id: Uuid,
    pub can_quote: String,
    pub can_reply: String,
    pub can_boost: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
