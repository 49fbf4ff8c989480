//! Users: local logins with their password hashes.

use rookery_entity::{
    accounts,
    users::{ActiveModel, Column, Entity, Model},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::ids::{AccountId, UserId};
use crate::types::{Role, User};

pub(crate) fn to_domain(model: Model) -> User {
    User {
        id: UserId(model.id),
        account_id: AccountId(model.account_id),
        email: model.email,
        role: Role::parse(&model.role).unwrap_or(Role::User),
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
}

pub async fn insert(db: &impl ConnectionTrait, new: NewUser) -> Result<(), DbErr> {
    let user = new.user;
    let row = ActiveModel {
        id: Set(user.id.0),
        account_id: Set(user.account_id.0),
        email: Set(user.email),
        password_hash: Set(new.password_hash),
        role: Set(user.role.as_str().to_owned()),
        approved: Set(user.approved),
        registration_reason: Set(new.registration_reason),
        confirmed_at: Set(user.confirmed_at),
        disabled: Set(user.disabled),
        created_at: Set(user.created_at),
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

/// Admins and moderators whose logins are in use.
pub async fn moderators(db: &impl ConnectionTrait) -> Result<Vec<User>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Role.is_in([Role::Admin.as_str(), Role::Moderator.as_str()]))
        .filter(Column::Disabled.eq(false))
        .filter(Column::Approved.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}
