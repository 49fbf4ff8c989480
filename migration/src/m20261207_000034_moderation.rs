//! Moderation: roles as data, the audit log, strikes, moderators' notes, the restrictions
//! on an account, and a report's assignee and outcome.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Roles {
    Table,
    Id,
    Name,
    Colour,
    Position,
    Permissions,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorAccountId,
    Action,
    TargetKind,
    TargetId,
    TargetName,
    Detail,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccountStrikes {
    Table,
    Id,
    AccountId,
    ModeratorAccountId,
    Action,
    Reason,
    InternalNote,
    StatusIds,
    ReportIds,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ModeratorNotes {
    Table,
    Id,
    AccountId,
    ReportId,
    AuthorAccountId,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    SuspendedAt,
    LimitedAt,
    SensitizedAt,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    AssignedAccountId,
    ActionTaken,
    ResolvedByAccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Roles::Table)
                    .col(uuid(Roles::Id).primary_key())
                    .col(string(Roles::Name).unique_key())
                    .col(string_null(Roles::Colour))
                    .col(integer(Roles::Position))
                    .col(big_integer(Roles::Permissions))
                    .col(timestamp_with_time_zone(Roles::CreatedAt))
                    .col(timestamp_with_time_zone(Roles::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid(AuditLog::Id).primary_key())
                    .col(uuid_null(AuditLog::ActorAccountId))
                    .col(string(AuditLog::Action))
                    .col(string_null(AuditLog::TargetKind))
                    .col(uuid_null(AuditLog::TargetId))
                    .col(text_null(AuditLog::TargetName))
                    .col(text(AuditLog::Detail))
                    .col(timestamp_with_time_zone(AuditLog::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_audit_log_actor", AuditLog::ActorAccountId),
            ("idx_audit_log_target", AuditLog::TargetId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(column)
                        .col(AuditLog::Id)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AccountStrikes::Table)
                    .col(uuid(AccountStrikes::Id).primary_key())
                    .col(uuid(AccountStrikes::AccountId))
                    .col(uuid_null(AccountStrikes::ModeratorAccountId))
                    .col(string(AccountStrikes::Action))
                    .col(text(AccountStrikes::Reason))
                    .col(text(AccountStrikes::InternalNote))
                    .col(text(AccountStrikes::StatusIds))
                    .col(text(AccountStrikes::ReportIds))
                    .col(timestamp_with_time_zone(AccountStrikes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_account_strikes_account")
                    .table(AccountStrikes::Table)
                    .col(AccountStrikes::AccountId)
                    .col(AccountStrikes::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModeratorNotes::Table)
                    .col(uuid(ModeratorNotes::Id).primary_key())
                    .col(uuid_null(ModeratorNotes::AccountId))
                    .col(uuid_null(ModeratorNotes::ReportId))
                    .col(uuid(ModeratorNotes::AuthorAccountId))
                    .col(text(ModeratorNotes::Text))
                    .col(timestamp_with_time_zone(ModeratorNotes::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_moderator_notes_account", ModeratorNotes::AccountId),
            ("idx_moderator_notes_report", ModeratorNotes::ReportId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(ModeratorNotes::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        // One column at a time: SQLite alters a table one column per statement.
        for column in [
            Accounts::SuspendedAt,
            Accounts::LimitedAt,
            Accounts::SensitizedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Accounts::Table)
                        .add_column(timestamp_with_time_zone_null(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .add_column(uuid_null(Reports::AssignedAccountId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .add_column(string_null(Reports::ActionTaken))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reports::Table)
                    .add_column(uuid_null(Reports::ResolvedByAccountId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Reports::AssignedAccountId,
            Reports::ActionTaken,
            Reports::ResolvedByAccountId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Reports::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for column in [
            Accounts::SuspendedAt,
            Accounts::LimitedAt,
            Accounts::SensitizedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Accounts::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ModeratorNotes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AccountStrikes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Roles::Table).to_owned())
            .await?;
        Ok(())
    }
}
