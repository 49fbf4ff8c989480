//! Local logins: one per local account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub account_id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub approved: bool,
    pub registration_reason: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub disabled: bool,
    pub created_at: DateTimeUtc,
    /// The address it signed up from.
    pub sign_up_ip: Option<String>,
    /// The invite it signed up with.
    pub invite_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
