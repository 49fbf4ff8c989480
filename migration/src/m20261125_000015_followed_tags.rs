//! Followed hashtags: public statuses carrying them reach the follower's home timeline.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum FollowedTags {
    Table,
    AccountId,
    TagId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FollowedTags::Table)
                    .col(uuid(FollowedTags::AccountId))
                    .col(uuid(FollowedTags::TagId))
                    .col(timestamp_with_time_zone(FollowedTags::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(FollowedTags::AccountId)
                            .col(FollowedTags::TagId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_followed_tags_account")
                            .from(FollowedTags::Table, FollowedTags::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_followed_tags_tag")
                            .from(FollowedTags::Table, FollowedTags::TagId)
                            .to(Tags::Table, Tags::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FollowedTags::Table).to_owned())
            .await
    }
}
