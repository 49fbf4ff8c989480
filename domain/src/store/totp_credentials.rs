//! TOTP credentials: each login's secret, sealed, and the last time step a code was taken.

use chrono::{DateTime, Utc};
use rookery_entity::totp_credentials::{ActiveModel, Column, Entity};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::ids::UserId;
use crate::secrets::Purpose;

/// A login's TOTP secret as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCredential {
    /// The secret in the clear.
    pub secret: String,
    pub enabled_at: Option<DateTime<Utc>>,
}

/// Keeps `secret` (sealed) as `user`'s secret being set up, in place of any earlier one
/// not yet enabled.
pub async fn put_pending(
    db: &impl ConnectionTrait,
    user: UserId,
    secret: &str,
) -> Result<(), DbErr> {
    Entity::delete_by_id(user.0).exec(db).await?;
    let row = ActiveModel {
        user_id: Set(user.0),
        secret: Set(super::seal(Purpose::TotpSecret, secret)?),
        enabled_at: Set(None),
        last_step: Set(None),
        created_at: Set(Utc::now()),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn of_user(
    db: &impl ConnectionTrait,
    user: UserId,
) -> Result<Option<TotpCredential>, DbErr> {
    let Some(row) = Entity::find_by_id(user.0).one(db).await? else {
        return Ok(None);
    };
    Ok(Some(TotpCredential {
        secret: super::open(Purpose::TotpSecret, &row.secret)?,
        enabled_at: row.enabled_at,
    }))
}

/// Whether `user` has TOTP enabled.
pub async fn enabled(db: &impl ConnectionTrait, user: UserId) -> Result<bool, DbErr> {
    let found = Entity::find_by_id(user.0)
        .filter(Column::EnabledAt.is_not_null())
        .select_only()
        .column(Column::UserId)
        .into_tuple::<Uuid>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// Takes the time step `step` for `user`: true when no code of it or a later step was taken
/// before (a code counts once). With `enable`, the credential is enabled at `now` too.
pub async fn take_step(
    db: &impl ConnectionTrait,
    user: UserId,
    step: i64,
    enable_at: Option<DateTime<Utc>>,
) -> Result<bool, DbErr> {
    let mut update = Entity::update_many()
        .col_expr(Column::LastStep, Expr::value(step))
        .filter(Column::UserId.eq(user.0))
        .filter(Column::LastStep.is_null().or(Column::LastStep.lt(step)));
    if let Some(at) = enable_at {
        update = update.col_expr(Column::EnabledAt, Expr::value(at));
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Forgets `user`'s secret.
pub async fn delete(db: &impl ConnectionTrait, user: UserId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(user.0).exec(db).await?.rows_affected == 1)
}

/// Every secret not sealed with the key whose sealed values start with `prefix`.
pub async fn secrets_not_sealed_with(
    db: &impl ConnectionTrait,
    prefix: &str,
) -> Result<Vec<(UserId, String)>, DbErr> {
    let rows = Entity::find()
        .filter(Column::Secret.not_like(format!("{prefix}%")))
        .select_only()
        .column(Column::UserId)
        .column(Column::Secret)
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(user, secret)| (UserId(user), secret))
        .collect())
}

/// Replaces a stored secret with `sealed`, as it is.
pub async fn set_sealed_secret(
    db: &impl ConnectionTrait,
    user: UserId,
    sealed: String,
) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::Secret, Expr::value(sealed))
        .filter(Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    Ok(())
}
