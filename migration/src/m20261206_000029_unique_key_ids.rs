//! A key id belongs to one account: where several remote accounts claimed one, the most
//! recently refreshed keeps it (a local account always does), and the index is made unique.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    KeyId,
}

const OLD_INDEX: &str = "idx_accounts_key_id";
const UNIQUE_INDEX: &str = "idx_accounts_key_id_unique";

/// Forgets the key id of every remote account that shares it with a local account or with
/// one refreshed later (ties broken by id).
const FORGET_SHARED_KEYS: &str = "UPDATE accounts SET key_id = NULL \
     WHERE domain IS NOT NULL AND key_id IS NOT NULL AND EXISTS ( \
       SELECT 1 FROM accounts other WHERE other.key_id = accounts.key_id \
       AND other.id <> accounts.id \
       AND (other.domain IS NULL OR other.updated_at > accounts.updated_at \
            OR (other.updated_at = accounts.updated_at AND other.id > accounts.id)))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(FORGET_SHARED_KEYS)
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(Accounts::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(UNIQUE_INDEX)
                    .table(Accounts::Table)
                    .col(Accounts::KeyId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(UNIQUE_INDEX)
                    .table(Accounts::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(OLD_INDEX)
                    .table(Accounts::Table)
                    .col(Accounts::KeyId)
                    .to_owned(),
            )
            .await
    }
}
