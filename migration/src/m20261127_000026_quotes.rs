//! Quote posts and their state, and who may quote, reply to or boost each status.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum InteractionPolicies {
    Table,
    StatusId,
    CanQuote,
    CanReply,
    CanBoost,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Quotes {
    Table,
    StatusId,
    QuotedStatusId,
    QuotedApId,
    QuotedAccountId,
    State,
    AuthorizationApId,
    RequestApId,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InteractionPolicies::Table)
                    .col(uuid(InteractionPolicies::StatusId).primary_key())
                    .col(string(InteractionPolicies::CanQuote))
                    .col(string(InteractionPolicies::CanReply))
                    .col(string(InteractionPolicies::CanBoost))
                    .col(timestamp_with_time_zone(InteractionPolicies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_interaction_policies_status")
                            .from(InteractionPolicies::Table, InteractionPolicies::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Quotes::Table)
                    .col(uuid(Quotes::StatusId).primary_key())
                    .col(uuid_null(Quotes::QuotedStatusId))
                    .col(text(Quotes::QuotedApId))
                    .col(uuid_null(Quotes::QuotedAccountId))
                    .col(string(Quotes::State))
                    .col(text_null(Quotes::AuthorizationApId))
                    .col(text_null(Quotes::RequestApId))
                    .col(timestamp_with_time_zone(Quotes::CreatedAt))
                    .col(timestamp_with_time_zone(Quotes::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_quotes_status")
                            .from(Quotes::Table, Quotes::StatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_quotes_quoted_status")
                            .from(Quotes::Table, Quotes::QuotedStatusId)
                            .to(Statuses::Table, Statuses::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Quotes of a status: its count, and who is told of its edits.
        manager
            .create_index(
                Index::create()
                    .name("idx_quotes_quoted_status")
                    .table(Quotes::Table)
                    .col(Quotes::QuotedStatusId)
                    .col(Quotes::State)
                    .to_owned(),
            )
            .await?;
        // A remote quote post waits for its quoted status to arrive.
        manager
            .create_index(
                Index::create()
                    .name("idx_quotes_quoted_ap_id")
                    .table(Quotes::Table)
                    .col(Quotes::QuotedApId)
                    .to_owned(),
            )
            .await?;
        // A `Delete` names the stamp it revokes; an `Accept` the request it answers.
        manager
            .create_index(
                Index::create()
                    .name("idx_quotes_authorization")
                    .table(Quotes::Table)
                    .col(Quotes::AuthorizationApId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_quotes_request")
                    .table(Quotes::Table)
                    .col(Quotes::RequestApId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Quotes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(InteractionPolicies::Table).to_owned())
            .await
    }
}
