//! Reports of accounts (and some of their statuses) to the moderators, local or by `Flag`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The `Flag` activity's id, for reports from other servers.
    #[sea_orm(unique)]
    pub ap_id: Option<String>,
    pub reporter_account_id: Uuid,
    pub target_account_id: Uuid,
    /// A JSON array of status ids.
    pub status_ids: String,
    pub comment: String,
    pub category: String,
    /// A JSON array of the instance's rule ids it cites.
    pub rule_ids: String,
    pub forward: bool,
    pub created_at: DateTimeUtc,
    pub notified_at: Option<DateTimeUtc>,
    pub forwarded_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    /// The moderator who took it on.
    pub assigned_account_id: Option<Uuid>,
    /// The action on the account that resolved it; None when dismissed.
    pub action_taken: Option<String>,
    pub resolved_by_account_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
