//! Hosts deliveries have failed to: on how many days, and whether they are given up on.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "delivery_hosts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub host: String,
    pub failure_days: i32,
    /// `YYYY-MM-DD` (UTC) of the latest failure.
    pub last_failure_on: String,
    pub unavailable: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
