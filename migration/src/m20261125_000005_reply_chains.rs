//! Replies remember the id of the post they answer, so that one that arrives before its
//! parent is joined to the thread when the parent comes (or is fetched).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statuses {
    Table,
    InReplyToApId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .add_column(string_null(Statuses::InReplyToApId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_statuses_in_reply_to_ap_id")
                    .table(Statuses::Table)
                    .col(Statuses::InReplyToApId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_statuses_in_reply_to_ap_id")
                    .table(Statuses::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Statuses::Table)
                    .drop_column(Statuses::InReplyToApId)
                    .to_owned(),
            )
            .await
    }
}
