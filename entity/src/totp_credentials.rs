//! TOTP credentials: a login's secret (sealed), enabled once a first code confirmed it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "totp_credentials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    /// The shared secret, sealed.
    pub secret: String,
    /// When a first code confirmed it; until then it is being set up.
    pub enabled_at: Option<DateTimeUtc>,
    /// The time step of the last code taken: no code of it or before counts again.
    pub last_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
