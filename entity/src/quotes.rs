//! Quote posts: the status quoted by each, and whether its author allowed it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quotes")]
pub struct Model {
    /// The quote post.
    #[sea_orm(primary_key, auto_increment = false)]
    pub status_id: Uuid,
    /// The status quoted, once known here.
    pub quoted_status_id: Option<Uuid>,
    pub quoted_ap_id: String,
    pub quoted_account_id: Option<Uuid>,
    /// `pending`, `accepted`, `rejected` or `revoked`.
    pub state: String,
    /// The `QuoteAuthorization` stamp that allows it.
    pub authorization_ap_id: Option<String>,
    /// The `QuoteRequest` that asked for it.
    pub request_ap_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
