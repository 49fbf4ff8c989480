//! Activities local accounts send: what happened, and once published, the JSON delivered.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub ap_id: String,
    pub account_id: Uuid,
    pub kind: String,
    pub status_id: Option<Uuid>,
    pub target_account_id: Option<Uuid>,
    pub object_ap_id: Option<String>,
    /// The report a `Flag` forwards.
    pub report_id: Option<Uuid>,
    pub body: Option<String>,
    pub created_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
