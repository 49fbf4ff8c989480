//! The first schema: accounts, users, tokens, statuses, mentions, tags, follows, settings.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Handle,
    Username,
    Domain,
    DisplayName,
    NoteSource,
    NoteHtml,
    Fields,
    AvatarRef,
    HeaderRef,
    Locked,
    Bot,
    Discoverable,
    Indexable,
    ActorId,
    Url,
    InboxUrl,
    SharedInboxUrl,
    OutboxUrl,
    FollowersUrl,
    FollowingUrl,
    FeaturedUrl,
    PublicKeyPem,
    PrivateKeyPem,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    AccountId,
    Email,
    PasswordHash,
    Role,
    Approved,
    RegistrationReason,
    ConfirmedAt,
    Disabled,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AccessTokens {
    Table,
    Id,
    UserId,
    TokenHash,
    Scopes,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Statuses {
    Table,
    Id,
    ApId,
    Url,
    AccountId,
    Local,
    Source,
    ContentHtml,
    ContentWarning,
    Sensitive,
    Visibility,
    Language,
    InReplyToId,
    InReplyToAccountId,
    ThreadId,
    CreatedAt,
    EditedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum Mentions {
    Table,
    StatusId,
    AccountId,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StatusTags {
    Table,
    StatusId,
    TagId,
}

#[derive(DeriveIden)]
enum Follows {
    Table,
    Id,
    FollowerId,
    FolloweeId,
    ApId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FollowRequests {
    Table,
    Id,
    FollowerId,
    FolloweeId,
    ApId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InstanceSettings {
    Table,
    Key,
    Value,
    UpdatedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden,
    cols: impl IntoIterator<Item = DynIden>,
) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for col in cols {
        statement.col(col);
    }
    statement.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(uuid(Accounts::Id).primary_key())
                    .col(string_uniq(Accounts::Handle))
                    .col(string(Accounts::Username))
                    .col(string_null(Accounts::Domain))
                    .col(string(Accounts::DisplayName).default(""))
                    .col(text(Accounts::NoteSource).default(""))
                    .col(text(Accounts::NoteHtml).default(""))
                    .col(json(Accounts::Fields))
                    .col(string_null(Accounts::AvatarRef))
                    .col(string_null(Accounts::HeaderRef))
                    .col(boolean(Accounts::Locked).default(false))
                    .col(boolean(Accounts::Bot).default(false))
                    .col(boolean(Accounts::Discoverable).default(true))
                    .col(boolean(Accounts::Indexable).default(true))
                    .col(string_uniq(Accounts::ActorId))
                    .col(string(Accounts::Url))
                    .col(string(Accounts::InboxUrl))
                    .col(string_null(Accounts::SharedInboxUrl))
                    .col(string_null(Accounts::OutboxUrl))
                    .col(string_null(Accounts::FollowersUrl))
                    .col(string_null(Accounts::FollowingUrl))
                    .col(string_null(Accounts::FeaturedUrl))
                    .col(text(Accounts::PublicKeyPem))
                    .col(text_null(Accounts::PrivateKeyPem))
                    .col(timestamp_with_time_zone(Accounts::CreatedAt))
                    .col(timestamp_with_time_zone(Accounts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(uuid(Users::Id).primary_key())
                    .col(uuid_uniq(Users::AccountId))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::Role))
                    .col(boolean(Users::Approved))
                    .col(text_null(Users::RegistrationReason))
                    .col(timestamp_with_time_zone_null(Users::ConfirmedAt))
                    .col(boolean(Users::Disabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_users_account",
                        (Users::Table, Users::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessTokens::Table)
                    .col(uuid(AccessTokens::Id).primary_key())
                    .col(uuid(AccessTokens::UserId))
                    .col(string_uniq(AccessTokens::TokenHash))
                    .col(string(AccessTokens::Scopes))
                    .col(timestamp_with_time_zone(AccessTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(AccessTokens::LastUsedAt))
                    .foreign_key(&mut fk(
                        "fk_access_tokens_user",
                        (AccessTokens::Table, AccessTokens::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_access_tokens_user",
                AccessTokens::Table,
                [AccessTokens::UserId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Statuses::Table)
                    .col(uuid(Statuses::Id).primary_key())
                    .col(string_uniq(Statuses::ApId))
                    .col(string(Statuses::Url))
                    .col(uuid(Statuses::AccountId))
                    .col(boolean(Statuses::Local))
                    .col(text(Statuses::Source))
                    .col(text(Statuses::ContentHtml))
                    .col(text(Statuses::ContentWarning).default(""))
                    .col(boolean(Statuses::Sensitive).default(false))
                    .col(string(Statuses::Visibility))
                    .col(string_null(Statuses::Language))
                    .col(uuid_null(Statuses::InReplyToId))
                    .col(uuid_null(Statuses::InReplyToAccountId))
                    .col(uuid(Statuses::ThreadId))
                    .col(timestamp_with_time_zone(Statuses::CreatedAt))
                    .col(timestamp_with_time_zone_null(Statuses::EditedAt))
                    .col(timestamp_with_time_zone_null(Statuses::DeletedAt))
                    .foreign_key(&mut fk(
                        "fk_statuses_account",
                        (Statuses::Table, Statuses::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for statement in [
            index(
                "idx_statuses_account",
                Statuses::Table,
                [
                    Statuses::AccountId.into_iden(),
                    Statuses::DeletedAt.into_iden(),
                    Statuses::Id.into_iden(),
                ],
            ),
            index(
                "idx_statuses_thread",
                Statuses::Table,
                [Statuses::ThreadId.into_iden(), Statuses::Id.into_iden()],
            ),
            index(
                "idx_statuses_in_reply_to",
                Statuses::Table,
                [Statuses::InReplyToId.into_iden()],
            ),
            index(
                "idx_statuses_public_timeline",
                Statuses::Table,
                [
                    Statuses::Visibility.into_iden(),
                    Statuses::Local.into_iden(),
                    Statuses::Id.into_iden(),
                ],
            ),
        ] {
            manager.create_index(statement).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Mentions::Table)
                    .col(uuid(Mentions::StatusId))
                    .col(uuid(Mentions::AccountId))
                    .primary_key(
                        Index::create()
                            .col(Mentions::StatusId)
                            .col(Mentions::AccountId),
                    )
                    .foreign_key(&mut fk(
                        "fk_mentions_status",
                        (Mentions::Table, Mentions::StatusId),
                        (Statuses::Table, Statuses::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_mentions_account",
                        (Mentions::Table, Mentions::AccountId),
                        (Accounts::Table, Accounts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_mentions_account",
                Mentions::Table,
                [
                    Mentions::AccountId.into_iden(),
                    Mentions::StatusId.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Tags::Table)
                    .col(uuid(Tags::Id).primary_key())
                    .col(string_uniq(Tags::Name))
                    .col(timestamp_with_time_zone(Tags::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatusTags::Table)
                    .col(uuid(StatusTags::StatusId))
                    .col(uuid(StatusTags::TagId))
                    .primary_key(
                        Index::create()
                            .col(StatusTags::StatusId)
                            .col(StatusTags::TagId),
                    )
                    .foreign_key(&mut fk(
                        "fk_status_tags_status",
                        (StatusTags::Table, StatusTags::StatusId),
                        (Statuses::Table, Statuses::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_status_tags_tag",
                        (StatusTags::Table, StatusTags::TagId),
                        (Tags::Table, Tags::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_status_tags_tag",
                StatusTags::Table,
                [
                    StatusTags::TagId.into_iden(),
                    StatusTags::StatusId.into_iden(),
                ],
            ))
            .await?;
        for (name, table, follower, followee, id, ap_id, created) in [
            (
                "follows",
                Follows::Table.into_iden(),
                Follows::FollowerId.into_iden(),
                Follows::FolloweeId.into_iden(),
                Follows::Id.into_iden(),
                Follows::ApId.into_iden(),
                Follows::CreatedAt.into_iden(),
            ),
            (
                "follow_requests",
                FollowRequests::Table.into_iden(),
                FollowRequests::FollowerId.into_iden(),
                FollowRequests::FolloweeId.into_iden(),
                FollowRequests::Id.into_iden(),
                FollowRequests::ApId.into_iden(),
                FollowRequests::CreatedAt.into_iden(),
            ),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table.clone())
                        .col(uuid(id).primary_key())
                        .col(uuid(follower.clone()))
                        .col(uuid(followee.clone()))
                        .col(string_null(ap_id))
                        .col(timestamp_with_time_zone(created))
                        .foreign_key(&mut fk(
                            &format!("fk_{name}_follower"),
                            (table.clone(), follower.clone()),
                            (Accounts::Table, Accounts::Id),
                        ))
                        .foreign_key(&mut fk(
                            &format!("fk_{name}_followee"),
                            (table.clone(), followee.clone()),
                            (Accounts::Table, Accounts::Id),
                        ))
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{name}_pair"))
                        .table(table.clone())
                        .col(follower.clone())
                        .col(followee.clone())
                        .unique()
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{name}_followee"))
                        .table(table.clone())
                        .col(followee)
                        .col(follower)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InstanceSettings::Table)
                    .col(string(InstanceSettings::Key).primary_key())
                    .col(json(InstanceSettings::Value))
                    .col(timestamp_with_time_zone(InstanceSettings::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            InstanceSettings::Table.into_iden(),
            FollowRequests::Table.into_iden(),
            Follows::Table.into_iden(),
            StatusTags::Table.into_iden(),
            Tags::Table.into_iden(),
            Mentions::Table.into_iden(),
            Statuses::Table.into_iden(),
            AccessTokens::Table.into_iden(),
            Users::Table.into_iden(),
            Accounts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
