//! Instance settings set at run time, by key, and the instance's rules among them.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::instance_settings::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};

use crate::ids::RuleId;
use crate::types::{InstanceRule, InstanceThumbnail};

pub async fn all(db: &impl ConnectionTrait) -> Result<HashMap<String, serde_json::Value>, DbErr> {
    let rows = Entity::find().all(db).await?;
    Ok(rows.into_iter().map(|row| (row.key, row.value)).collect())
}

/// One setting's value; None when it was never set.
pub async fn get(db: &impl ConnectionTrait, key: &str) -> Result<Option<serde_json::Value>, DbErr> {
    Ok(Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

pub async fn set(
    db: &impl ConnectionTrait,
    key: &str,
    value: serde_json::Value,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value),
        updated_at: Set(Utc::now()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Key)
                .update_columns([Column::Value, Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The key the instance's picture is kept under.
pub const THUMBNAIL: &str = "thumbnail";

/// The instance's picture, if one is set.
pub async fn thumbnail(db: &impl ConnectionTrait) -> Result<Option<InstanceThumbnail>, DbErr> {
    Ok(get(db, THUMBNAIL)
        .await?
        .and_then(|value| serde_json::from_value(value).ok()))
}

/// The key the instance's rules are kept under, as a JSON array in their order.
const RULES: &str = "rules";

#[derive(serde::Serialize, serde::Deserialize)]
struct StoredRule {
    id: uuid::Uuid,
    text: String,
    #[serde(default)]
    hint: String,
}

/// The instance's rules, in order; none when none were set.
pub async fn rules(db: &impl ConnectionTrait) -> Result<Vec<InstanceRule>, DbErr> {
    let Some(row) = Entity::find_by_id(RULES.to_owned()).one(db).await? else {
        return Ok(Vec::new());
    };
    let stored: Vec<StoredRule> = serde_json::from_value(row.value).unwrap_or_default();
    Ok(stored
        .into_iter()
        .map(|rule| InstanceRule {
            id: RuleId(rule.id),
            text: rule.text,
            hint: rule.hint,
        })
        .collect())
}

/// Keeps `rules`, in their order, in place of the instance's rules.
pub async fn set_rules(db: &impl ConnectionTrait, rules: &[InstanceRule]) -> Result<(), DbErr> {
    let stored: Vec<StoredRule> = rules
        .iter()
        .map(|rule| StoredRule {
            id: rule.id.0,
            text: rule.text.clone(),
            hint: rule.hint.clone(),
        })
        .collect();
    let value = serde_json::to_value(stored).map_err(|error| DbErr::Custom(error.to_string()))?;
    set(db, RULES, value).await
}

/// Setup tokens are kept as keys `setup_token:<hash>`, so that finding one is a key lookup.
const SETUP_TOKEN_PREFIX: &str = "setup_token:";

/// Keeps the hash of a first-run setup token.
pub async fn keep_setup_token(db: &impl ConnectionTrait, token_hash: &str) -> Result<(), DbErr> {
    set(
        db,
        &format!("{SETUP_TOKEN_PREFIX}{token_hash}"),
        serde_json::Value::Bool(true),
    )
    .await
}

/// Whether a setup token with this hash is kept.
pub async fn has_setup_token(db: &impl ConnectionTrait, token_hash: &str) -> Result<bool, DbErr> {
    let found = Entity::find_by_id(format!("{SETUP_TOKEN_PREFIX}{token_hash}"))
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Spends the setup token with this hash: whether it was kept (and is gone now). Of two
/// transactions spending the same token, one finds it.
pub async fn take_setup_token(db: &impl ConnectionTrait, token_hash: &str) -> Result<bool, DbErr> {
    let taken = Entity::delete_many()
        .filter(Column::Key.eq(format!("{SETUP_TOKEN_PREFIX}{token_hash}")))
        .exec(db)
        .await?;
    Ok(taken.rows_affected > 0)
}

/// Forgets every setup token.
pub async fn forget_setup_tokens(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    Entity::delete_many()
        .filter(Column::Key.starts_with(SETUP_TOKEN_PREFIX))
        .exec(db)
        .await?;
    Ok(())
}
