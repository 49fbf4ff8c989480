//! Outgoing webhooks: a URL told of events, signed with its secret.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Its owner: whose statuses it hears of, unless it is instance-wide.
    pub account_id: Uuid,
    pub instance_wide: bool,
    pub url: String,
    /// Space-separated event names (`status.created` …).
    pub events: String,
    /// The HMAC key; kept as is, since every delivery is signed with it.
    pub secret: String,
    pub enabled: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
