//! The allowlist: the servers this one federates with when it runs in allowlist mode.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DomainAllows {
    Table,
    Id,
    Domain,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DomainAllows::Table)
                    .col(uuid(DomainAllows::Id).primary_key())
                    .col(string(DomainAllows::Domain).unique_key())
                    .col(timestamp_with_time_zone(DomainAllows::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DomainAllows::Table).to_owned())
            .await
    }
}
