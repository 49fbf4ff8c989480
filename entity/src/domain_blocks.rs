//! Domains this instance does not federate with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "domain_blocks")]
pub struct Model {
    /// Lowercased host; blocking it blocks its subdomains too.
    #[sea_orm(primary_key, auto_increment = false)]
    pub domain: String,
    /// The private comment, for moderators.
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    /// `noop`, `limit` or `suspend`.
    pub severity: String,
    pub reject_media: bool,
    pub reject_reports: bool,
    /// Some letters shown as `*` in the public list.
    pub obfuscate: bool,
    pub public_comment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
