//! Follows a suspension ended, kept until it is lifted or the suspension's data is purged.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "severed_follows")]
pub struct Model {
    /// The follow's own id, which it gets back.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub follower_id: Uuid,
    pub followee_id: Uuid,
    pub ap_id: Option<String>,
    /// When the follow began.
    pub created_at: DateTimeUtc,
    pub severed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
