//! Sign-ins: from which address each user signed in, kept for the days the instance's IP
//! retention says, for moderators.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignIns {
    Table,
    Id,
    UserId,
    Ip,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignIns::Table)
                    .col(uuid(SignIns::Id).primary_key())
                    .col(uuid(SignIns::UserId))
                    .col(string(SignIns::Ip))
                    .col(timestamp_with_time_zone(SignIns::CreatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_sign_ins_user", SignIns::UserId),
            ("idx_sign_ins_created", SignIns::CreatedAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SignIns::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignIns::Table).to_owned())
            .await
    }
}
