//! Polls attached to statuses.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "polls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub status_id: Uuid,
    /// JSON: `[{"title": "…", "votes": 3}]`, in the order shown.
    pub options: String,
    pub multiple: bool,
    pub expires_at: DateTimeUtc,
    pub voters_count: i64,
    /// When its end was noticed (voters told); None while it runs.
    pub ended_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
