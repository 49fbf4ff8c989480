//! Mail waiting to be sent, and sent.

use chrono::{DateTime, Utc};
use rookery_entity::mails::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};

use crate::ids::MailId;
use crate::types::Mail;

fn to_domain(model: Model) -> Mail {
    Mail {
        id: MailId(model.id),
        to: model.to_address,
        subject: model.subject,
        body: model.body,
        created_at: model.created_at,
        sent_at: model.sent_at,
        attempts: u32::try_from(model.attempts).unwrap_or(0),
    }
}

pub async fn insert_many(db: &impl ConnectionTrait, mails: &[Mail]) -> Result<(), DbErr> {
    if mails.is_empty() {
        return Ok(());
    }
    let rows = mails.iter().map(|m| ActiveModel {
        id: Set(m.id.0),
        to_address: Set(m.to.clone()),
        subject: Set(m.subject.clone()),
        body: Set(m.body.clone()),
        created_at: Set(m.created_at),
        sent_at: Set(m.sent_at),
        attempts: Set(i32::try_from(m.attempts).unwrap_or(i32::MAX)),
        last_error: Set(None),
    });
    Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: MailId) -> Result<Option<Mail>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn set_sent(
    db: &impl ConnectionTrait,
    id: MailId,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::SentAt, Expr::value(at))
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt, the attempts made so far and the error.
pub async fn set_failed(
    db: &impl ConnectionTrait,
    id: MailId,
    attempts: u32,
    error: &str,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(
            Column::Attempts,
            Expr::value(i32::try_from(attempts).unwrap_or(i32::MAX)),
        )
        .col_expr(
            Column::LastError,
            Expr::value(error.chars().take(2000).collect::<String>()),
        )
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Unsent mail created before `before` that has not run out of attempts.
pub async fn unsent(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    max_attempts: u32,
    limit: u64,
) -> Result<Vec<MailId>, DbErr> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::SentAt.is_null())
        .filter(Column::CreatedAt.lt(before))
        .filter(Column::Attempts.lt(i32::try_from(max_attempts).unwrap_or(i32::MAX)))
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await?
        .into_iter()
        .map(MailId)
        .collect())
}

/// Deletes mail sent before `before`; returns how many.
pub async fn delete_sent_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Ok(Entity::delete_many()
        .filter(Column::SentAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
