//! Custom emoji: local ones added by administrators, and other servers' as their posts and
//! profiles use them, each with this server's copy of its picture once made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CustomEmojis {
    Table,
    Id,
    Shortcode,
    Domain,
    Uri,
    ImageUrl,
    State,
    Error,
    FileKey,
    ContentType,
    StaticKey,
    StaticContentType,
    VisibleInPicker,
    Updated,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CustomEmojis::Table)
                    .col(uuid(CustomEmojis::Id).primary_key())
                    .col(string(CustomEmojis::Shortcode))
                    .col(string_null(CustomEmojis::Domain))
                    .col(text_null(CustomEmojis::Uri))
                    .col(text_null(CustomEmojis::ImageUrl))
                    .col(string(CustomEmojis::State))
                    .col(text_null(CustomEmojis::Error))
                    .col(string_null(CustomEmojis::FileKey))
                    .col(string_null(CustomEmojis::ContentType))
                    .col(string_null(CustomEmojis::StaticKey))
                    .col(string_null(CustomEmojis::StaticContentType))
                    .col(boolean(CustomEmojis::VisibleInPicker).default(true))
                    .col(timestamp_with_time_zone(CustomEmojis::Updated))
                    .col(timestamp_with_time_zone(CustomEmojis::CreatedAt))
                    .col(timestamp_with_time_zone(CustomEmojis::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_custom_emojis_shortcode_domain")
                    .table(CustomEmojis::Table)
                    .col(CustomEmojis::Shortcode)
                    .col(CustomEmojis::Domain)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // NULLs are distinct in a unique index on both databases: local emoji (no domain)
        // are kept unique by a partial index of their own.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_custom_emojis_local_shortcode \
                 ON custom_emojis (shortcode) WHERE domain IS NULL",
            )
            .await?;
        for (name, column) in [
            ("idx_custom_emojis_file", CustomEmojis::FileKey),
            ("idx_custom_emojis_static", CustomEmojis::StaticKey),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(CustomEmojis::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CustomEmojis::Table).to_owned())
            .await
    }
}
