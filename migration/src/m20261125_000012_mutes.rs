//! Mutes: accounts whose statuses (and, if asked, notifications) one no longer sees.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Mutes {
    Table,
    Id,
    AccountId,
    TargetAccountId,
    Notifications,
    ExpiresAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Mutes::Table)
                    .col(uuid(Mutes::Id).primary_key())
                    .col(uuid(Mutes::AccountId))
                    .col(uuid(Mutes::TargetAccountId))
                    .col(boolean(Mutes::Notifications))
                    .col(timestamp_with_time_zone_null(Mutes::ExpiresAt))
                    .col(timestamp_with_time_zone(Mutes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mutes_account")
                            .from(Mutes::Table, Mutes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_mutes_target")
                            .from(Mutes::Table, Mutes::TargetAccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mutes_account_target")
                    .table(Mutes::Table)
                    .col(Mutes::AccountId)
                    .col(Mutes::TargetAccountId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Mutes::Table).to_owned())
            .await
    }
}
