//! Appeals of strikes: one per strike, pending until a moderator decides it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "appeals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub strike_id: Uuid,
    pub account_id: Uuid,
    pub text: String,
    pub state: String,
    pub decided_by_account_id: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub rejection_reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
