//! Edits that change attachments: each earlier version names the attachments it had, and
//! an attachment an edit took off its status is kept for those versions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StatusEdits {
    Table,
    MediaIds,
}

#[derive(DeriveIden)]
enum MediaAttachments {
    Table,
    EditedOutAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters no more at once.
        manager
            .alter_table(
                Table::alter()
                    .table(StatusEdits::Table)
                    .add_column(text(StatusEdits::MediaIds).default("[]"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MediaAttachments::Table)
                    .add_column(timestamp_with_time_zone_null(MediaAttachments::EditedOutAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(MediaAttachments::Table)
                    .drop_column(MediaAttachments::EditedOutAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StatusEdits::Table)
                    .drop_column(StatusEdits::MediaIds)
                    .to_owned(),
            )
            .await
    }
}
