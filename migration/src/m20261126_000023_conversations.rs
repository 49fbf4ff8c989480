//! Conversations: each account's view of the direct statuses of one thread.

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
enum Conversations {
    Table,
    Id,
    AccountId,
    ThreadId,
    ParticipantIds,
    LastStatusId,
    Unread,
    Left,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Conversations::Table)
                    .col(uuid(Conversations::Id).primary_key())
                    .col(uuid(Conversations::AccountId))
                    .col(uuid(Conversations::ThreadId))
                    // A JSON array of account ids: everyone in it but the account itself.
                    .col(text(Conversations::ParticipantIds))
                    .col(uuid(Conversations::LastStatusId))
                    .col(boolean(Conversations::Unread))
                    .col(boolean(Conversations::Left))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conversations_account")
                            .from(Conversations::Table, Conversations::AccountId)
                            .to(Accounts::Table, Accounts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_conversations_last_status")
                            .from(Conversations::Table, Conversations::LastStatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conversations_account_thread")
                    .table(Conversations::Table)
                    .col(Conversations::AccountId)
                    .col(Conversations::ThreadId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_conversations_account_last_status")
                    .table(Conversations::Table)
                    .col(Conversations::AccountId)
                    .col(Conversations::LastStatusId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Conversations::Table).to_owned())
            .await
    }
}
