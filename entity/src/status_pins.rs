//! Pins: a status its author shows first on its profile.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "status_pins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub status_id: Uuid,
    pub account_id: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
