//! Recovery codes: the hashes of each login's single-use codes.

use chrono::Utc;
use rookery_entity::recovery_codes::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::ids::UserId;

/// Replaces `user`'s codes with these hashes.
pub async fn replace(
    db: &impl ConnectionTrait,
    user: UserId,
    hashes: &[String],
) -> Result<(), DbErr> {
    delete_for_user(db, user).await?;
    let now = Utc::now();
    let rows = hashes.iter().map(|hash| ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        user_id: Set(user.0),
        code_hash: Set(hash.clone()),
        created_at: Set(now),
    });
    Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Uses up `user`'s code with this hash: true when it was there. Of two asking at once,
/// one gets it.
pub async fn take(db: &impl ConnectionTrait, user: UserId, hash: &str) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .filter(Column::CodeHash.eq(hash))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many codes `user` has left.
pub async fn count(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    Entity::find()
        .filter(Column::UserId.eq(user.0))
        .count(db)
        .await
}

pub async fn delete_for_user(db: &impl ConnectionTrait, user: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
