//! What remote accounts publish of their counts: the `totalItems` of their outbox,
//! followers and following collections, read when the actor is fetched.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    PublishedStatusesCount,
    PublishedFollowersCount,
    PublishedFollowingCount,
}

const COLUMNS: [Accounts; 3] = [
    Accounts::PublishedStatusesCount,
    Accounts::PublishedFollowersCount,
    Accounts::PublishedFollowingCount,
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters no more at once.
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Accounts::Table)
                        .add_column(big_integer_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in COLUMNS {
            manager
                .alter_table(
                    Table::alter()
                        .table(Accounts::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
