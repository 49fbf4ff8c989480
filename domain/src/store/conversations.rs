//! Conversations of accounts.

use rookery_entity::conversations::{ActiveModel, Column, Entity, Model};
use rookery_entity::statuses;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use crate::ids::{AccountId, ConversationId, StatusId};
use crate::page::{Page, PageRequest};
use crate::types::{Conversation, Visibility};

fn to_domain(row: Model) -> Conversation {
    let participants: Vec<Uuid> = serde_json::from_str(&row.participant_ids).unwrap_or_default();
    Conversation {
        id: ConversationId(row.id),
        account_id: AccountId(row.account_id),
        thread_id: StatusId(row.thread_id),
        participants: participants.into_iter().map(AccountId).collect(),
        last_status_id: StatusId(row.last_status_id),
        unread: row.unread,
    }
}

fn participant_ids(participants: &[AccountId]) -> String {
    let ids: Vec<Uuid> = participants.iter().map(|id| id.0).collect();
    serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())
}

/// The conversation of `account` about `thread`, left or not.
async fn find(
    db: &impl ConnectionTrait,
    account: AccountId,
    thread: StatusId,
) -> Result<Option<Model>, DbErr> {
    Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::ThreadId.eq(thread.0))
        .one(db)
        .await
}

/// Brings `status` (direct, in `thread`) into `account`'s conversation with `others`,
/// starting it when new; a conversation the account left stays left.
pub async fn record(
    db: &impl ConnectionTrait,
    account: AccountId,
    thread: StatusId,
    others: &[AccountId],
    status: StatusId,
    unread: bool,
) -> Result<(), DbErr> {
    match find(db, account, thread).await? {
        Some(row) if row.left => Ok(()),
        Some(row) => {
            let mut participants = to_domain(row.clone()).participants;
            for other in others {
                if !participants.contains(other) {
                    participants.push(*other);
                }
            }
            let newer = status.0 > row.last_status_id;
            Entity::update_many()
                .col_expr(
                    Column::ParticipantIds,
                    Expr::value(participant_ids(&participants)),
                )
                .col_expr(
                    Column::LastStatusId,
                    Expr::value(if newer { status.0 } else { row.last_status_id }),
                )
                .col_expr(
                    Column::Unread,
                    Expr::value(unread || (row.unread && !newer)),
                )
                .filter(Column::Id.eq(row.id))
                .exec(db)
                .await?;
            Ok(())
        }
        None => {
            let row = ActiveModel {
                id: Set(ConversationId::new().0),
                account_id: Set(account.0),
                thread_id: Set(thread.0),
                participant_ids: Set(participant_ids(others)),
                last_status_id: Set(status.0),
                unread: Set(unread),
                left: Set(false),
            };
            Entity::insert(row).exec_without_returning(db).await?;
            Ok(())
        }
    }
}

/// The account's conversations not left, the latest first.
pub async fn page_of(
    db: &impl ConnectionTrait,
    account: AccountId,
    request: &PageRequest,
) -> Result<Page<Conversation>, DbErr> {
    let select = Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::Left.eq(false));
    super::page(db, select, Column::LastStatusId, request, |row| {
        (row.last_status_id, to_domain(row))
    })
    .await
}

/// How many of the conversations `page_of` lists for the account are unread.
pub async fn unread_count(db: &impl ConnectionTrait, account: AccountId) -> Result<u64, DbErr> {
    Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::Left.eq(false))
        .filter(Column::Unread.eq(true))
        .count(db)
        .await
}

/// The account's conversation about `thread`, unless it left it.
pub async fn of_thread(
    db: &impl ConnectionTrait,
    account: AccountId,
    thread: StatusId,
) -> Result<Option<Conversation>, DbErr> {
    Ok(find(db, account, thread)
        .await?
        .filter(|row| !row.left)
        .map(to_domain))
}

/// One of the account's conversations, unless it left it.
pub async fn by_id(
    db: &impl ConnectionTrait,
    account: AccountId,
    id: ConversationId,
) -> Result<Option<Conversation>, DbErr> {
    Ok(Entity::find_by_id(id.0)
        .filter(Column::AccountId.eq(account.0))
        .filter(Column::Left.eq(false))
        .one(db)
        .await?
        .map(to_domain))
}

pub async fn mark_read(db: &impl ConnectionTrait, id: ConversationId) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Unread, Expr::value(false))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn leave(db: &impl ConnectionTrait, id: ConversationId) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Left, Expr::value(true))
        .col_expr(Column::Unread, Expr::value(false))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// After `deleted` (a direct status of `thread`) is gone: conversations it ended now end
/// with the thread's latest live direct status, or go when there is none.
pub async fn forget_status(
    db: &impl ConnectionTrait,
    thread: StatusId,
    deleted: StatusId,
) -> Result<(), DbErr> {
    let latest = statuses::Entity::find()
        .filter(statuses::Column::ThreadId.eq(thread.0))
        .filter(statuses::Column::Visibility.eq(Visibility::Direct.as_str()))
        .filter(statuses::Column::DeletedAt.is_null())
        .filter(statuses::Column::Id.ne(deleted.0))
        .order_by_desc(statuses::Column::Id)
        .one(db)
        .await?;
    match latest {
        Some(latest) => {
            Entity::update_many()
                .col_expr(Column::LastStatusId, Expr::value(latest.id))
                .filter(Column::LastStatusId.eq(deleted.0))
                .exec(db)
                .await?;
        }
        None => {
            Entity::delete_many()
                .filter(Column::LastStatusId.eq(deleted.0))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Every conversation of `account`, left or not.
pub async fn all_of(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<Vec<Conversation>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn delete(db: &impl ConnectionTrait, ids: &[ConversationId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    Entity::delete_many()
        .filter(Column::Id.is_in(ids.iter().map(|id| id.0)))
        .exec(db)
        .await?;
    Ok(())
}
