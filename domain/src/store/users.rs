//! Users: local logins with their password hashes.

use chrono::{DateTime, Utc};
use rookery_entity::{
    accounts,
    users::{ActiveModel, Column, Entity, Model},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::ids::{AccountId, InviteId, UserId};
use crate::types::{RoleKey, User};

pub(crate) fn to_domain(model: Model) -> User {
    User {
        id: UserId(model.id),
        account_id: AccountId(model.account_id),
        email: model.email,
        role: RoleKey::parse(&model.role).unwrap_or(RoleKey::User),
        approved: model.approved,
        confirmed_at: model.confirmed_at,
        disabled: model.disabled,
        created_at: model.created_at,
    }
}

/// A user to store, with its password already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub user: User,
    pub password_hash: String,
    pub registration_reason: Option<String>,
    /// The address it signed up from.
    pub sign_up_ip: Option<String>,
    /// The invite it signed up with.
    pub invite: Option<InviteId>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewUser) -> Result<(), DbErr> {
    let user = new.user;
    let row = ActiveModel {
        id: Set(user.id.0),
        account_id: Set(user.account_id.0),
        email: Set(user.email),
        password_hash: Set(new.password_hash),
        role: Set(user.role.as_stored()),
        approved: Set(user.approved),
        registration_reason: Set(new.registration_reason),
        confirmed_at: Set(user.confirmed_at),
        disabled: Set(user.disabled),
        created_at: Set(user.created_at),
        sign_up_ip: Set(new.sign_up_ip),
        invite_id: Set(new.invite.map(|id| id.0)),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: UserId) -> Result<Option<User>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn email_exists(db: &impl ConnectionTrait, email: &str) -> Result<bool, DbErr> {
    Ok(Entity::find()
        .filter(Column::Email.eq(email))
        .one(db)
        .await?
        .is_some())
}

/// A user's password hash.
pub async fn password_hash(db: &impl ConnectionTrait, id: UserId) -> Result<Option<String>, DbErr> {
    Ok(Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(|row| row.password_hash))
}

/// The user that logs in as `login` (a local username or an email), with its password hash.
pub async fn with_password_hash(
    db: &impl ConnectionTrait,
    login: &str,
) -> Result<Option<(User, String)>, DbErr> {
    let login = login.to_lowercase();
    let by_email = Entity::find()
        .filter(Column::Email.eq(&login))
        .one(db)
        .await?;
    let row = match by_email {
        Some(row) => Some(row),
        None => {
            let account = accounts::Entity::find()
                .filter(accounts::Column::Handle.eq(&login))
                .filter(accounts::Column::Domain.is_null())
                .one(db)
                .await?;
            match account {
                Some(account) => {
                    Entity::find()
                        .filter(Column::AccountId.eq(account.id))
                        .one(db)
                        .await?
                }
                None => None,
            }
        }
    };
    Ok(row.map(|row| {
        let hash = row.password_hash.clone();
        (to_domain(row), hash)
    }))
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: UserId,
    password_hash: String,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        password_hash: Set(password_hash),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Sets `email` as the user's address, confirmed at `at`.
pub async fn set_email_confirmed(
    db: &impl ConnectionTrait,
    id: UserId,
    email: &str,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        email: Set(email.to_owned()),
        confirmed_at: Set(Some(at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The users holding one of `roles` whose logins are in use.
pub async fn with_roles(db: &impl ConnectionTrait, roles: &[RoleKey]) -> Result<Vec<User>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Role.is_in(roles.iter().map(|key| key.as_stored())))
        .filter(Column::Disabled.eq(false))
        .filter(Column::Approved.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// The login of a local account, with what its owner wrote when signing up.
pub async fn by_account_with_reason(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<Option<(User, Option<String>)>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .one(db)
        .await?
        .map(|model| {
            let reason = model.registration_reason.clone();
            (to_domain(model), reason)
        }))
}

pub async fn set_role(db: &impl ConnectionTrait, id: UserId, role: RoleKey) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(
            Column::Role,
            sea_orm::sea_query::Expr::value(role.as_stored()),
        )
        .filter(Column::Id.eq(id.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Gives everyone holding `from` the role `to`; returns how many.
pub async fn replace_role(
    db: &impl ConnectionTrait,
    from: RoleKey,
    to: RoleKey,
) -> Result<u64, DbErr> {
    Ok(Entity::update_many()
        .col_expr(
            Column::Role,
            sea_orm::sea_query::Expr::value(to.as_stored()),
        )
        .filter(Column::Role.eq(from.as_stored()))
        .exec(db)
        .await?
        .rows_affected)
}

/// Disables (or enables) a login; false when it already was so.
pub async fn set_disabled(
    db: &impl ConnectionTrait,
    id: UserId,
    disabled: bool,
) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Disabled, sea_orm::sea_query::Expr::value(disabled))
        .filter(Column::Id.eq(id.0))
        .filter(Column::Disabled.eq(!disabled))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Approves a login waiting for approval; false when it was not waiting.
pub async fn set_approved(db: &impl ConnectionTrait, id: UserId) -> Result<bool, DbErr> {
    let result = Entity::update_many()
        .col_expr(Column::Approved, sea_orm::sea_query::Expr::value(true))
        .filter(Column::Id.eq(id.0))
        .filter(Column::Approved.eq(false))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Forgets a login still waiting for approval (a rejected sign-up); false when it was not.
pub async fn delete_unapproved(db: &impl ConnectionTrait, id: UserId) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::Id.eq(id.0))
        .filter(Column::Approved.eq(false))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// How many sign-ups wait for approval.
pub async fn count_unapproved(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    Entity::find()
        .filter(Column::Approved.eq(false))
        .count(db)
        .await
}

/// Where a local account signed up from, and with which invite.
pub async fn sign_up_origin(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> Result<Option<(Option<String>, Option<InviteId>)>, DbErr> {
    Ok(Entity::find()
        .filter(Column::AccountId.eq(account.0))
        .one(db)
        .await?
        .map(|user| (user.sign_up_ip, user.invite_id.map(InviteId))))
}

/// The addresses users signed up from, each once, at most `limit`.
pub async fn sign_up_ips(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<String>, DbErr> {
    use sea_orm::QuerySelect;
    Entity::find()
        .select_only()
        .column(Column::SignUpIp)
        .filter(Column::SignUpIp.is_not_null())
        .distinct()
        .limit(limit)
        .into_tuple::<String>()
        .all(db)
        .await
}

/// Forgets the sign-up addresses of users who signed up before `before`; returns how many.
pub async fn forget_sign_up_ips_before(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<u64, DbErr> {
    Ok(Entity::update_many()
        .col_expr(
            Column::SignUpIp,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(Column::SignUpIp.is_not_null())
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
