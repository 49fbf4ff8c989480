//! Bookmarks: statuses an account keeps for later, seen by it alone.

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
enum Bookmarks {
    Table,
    Id,
    AccountId,
    StatusId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Bookmarks::Table)
                    .col(uuid(Bookmarks::Id).primary_key())
                    .col(uuid(Bookmarks::AccountId))
                    .col(uuid(Bookmarks::StatusId))
                    .col(timestamp_with_time_zone(Bookmarks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookmarks_account")
                            .from(Bookmarks::Table, Bookmarks::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bookmarks_status")
                            .from(Bookmarks::Table, Bookmarks::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bookmarks_account_status")
                    .table(Bookmarks::Table)
                    .col(Bookmarks::AccountId)
                    .col(Bookmarks::StatusId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Bookmarks::Table).to_owned())
            .await
    }
}
