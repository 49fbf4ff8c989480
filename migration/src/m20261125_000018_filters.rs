//! Keyword filters: words an account does not want to see, or wants a warning before.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Filters {
    Table,
    Id,
    AccountId,
    Title,
    Contexts,
    Action,
    Keywords,
    ExpiresAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Filters::Table)
                    .col(uuid(Filters::Id).primary_key())
                    .col(uuid(Filters::AccountId))
                    .col(text(Filters::Title))
                    .col(text(Filters::Contexts))
                    .col(string(Filters::Action))
                    .col(text(Filters::Keywords))
                    .col(timestamp_with_time_zone_null(Filters::ExpiresAt))
                    .col(timestamp_with_time_zone(Filters::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_filters_account")
                            .from(Filters::Table, Filters::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_filters_account")
                    .table(Filters::Table)
                    .col(Filters::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Filters::Table).to_owned())
            .await
    }
}
