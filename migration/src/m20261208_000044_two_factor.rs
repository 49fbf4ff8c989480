//! Two-factor sign-in: each login's TOTP secret (sealed) and the last time step a code was
//! taken for, its recovery codes (hashed, each used once), and the challenges a right
//! password opens for the second step (hashed, a few minutes long).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TotpCredentials {
    Table,
    UserId,
    Secret,
    EnabledAt,
    LastStep,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInChallenges {
    Table,
    Id,
    UserId,
    TokenHash,
    Device,
    Ip,
    Attempts,
    ExpiresAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TotpCredentials::Table)
                    .col(uuid(TotpCredentials::UserId).primary_key())
                    .col(text(TotpCredentials::Secret))
                    .col(timestamp_with_time_zone_null(TotpCredentials::EnabledAt))
                    .col(big_integer_null(TotpCredentials::LastStep))
                    .col(timestamp_with_time_zone(TotpCredentials::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(uuid(RecoveryCodes::Id).primary_key())
                    .col(uuid(RecoveryCodes::UserId))
                    .col(string(RecoveryCodes::CodeHash))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_codes_user_code")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .col(RecoveryCodes::CodeHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignInChallenges::Table)
                    .col(uuid(SignInChallenges::Id).primary_key())
                    .col(uuid(SignInChallenges::UserId))
                    .col(string(SignInChallenges::TokenHash).unique_key())
                    .col(string_null(SignInChallenges::Device))
                    .col(string_null(SignInChallenges::Ip))
                    .col(integer(SignInChallenges::Attempts).default(0))
                    .col(timestamp_with_time_zone(SignInChallenges::ExpiresAt))
                    .col(timestamp_with_time_zone(SignInChallenges::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInChallenges::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RecoveryCodes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(TotpCredentials::Table).to_owned())
            .await
    }
}
