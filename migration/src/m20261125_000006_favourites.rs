//! Favourites: who liked which status, with the `Like` activity's id.

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
enum Favourites {
    Table,
    Id,
    AccountId,
    StatusId,
    ApId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Favourites::Table)
                    .col(uuid(Favourites::Id).primary_key())
                    .col(uuid(Favourites::AccountId))
                    .col(uuid(Favourites::StatusId))
                    .col(string_null(Favourites::ApId))
                    .col(timestamp_with_time_zone(Favourites::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_favourites_account")
                            .from(Favourites::Table, Favourites::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_favourites_status")
                            .from(Favourites::Table, Favourites::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_favourites_account_status")
                    .table(Favourites::Table)
                    .col(Favourites::AccountId)
                    .col(Favourites::StatusId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_favourites_status")
                    .table(Favourites::Table)
                    .col(Favourites::StatusId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Favourites::Table).to_owned())
            .await
    }
}
