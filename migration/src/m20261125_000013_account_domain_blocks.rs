//! Domain blocks of one account: a whole server it no longer wants to see or hear from.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AccountDomainBlocks {
    Table,
    Id,
    AccountId,
    Domain,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountDomainBlocks::Table)
                    .col(uuid(AccountDomainBlocks::Id).primary_key())
                    .col(uuid(AccountDomainBlocks::AccountId))
                    .col(string(AccountDomainBlocks::Domain))
                    .col(timestamp_with_time_zone(AccountDomainBlocks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_domain_blocks_account")
                            .from(AccountDomainBlocks::Table, AccountDomainBlocks::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_domain_blocks_account_domain")
                    .table(AccountDomainBlocks::Table)
                    .col(AccountDomainBlocks::AccountId)
                    .col(AccountDomainBlocks::Domain)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountDomainBlocks::Table).to_owned())
            .await
    }
}
