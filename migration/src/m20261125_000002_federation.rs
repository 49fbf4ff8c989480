//! Federation: the key id each account signs with, the activities already received, and
//! the domains this instance will not federate with.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    KeyId,
}

#[derive(DeriveIden)]
enum ReceivedActivities {
    Table,
    ApId,
    ReceivedAt,
}

#[derive(DeriveIden)]
enum DomainBlocks {
    Table,
    Domain,
    Reason,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .add_column(string_null(Accounts::KeyId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_accounts_key_id")
                    .table(Accounts::Table)
                    .col(Accounts::KeyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReceivedActivities::Table)
                    .col(string(ReceivedActivities::ApId).primary_key())
                    .col(timestamp_with_time_zone(ReceivedActivities::ReceivedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DomainBlocks::Table)
                    .col(string(DomainBlocks::Domain).primary_key())
                    .col(text_null(DomainBlocks::Reason))
                    .col(timestamp_with_time_zone(DomainBlocks::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DomainBlocks::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ReceivedActivities::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_accounts_key_id")
                    .table(Accounts::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Accounts::Table)
                    .drop_column(Accounts::KeyId)
                    .to_owned(),
            )
            .await
    }
}
