//! Quote posts and the state of each quote.

use std::collections::HashMap;

use rookery_entity::quotes::{ActiveModel, Column, Entity, Model};
use rookery_entity::statuses;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

use crate::ids::{AccountId, StatusId};
use crate::types::{Quote, QuoteState, Status};

fn to_domain(row: Model) -> Quote {
    Quote {
        status_id: StatusId(row.status_id),
        quoted_status_id: row.quoted_status_id.map(StatusId),
        quoted_ap_id: row.quoted_ap_id,
        quoted_account_id: row.quoted_account_id.map(AccountId),
        // An unknown word (none is ever written) reads as not allowed yet.
        state: QuoteState::parse(&row.state).unwrap_or(QuoteState::Pending),
        authorization_ap_id: row.authorization_ap_id,
        request_ap_id: row.request_ap_id,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Records a quote, or replaces what was recorded of it (all but when it was made).
pub async fn put(db: &impl ConnectionTrait, quote: &Quote) -> Result<(), DbErr> {
    let row = ActiveModel {
        status_id: Set(quote.status_id.0),
        quoted_status_id: Set(quote.quoted_status_id.map(|id| id.0)),
        quoted_ap_id: Set(quote.quoted_ap_id.clone()),
        quoted_account_id: Set(quote.quoted_account_id.map(|id| id.0)),
        state: Set(quote.state.as_str().to_owned()),
        authorization_ap_id: Set(quote.authorization_ap_id.clone()),
        request_ap_id: Set(quote.request_ap_id.clone()),
        created_at: Set(quote.created_at),
        updated_at: Set(quote.updated_at),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::StatusId)
                .update_columns([
                    Column::QuotedStatusId,
                    Column::QuotedApId,
                    Column::QuotedAccountId,
                    Column::State,
                    Column::AuthorizationApId,
                    Column::RequestApId,
                    Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The quote of the quote post `status`, if it is one.
pub async fn by_status(
    db: &impl ConnectionTrait,
    status: StatusId,
) -> Result<Option<Quote>, DbErr> {
    Ok(Entity::find_by_id(status.0).one(db).await?.map(to_domain))
}

/// The quotes of those of `statuses` that are quote posts, by quote post.
pub async fn by_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, Quote>, DbErr> {
    if statuses.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(Entity::find()
        .filter(Column::StatusId.is_in(super::padded(statuses.iter().map(|id| id.0))))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (StatusId(row.status_id), to_domain(row)))
        .collect())
}

/// The quote a `QuoteRequest` asked for.
pub async fn by_request(db: &impl ConnectionTrait, request: &str) -> Result<Option<Quote>, DbErr> {
    Ok(Entity::find()
        .filter(Column::RequestApId.eq(request))
        .one(db)
        .await?
        .map(to_domain))
}

/// The quotes a `QuoteAuthorization` stamp allows.
pub async fn by_authorization(
    db: &impl ConnectionTrait,
    authorization: &str,
) -> Result<Vec<Quote>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AuthorizationApId.eq(authorization))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// How many accepted quotes each of `ids` has.
pub async fn accepted_counts(
    db: &impl ConnectionTrait,
    ids: &[StatusId],
) -> Result<HashMap<StatusId, u64>, DbErr> {
    let accepted = Entity::find().filter(Column::State.eq(QuoteState::Accepted.as_str()));
    let keys = ids.iter().map(|id| id.0).collect();
    let counts =
        super::count_by(db, accepted, Column::QuotedStatusId, Column::StatusId, keys).await?;
    Ok(counts.into_iter().map(|(k, v)| (StatusId(k), v)).collect())
}

/// The authors of the live quote posts that quote `quoted` with its author's leave.
pub async fn quoters_of(
    db: &impl ConnectionTrait,
    quoted: StatusId,
) -> Result<Vec<AccountId>, DbErr> {
    let quoting = Query::select()
        .column(Column::StatusId)
        .from(Entity)
        .and_where(Column::QuotedStatusId.eq(quoted.0))
        .and_where(Column::State.eq(QuoteState::Accepted.as_str()))
        .to_owned();
    let authors: Vec<uuid::Uuid> = statuses::Entity::find()
        .select_only()
        .column(statuses::Column::AccountId)
        .filter(statuses::Column::Id.in_subquery(quoting))
        .filter(statuses::Column::DeletedAt.is_null())
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    Ok(authors.into_iter().map(AccountId).collect())
}

/// Joins the quotes that wait for `quoted` (they arrived before it) to it.
pub async fn link_quoted(db: &impl ConnectionTrait, quoted: &Status) -> Result<u64, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::QuotedStatusId, Expr::value(quoted.id.0))
        .col_expr(Column::QuotedAccountId, Expr::value(quoted.account_id.0))
        .filter(Column::QuotedApId.eq(quoted.ap_id.as_str()))
        .filter(Column::QuotedStatusId.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets the quote of the quote post `status` (it was deleted).
pub async fn delete(db: &impl ConnectionTrait, status: StatusId) -> Result<(), DbErr> {
    Entity::delete_by_id(status.0).exec(db).await?;
    Ok(())
}

/// Forgets the quotes of every quote post of `account`.
pub async fn delete_all_of(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    let theirs = Query::select()
        .column(statuses::Column::Id)
        .from(statuses::Entity)
        .and_where(statuses::Column::AccountId.eq(account.0))
        .to_owned();
    Entity::delete_many()
        .filter(Column::StatusId.in_subquery(theirs))
        .exec(db)
        .await?;
    Ok(())
}
