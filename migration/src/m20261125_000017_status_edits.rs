//! Status edits: the earlier versions of an edited status.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StatusEdits {
    Table,
    Id,
    StatusId,
    Source,
    ContentHtml,
    ContentWarning,
    Sensitive,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatusEdits::Table)
                    .col(uuid(StatusEdits::Id).primary_key())
                    .col(uuid(StatusEdits::StatusId))
                    .col(text(StatusEdits::Source))
                    .col(text(StatusEdits::ContentHtml))
                    .col(text(StatusEdits::ContentWarning))
                    .col(boolean(StatusEdits::Sensitive))
                    .col(timestamp_with_time_zone(StatusEdits::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_status_edits_status")
                            .from(StatusEdits::Table, StatusEdits::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_status_edits_status")
                    .table(StatusEdits::Table)
                    .col(StatusEdits::StatusId)
                    .col(StatusEdits::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatusEdits::Table).to_owned())
            .await
    }
}
