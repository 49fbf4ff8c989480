//! The outbox: activities local accounts send, recorded with the change that caused them,
//! the deliveries of them that failed for good, and the hosts deliveries keep failing to.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OutboxActivities {
    Table,
    Id,
    ApId,
    AccountId,
    Kind,
    StatusId,
    TargetAccountId,
    ObjectApId,
    Body,
    CreatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum FailedDeliveries {
    Table,
    Id,
    ActivityId,
    Inbox,
    Attempts,
    LastError,
    FailedAt,
}

#[derive(DeriveIden)]
enum DeliveryHosts {
    Table,
    Host,
    FailureDays,
    LastFailureOn,
    Unavailable,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxActivities::Table)
                    .col(uuid(OutboxActivities::Id).primary_key())
                    .col(string(OutboxActivities::ApId))
                    .col(uuid(OutboxActivities::AccountId))
                    .col(string(OutboxActivities::Kind))
                    .col(uuid_null(OutboxActivities::StatusId))
                    .col(uuid_null(OutboxActivities::TargetAccountId))
                    .col(string_null(OutboxActivities::ObjectApId))
                    .col(text_null(OutboxActivities::Body))
                    .col(timestamp_with_time_zone(OutboxActivities::CreatedAt))
                    .col(timestamp_with_time_zone_null(OutboxActivities::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_outbox_activities_account")
                            .from(OutboxActivities::Table, OutboxActivities::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_activities_unpublished")
                    .table(OutboxActivities::Table)
                    .col(OutboxActivities::PublishedAt)
                    .col(OutboxActivities::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FailedDeliveries::Table)
                    .col(uuid(FailedDeliveries::Id).primary_key())
                    .col(uuid(FailedDeliveries::ActivityId))
                    .col(string(FailedDeliveries::Inbox))
                    .col(integer(FailedDeliveries::Attempts))
                    .col(text(FailedDeliveries::LastError))
                    .col(timestamp_with_time_zone(FailedDeliveries::FailedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_failed_deliveries_activity")
                            .from(FailedDeliveries::Table, FailedDeliveries::ActivityId)
                            .to(OutboxActivities::Table, OutboxActivities::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeliveryHosts::Table)
                    .col(string(DeliveryHosts::Host).primary_key())
                    .col(integer(DeliveryHosts::FailureDays))
                    .col(string(DeliveryHosts::LastFailureOn))
                    .col(boolean(DeliveryHosts::Unavailable))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DeliveryHosts::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(FailedDeliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OutboxActivities::Table).to_owned())
            .await
    }
}
