//! Thread mutes: an account hears nothing more of one conversation's thread.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ThreadMutes {
    Table,
    Id,
    AccountId,
    ThreadId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ThreadMutes::Table)
                    .col(uuid(ThreadMutes::Id).primary_key())
                    .col(uuid(ThreadMutes::AccountId))
                    .col(uuid(ThreadMutes::ThreadId))
                    .col(timestamp_with_time_zone(ThreadMutes::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_thread_mutes_account")
                            .from(ThreadMutes::Table, ThreadMutes::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_thread_mutes_thread_account")
                    .table(ThreadMutes::Table)
                    .col(ThreadMutes::ThreadId)
                    .col(ThreadMutes::AccountId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ThreadMutes::Table).to_owned())
            .await
    }
}
