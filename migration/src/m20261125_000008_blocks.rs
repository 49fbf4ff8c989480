//! Blocks: an account refuses another, in both directions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Blocks {
    Table,
    Id,
    AccountId,
    TargetAccountId,
    ApId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let cascade = |name: &str, column: Blocks| {
            ForeignKey::create()
                .name(name)
                .from(Blocks::Table, column)
                .to(Accounts::Table, Accounts::Id)
                .on_delete(ForeignKeyAction::Cascade)
                .to_owned()
        };
        manager
            .create_table(
                Table::create()
                    .table(Blocks::Table)
                    .col(uuid(Blocks::Id).primary_key())
                    .col(uuid(Blocks::AccountId))
                    .col(uuid(Blocks::TargetAccountId))
                    .col(string_null(Blocks::ApId))
                    .col(timestamp_with_time_zone(Blocks::CreatedAt))
                    .foreign_key(&mut cascade("fk_blocks_account", Blocks::AccountId))
                    .foreign_key(&mut cascade("fk_blocks_target", Blocks::TargetAccountId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_blocks_account_target")
                    .table(Blocks::Table)
                    .col(Blocks::AccountId)
                    .col(Blocks::TargetAccountId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_blocks_target")
                    .table(Blocks::Table)
                    .col(Blocks::TargetAccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Blocks::Table).to_owned())
            .await
    }
}
