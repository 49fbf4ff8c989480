//! Boosts (reblogs): a status row of the booster that points at the boosted status.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statuses {
    Table,
    AccountId,
    ReblogOfId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .add_column(uuid_null(Statuses::ReblogOfId))
                    .to_owned(),
            )
            .await?;
        // One boost per account and status; boosts of a status found by it.
        manager
            .create_index(
                Index::create()
                    .name("idx_statuses_reblog_of")
                    .table(Statuses::Table)
                    .col(Statuses::ReblogOfId)
                    .col(Statuses::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_statuses_reblog_of")
                    .table(Statuses::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .drop_column(Statuses::ReblogOfId)
                    .to_owned(),
            )
            .await
    }
}
