//! Lists: named groups of followed accounts, each with its own timeline.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Lists {
    Table,
    Id,
    AccountId,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ListAccounts {
    Table,
    ListId,
    AccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Lists::Table)
                    .col(uuid(Lists::Id).primary_key())
                    .col(uuid(Lists::AccountId))
                    .col(string(Lists::Title))
                    .col(timestamp_with_time_zone(Lists::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_lists_account")
                            .from(Lists::Table, Lists::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_lists_account")
                    .table(Lists::Table)
                    .col(Lists::AccountId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ListAccounts::Table)
                    .col(uuid(ListAccounts::ListId))
                    .col(uuid(ListAccounts::AccountId))
                    .primary_key(
                        Index::create()
                            .col(ListAccounts::ListId)
                            .col(ListAccounts::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_list_accounts_list")
                            .from(ListAccounts::Table, ListAccounts::ListId)
                            .to(Lists::Table, Lists::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_list_accounts_account")
                            .from(ListAccounts::Table, ListAccounts::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ListAccounts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Lists::Table).to_owned())
            .await
    }
}
