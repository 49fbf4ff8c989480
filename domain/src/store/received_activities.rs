//! Activities already received, by id.

use chrono::Utc;
use rookery_entity::received_activities::{ActiveModel, Entity};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, TryInsertResult};

/// Records an activity id; false when it was recorded before.
pub async fn record(db: &impl ConnectionTrait, ap_id: &str) -> Result<bool, DbErr> {
    let row = ActiveModel {
        ap_id: Set(ap_id.to_owned()),
        received_at: Set(Utc::now()),
    };
    let result = Entity::insert(row)
        .on_conflict_do_nothing()
        .exec_without_returning(db)
        .await?;
    Ok(matches!(result, TryInsertResult::Inserted(n) if n > 0))
}

/// Forgets an activity id, so that a delivery that failed to apply can be tried again.
pub async fn forget(db: &impl ConnectionTrait, ap_id: &str) -> Result<(), DbErr> {
    Entity::delete_by_id(ap_id.to_owned()).exec(db).await?;
    Ok(())
}

/// Forgets activity ids received before `before`; returns how many.
pub async fn delete_before(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
    use rookery_entity::received_activities::Column;
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(Entity::delete_many()
        .filter(Column::ReceivedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
