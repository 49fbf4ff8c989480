//! Severed follows: the follows a suspension ended, kept so that lifting it brings them
//! back.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SeveredFollows {
    Table,
    Id,
    FollowerId,
    FolloweeId,
    ApId,
    CreatedAt,
    SeveredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SeveredFollows::Table)
                    .col(uuid(SeveredFollows::Id).primary_key())
                    .col(uuid(SeveredFollows::FollowerId))
                    .col(uuid(SeveredFollows::FolloweeId))
                    .col(text_null(SeveredFollows::ApId))
                    .col(timestamp_with_time_zone(SeveredFollows::CreatedAt))
                    .col(timestamp_with_time_zone(SeveredFollows::SeveredAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_severed_follows_follower", SeveredFollows::FollowerId),
            ("idx_severed_follows_followee", SeveredFollows::FolloweeId),
            ("idx_severed_follows_severed", SeveredFollows::SeveredAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SeveredFollows::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SeveredFollows::Table).to_owned())
            .await
    }
}
