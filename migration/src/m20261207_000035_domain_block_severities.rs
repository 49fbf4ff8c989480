//! Domain blocks with a severity (noop, limit, suspend), what they refuse besides (media,
//! reports), whether the public list hides the name, and a public comment; the old
//! `reason` is the private comment. Blocks made before are suspensions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DomainBlocks {
    Table,
    Severity,
    RejectMedia,
    RejectReports,
    Obfuscate,
    PublicComment,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column at a time: SQLite alters a table one column per statement.
        let columns = [
            string(DomainBlocks::Severity).default("suspend").to_owned(),
            boolean(DomainBlocks::RejectMedia).default(false).to_owned(),
            boolean(DomainBlocks::RejectReports)
                .default(false)
                .to_owned(),
            boolean(DomainBlocks::Obfuscate).default(false).to_owned(),
            text(DomainBlocks::PublicComment).default("").to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(DomainBlocks::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            DomainBlocks::Severity,
            DomainBlocks::RejectMedia,
            DomainBlocks::RejectReports,
            DomainBlocks::Obfuscate,
            DomainBlocks::PublicComment,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(DomainBlocks::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
