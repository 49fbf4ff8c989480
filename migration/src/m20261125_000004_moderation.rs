//! Moderation and its follow-ups: reports (and the outbox activities that forward them),
//! notifications, mail waiting to be sent, and when each maintenance task last ran.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    ApId,
    ReporterAccountId,
    TargetAccountId,
    StatusIds,
    Comment,
    Category,
    Forward,
    CreatedAt,
    NotifiedAt,
    ForwardedAt,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum OutboxActivities {
    Table,
    ReportId,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    AccountId,
    Kind,
    FromAccountId,
    StatusId,
    ReportId,
    ReadAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Mails {
    Table,
    Id,
    ToAddress,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum MaintenanceRuns {
    Table,
    Name,
    LastRunAt,
}

fn cascade(name: &str, from: (Reports, Reports)) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(Accounts::Table, Accounts::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(uuid(Reports::Id).primary_key())
                    .col(string_null(Reports::ApId).unique_key())
                    .col(uuid(Reports::ReporterAccountId))
                    .col(uuid(Reports::TargetAccountId))
                    .col(text(Reports::StatusIds))
                    .col(text(Reports::Comment))
                    .col(string(Reports::Category))
                    .col(boolean(Reports::Forward))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Reports::NotifiedAt))
                    .col(timestamp_with_time_zone_null(Reports::ForwardedAt))
                    .col(timestamp_with_time_zone_null(Reports::ResolvedAt))
                    .foreign_key(&mut cascade(
                        "fk_reports_reporter",
                        (Reports::Table, Reports::ReporterAccountId),
                    ))
                    .foreign_key(&mut cascade(
                        "fk_reports_target",
                        (Reports::Table, Reports::TargetAccountId),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_unnotified")
                    .table(Reports::Table)
                    .col(Reports::NotifiedAt)
                    .col(Reports::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxActivities::Table)
                    .add_column(uuid_null(OutboxActivities::ReportId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(uuid(Notifications::Id).primary_key())
                    .col(uuid(Notifications::AccountId))
                    .col(string(Notifications::Kind))
                    .col(uuid_null(Notifications::FromAccountId))
                    .col(uuid_null(Notifications::StatusId))
                    .col(uuid_null(Notifications::ReportId))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_account")
                            .from(Notifications::Table, Notifications::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_report")
                            .from(Notifications::Table, Notifications::ReportId)
                            .to(Reports::Table, Reports::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_account")
                    .table(Notifications::Table)
                    .col(Notifications::AccountId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Mails::Table)
                    .col(uuid(Mails::Id).primary_key())
                    .col(string(Mails::ToAddress))
                    .col(string(Mails::Subject))
                    .col(text(Mails::Body))
                    .col(timestamp_with_time_zone(Mails::CreatedAt))
                    .col(timestamp_with_time_zone_null(Mails::SentAt))
                    .col(integer(Mails::Attempts))
                    .col(text_null(Mails::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mails_unsent")
                    .table(Mails::Table)
                    .col(Mails::SentAt)
                    .col(Mails::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MaintenanceRuns::Table)
                    .col(string(MaintenanceRuns::Name).primary_key())
                    .col(timestamp_with_time_zone(MaintenanceRuns::LastRunAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxActivities::Table)
                    .drop_column(OutboxActivities::ReportId)
                    .to_owned(),
            )
            .await?;
        for table in [
            MaintenanceRuns::Table.into_iden(),
            Mails::Table.into_iden(),
            Notifications::Table.into_iden(),
            Reports::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
