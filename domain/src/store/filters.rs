//! Keyword filters.

use chrono::{DateTime, Utc};
use rookery_entity::filters::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::{Value, json};

use crate::ids::{AccountId, FilterId};
use crate::types::{Filter, FilterAction, FilterContext, FilterKeyword};

fn to_domain(row: Model) -> Filter {
    let keywords: Vec<Value> = serde_json::from_str(&row.keywords).unwrap_or_default();
    Filter {
        id: FilterId(row.id),
        account_id: AccountId(row.account_id),
        title: row.title,
        contexts: row
            .contexts
            .split(',')
            .filter_map(FilterContext::parse)
            .collect(),
        action: if row.action == "hide" {
            FilterAction::Hide
        } else {
            FilterAction::Warn
        },
        keywords: keywords
            .iter()
            .filter_map(|k| {
                Some(FilterKeyword {
                    keyword: k["keyword"].as_str()?.to_owned(),
                    whole_word: k["whole_word"].as_bool().unwrap_or(true),
                })
            })
            .collect(),
        expires_at: row.expires_at,
        created_at: row.created_at,
    }
}

fn to_row(filter: &Filter) -> ActiveModel {
    let keywords: Vec<Value> = filter
        .keywords
        .iter()
        .map(|k| json!({ "keyword": k.keyword, "whole_word": k.whole_word }))
        .collect();
    ActiveModel {
        id: Set(filter.id.0),
        account_id: Set(filter.account_id.0),
        title: Set(filter.title.clone()),
        contexts: Set(filter
            .contexts
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(",")),
        action: Set(match filter.action {
            FilterAction::Hide => "hide".into(),
            FilterAction::Warn => "warn".into(),
        }),
        keywords: Set(Value::Array(keywords).to_string()),
        expires_at: Set(filter.expires_at),
        created_at: Set(filter.created_at),
    }
}

pub async fn insert(db: &impl ConnectionTrait, filter: &Filter) -> Result<(), DbErr> {
    Entity::insert(to_row(filter))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn update(db: &impl ConnectionTrait, filter: &Filter) -> Result<(), DbErr> {
    Entity::update(to_row(filter)).exec(db).await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: FilterId) -> Result<(), DbErr> {
    Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: FilterId) -> Result<Option<Filter>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// `account`'s filters, oldest first; only those not expired at `now` when given.
pub async fn of(
    db: &impl ConnectionTrait,
    account: AccountId,
    now: Option<DateTime<Utc>>,
) -> Result<Vec<Filter>, DbErr> {
    let mut select = Entity::find().filter(Column::AccountId.eq(account.0));
    if let Some(now) = now {
        select = select.filter(
            Condition::any()
                .add(Column::ExpiresAt.is_null())
                .add(Column::ExpiresAt.gt(now)),
        );
    }
    Ok(select
        .order_by_asc(Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}
