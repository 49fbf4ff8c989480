//! Interaction policies: who may quote, reply to and boost each status.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::interaction_policies::{ActiveModel, Column, Entity, Model};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::StatusId;
use crate::types::{Audience, InteractionPolicy};

fn to_domain(row: &Model) -> InteractionPolicy {
    // An unknown word (none is ever written) reads as the narrowest audience.
    let audience = |value: &str| Audience::parse(value).unwrap_or(Audience::Nobody);
    InteractionPolicy {
        can_quote: audience(&row.can_quote),
        can_reply: audience(&row.can_reply),
        can_boost: audience(&row.can_boost),
    }
}

/// Sets the policy of `status`, replacing the one it had.
pub async fn put(
    db: &impl ConnectionTrait,
    status: StatusId,
    policy: &InteractionPolicy,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        status_id: Set(status.0),
        can_quote: Set(policy.can_quote.as_str().to_owned()),
        can_reply: Set(policy.can_reply.as_str().to_owned()),
        can_boost: Set(policy.can_boost.as_str().to_owned()),
        updated_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::StatusId)
                .update_columns([
                    Column::CanQuote,
                    Column::CanReply,
                    Column::CanBoost,
                    Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The policy stored for `status`, if any.
pub async fn by_status(
    db: &impl ConnectionTrait,
    status: StatusId,
) -> Result<Option<InteractionPolicy>, DbErr> {
    Ok(Entity::find_by_id(status.0)
        .one(db)
        .await?
        .as_ref()
        .map(to_domain))
}

/// The policies stored for `statuses`, by status.
pub async fn by_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, InteractionPolicy>, DbErr> {
    if statuses.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(Entity::find()
        .filter(Column::StatusId.is_in(super::padded(statuses.iter().map(|id| id.0))))
        .all(db)
        .await?
        .iter()
        .map(|row| (StatusId(row.status_id), to_domain(row)))
        .collect())
}
