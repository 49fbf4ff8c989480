//! Email confirmations: the hash of each link mailed to confirm an address (at sign-up, or
//! a new one asked for), used once, a day long. Accounts made before confirmation existed
//! count as confirmed when they were made.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmailConfirmations {
    Table,
    Id,
    UserId,
    Email,
    TokenHash,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    ConfirmedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailConfirmations::Table)
                    .col(uuid(EmailConfirmations::Id).primary_key())
                    .col(uuid(EmailConfirmations::UserId))
                    .col(string(EmailConfirmations::Email))
                    .col(string(EmailConfirmations::TokenHash).unique_key())
                    .col(timestamp_with_time_zone(EmailConfirmations::ExpiresAt))
                    .col(timestamp_with_time_zone(EmailConfirmations::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_confirmations_user")
                    .table(EmailConfirmations::Table)
                    .col(EmailConfirmations::UserId)
                    .to_owned(),
            )
            .await?;
        let backfill = Query::update()
            .table(Users::Table)
            .value(Users::ConfirmedAt, Expr::col(Users::CreatedAt))
            .and_where(Expr::col(Users::ConfirmedAt).is_null())
            .to_owned();
        manager.exec_stmt(backfill).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailConfirmations::Table).to_owned())
            .await
    }
}
