//! Polls: a status's options and their counts, and who voted for which.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Polls {
    Table,
    Id,
    StatusId,
    Options,
    Multiple,
    ExpiresAt,
    VotersCount,
    EndedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PollVotes {
    Table,
    Id,
    PollId,
    AccountId,
    Choice,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Polls::Table)
                    .col(uuid(Polls::Id).primary_key())
                    .col(uuid_uniq(Polls::StatusId))
                    .col(text(Polls::Options))
                    .col(boolean(Polls::Multiple))
                    .col(timestamp_with_time_zone(Polls::ExpiresAt))
                    .col(big_integer(Polls::VotersCount))
                    .col(timestamp_with_time_zone_null(Polls::EndedAt))
                    .col(timestamp_with_time_zone(Polls::CreatedAt))
                    .col(timestamp_with_time_zone(Polls::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_polls_status")
                            .from(Polls::Table, Polls::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_polls_ended_expires")
                    .table(Polls::Table)
                    .col(Polls::EndedAt)
                    .col(Polls::ExpiresAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PollVotes::Table)
                    .col(uuid(PollVotes::Id).primary_key())
                    .col(uuid(PollVotes::PollId))
                    .col(uuid(PollVotes::AccountId))
                    .col(integer(PollVotes::Choice))
                    .col(timestamp_with_time_zone(PollVotes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_poll_votes_poll")
                            .from(PollVotes::Table, PollVotes::PollId)
                            .to(Polls::Table, Polls::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_poll_votes_account")
                            .from(PollVotes::Table, PollVotes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_poll_votes_unique")
                    .table(PollVotes::Table)
                    .col(PollVotes::PollId)
                    .col(PollVotes::AccountId)
                    .col(PollVotes::Choice)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_poll_votes_account")
                    .table(PollVotes::Table)
                    .col(PollVotes::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PollVotes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Polls::Table).to_owned())
            .await
    }
}
