//! Archived statuses: `statuses.archived_at`, set while the author keeps one archived.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statuses {
    Table,
    AccountId,
    ArchivedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .add_column(timestamp_with_time_zone_null(Statuses::ArchivedAt))
                    .to_owned(),
            )
            .await?;
        // One's archived notes are listed apart from the rest.
        manager
            .create_index(
                Index::create()
                    .name("idx_statuses_account_archived")
                    .table(Statuses::Table)
                    .col(Statuses::AccountId)
                    .col(Statuses::ArchivedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_statuses_account_archived")
                    .table(Statuses::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .drop_column(Statuses::ArchivedAt)
                    .to_owned(),
            )
            .await
    }
}
