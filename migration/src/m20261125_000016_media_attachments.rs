//! Media attachments: uploaded pictures and the remote ones statuses carry.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum MediaAttachments {
    Table,
    Id,
    AccountId,
    StatusId,
    Position,
    State,
    Error,
    UploadKey,
    OriginalKey,
    ContentType,
    ThumbnailKey,
    ThumbnailContentType,
    Width,
    Height,
    Animated,
    Blurhash,
    FocusX,
    FocusY,
    Description,
    RemoteUrl,
    CachedAt,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MediaAttachments::Table)
                    .col(uuid(MediaAttachments::Id).primary_key())
                    .col(uuid(MediaAttachments::AccountId))
                    .col(uuid_null(MediaAttachments::StatusId))
                    .col(integer(MediaAttachments::Position).default(0))
                    .col(string(MediaAttachments::State))
                    .col(text_null(MediaAttachments::Error))
                    .col(string_null(MediaAttachments::UploadKey))
                    .col(string_null(MediaAttachments::OriginalKey))
                    .col(string_null(MediaAttachments::ContentType))
                    .col(string_null(MediaAttachments::ThumbnailKey))
                    .col(string_null(MediaAttachments::ThumbnailContentType))
                    .col(integer_null(MediaAttachments::Width))
                    .col(integer_null(MediaAttachments::Height))
                    .col(boolean(MediaAttachments::Animated).default(false))
                    .col(string_null(MediaAttachments::Blurhash))
                    .col(double_null(MediaAttachments::FocusX))
                    .col(double_null(MediaAttachments::FocusY))
                    .col(text(MediaAttachments::Description).default(""))
                    .col(text_null(MediaAttachments::RemoteUrl))
                    .col(timestamp_with_time_zone_null(MediaAttachments::CachedAt))
                    .col(timestamp_with_time_zone(MediaAttachments::CreatedAt))
                    .col(timestamp_with_time_zone(MediaAttachments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_media_attachments_account")
                            .from(MediaAttachments::Table, MediaAttachments::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_media_attachments_status")
                            .from(MediaAttachments::Table, MediaAttachments::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_media_attachments_status", MediaAttachments::StatusId),
            (
                "idx_media_attachments_original",
                MediaAttachments::OriginalKey,
            ),
            (
                "idx_media_attachments_thumbnail",
                MediaAttachments::ThumbnailKey,
            ),
            ("idx_media_attachments_cached", MediaAttachments::CachedAt),
            ("idx_media_attachments_created", MediaAttachments::CreatedAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(MediaAttachments::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MediaAttachments::Table).to_owned())
            .await
    }
}
