//! Sign-up moderation: invites, email domains and IP ranges sign-ups are refused from (or,
//! for IP ranges, wait for approval), and what a user signed up from and with.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invites {
    Table,
    Id,
    Code,
    AccountId,
    MaxUses,
    Uses,
    ExpiresAt,
    RevokedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum EmailDomainBlocks {
    Table,
    Id,
    Domain,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IpBlocks {
    Table,
    Id,
    Range,
    Severity,
    Comment,
    ExpiresAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    SignUpIp,
    InviteId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invites::Table)
                    .col(uuid(Invites::Id).primary_key())
                    .col(string(Invites::Code).unique_key())
                    .col(uuid(Invites::AccountId))
                    .col(integer_null(Invites::MaxUses))
                    .col(integer(Invites::Uses).default(0))
                    .col(timestamp_with_time_zone_null(Invites::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invites::RevokedAt))
                    .col(timestamp_with_time_zone(Invites::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invites_account")
                    .table(Invites::Table)
                    .col(Invites::AccountId)
                    .col(Invites::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailDomainBlocks::Table)
                    .col(uuid(EmailDomainBlocks::Id).primary_key())
                    .col(string(EmailDomainBlocks::Domain).unique_key())
                    .col(timestamp_with_time_zone(EmailDomainBlocks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(IpBlocks::Table)
                    .col(uuid(IpBlocks::Id).primary_key())
                    .col(string(IpBlocks::Range).unique_key())
                    .col(string(IpBlocks::Severity))
                    .col(text(IpBlocks::Comment))
                    .col(timestamp_with_time_zone_null(IpBlocks::ExpiresAt))
                    .col(timestamp_with_time_zone(IpBlocks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // One column at a time: SQLite alters a table one column per statement.
        for mut column in [string_null(Users::SignUpIp), uuid_null(Users::InviteId)] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Users::SignUpIp, Users::InviteId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            IpBlocks::Table.into_iden(),
            EmailDomainBlocks::Table.into_iden(),
            Invites::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
