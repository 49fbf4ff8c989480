//! What the dashboard and the server pages read besides the content: each known server's
//! software (from its NodeInfo), and the media store's size, measured hourly, per day.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServerSoftware {
    Table,
    Domain,
    Name,
    Version,
    FetchedAt,
}

#[derive(DeriveIden)]
enum StorageReadings {
    Table,
    Day,
    Bytes,
    MeasuredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServerSoftware::Table)
                    .col(string(ServerSoftware::Domain).primary_key())
                    .col(string(ServerSoftware::Name))
                    .col(string(ServerSoftware::Version))
                    .col(timestamp_with_time_zone(ServerSoftware::FetchedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StorageReadings::Table)
                    .col(string(StorageReadings::Day).primary_key())
                    .col(big_integer(StorageReadings::Bytes))
                    .col(timestamp_with_time_zone(StorageReadings::MeasuredAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StorageReadings::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ServerSoftware::Table).to_owned())
            .await
    }
}
