//! Appeals of strikes (one per strike), and announcements to signed-in people with who
//! dismissed each.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Appeals {
    Table,
    Id,
    StrikeId,
    AccountId,
    Text,
    State,
    DecidedByAccountId,
    DecidedAt,
    RejectionReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Announcements {
    Table,
    Id,
    Text,
    StartsAt,
    EndsAt,
    Published,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AnnouncementDismissals {
    Table,
    AnnouncementId,
    AccountId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Appeals::Table)
                    .col(uuid(Appeals::Id).primary_key())
                    .col(uuid(Appeals::StrikeId).unique_key())
                    .col(uuid(Appeals::AccountId))
                    .col(text(Appeals::Text))
                    .col(string(Appeals::State))
                    .col(uuid_null(Appeals::DecidedByAccountId))
                    .col(timestamp_with_time_zone_null(Appeals::DecidedAt))
                    .col(text(Appeals::RejectionReason))
                    .col(timestamp_with_time_zone(Appeals::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_appeals_state")
                    .table(Appeals::Table)
                    .col(Appeals::State)
                    .col(Appeals::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(uuid(Announcements::Id).primary_key())
                    .col(text(Announcements::Text))
                    .col(timestamp_with_time_zone_null(Announcements::StartsAt))
                    .col(timestamp_with_time_zone_null(Announcements::EndsAt))
                    .col(boolean(Announcements::Published))
                    .col(timestamp_with_time_zone(Announcements::CreatedAt))
                    .col(timestamp_with_time_zone(Announcements::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AnnouncementDismissals::Table)
                    .col(uuid(AnnouncementDismissals::AnnouncementId))
                    .col(uuid(AnnouncementDismissals::AccountId))
                    .primary_key(
                        Index::create()
                            .col(AnnouncementDismissals::AnnouncementId)
                            .col(AnnouncementDismissals::AccountId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                AnnouncementDismissals::Table,
                                AnnouncementDismissals::AnnouncementId,
                            )
                            .to(Announcements::Table, Announcements::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AnnouncementDismissals::Table.into_iden(),
            Announcements::Table.into_iden(),
            Appeals::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
