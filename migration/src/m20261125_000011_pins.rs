//! Pins: statuses an account shows first on its profile (its `featured` collection).

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
enum StatusPins {
    Table,
    StatusId,
    AccountId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatusPins::Table)
                    .col(uuid(StatusPins::StatusId).primary_key())
                    .col(uuid(StatusPins::AccountId))
                    .col(timestamp_with_time_zone(StatusPins::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_status_pins_status")
                            .from(StatusPins::Table, StatusPins::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_status_pins_account")
                            .from(StatusPins::Table, StatusPins::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_status_pins_account")
                    .table(StatusPins::Table)
                    .col(StatusPins::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StatusPins::Table).to_owned())
            .await
    }
}
