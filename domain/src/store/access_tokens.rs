//! Access tokens, kept only as SHA-256 hashes.

use chrono::{DateTime, Utc};
use rookery_entity::access_tokens::{ActiveModel, Column, Entity, Model};
use rookery_entity::users;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::ids::{TokenId, UserId};
use crate::types::{AccessToken, Scopes, TokenKind, User};

/// A stored token, found by its hash.
#[derive(Debug, Clone)]
pub struct StoredToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub kind: TokenKind,
    pub scopes: Scopes,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token to keep.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub user_id: UserId,
    pub token_hash: String,
    pub kind: TokenKind,
    pub name: Option<String>,
    pub scopes: Scopes,
    pub expires_at: Option<DateTime<Utc>>,
    /// Where a log-in came from.
    pub ip: Option<String>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewToken) -> Result<AccessToken, DbErr> {
    let id = TokenId::new();
    let created_at = Utc::now();
    let row = ActiveModel {
        id: Set(id.0),
        user_id: Set(new.user_id.0),
        token_hash: Set(new.token_hash),
        scopes: Set(new.scopes.to_string()),
        created_at: Set(created_at),
        last_used_at: Set(None),
        kind: Set(new.kind.as_str().to_owned()),
        name: Set(new.name.clone()),
        expires_at: Set(new.expires_at),
        ip: Set(new.ip),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(AccessToken {
        id,
        name: new.name.unwrap_or_default(),
        scopes: new.scopes,
        created_at,
        last_used_at: None,
        expires_at: new.expires_at,
    })
}

fn kind(row: &Model) -> TokenKind {
    // Rows older than personal tokens are log-in tokens.
    TokenKind::parse(&row.kind).unwrap_or(TokenKind::Login)
}

fn personal(row: Model) -> AccessToken {
    AccessToken {
        id: TokenId(row.id),
        scopes: Scopes::parse(&row.scopes),
        name: row.name.unwrap_or_default(),
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        expires_at: row.expires_at,
    }
}

/// A stored token and its user, found by the token's hash in one statement (every
/// authenticated request starts with it).
pub async fn with_user_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<(StoredToken, User)>, DbErr> {
    let owner = Entity::belongs_to(users::Entity)
        .from(Column::UserId)
        .to(users::Column::Id)
        .into();
    let found = Entity::find()
        .filter(Column::TokenHash.eq(token_hash))
        .join(JoinType::InnerJoin, owner)
        .select_also(users::Entity)
        .one(db)
        .await?;
    let Some((row, Some(user))) = found else {
        return Ok(None);
    };
    Ok(Some((stored(&row), super::users::to_domain(user))))
}

fn stored(row: &Model) -> StoredToken {
    StoredToken {
        id: TokenId(row.id),
        user_id: UserId(row.user_id),
        kind: kind(row),
        scopes: Scopes::parse(&row.scopes),
        last_used_at: row.last_used_at,
        expires_at: row.expires_at,
    }
}

/// A stored token, found by its id.
pub async fn by_id(db: &impl ConnectionTrait, id: TokenId) -> Result<Option<StoredToken>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.as_ref().map(stored))
}

/// One of a user's personal tokens.
pub async fn personal_of_user(
    db: &impl ConnectionTrait,
    user_id: UserId,
    id: TokenId,
) -> Result<Option<AccessToken>, DbErr> {
    let row = Entity::find_by_id(id.0)
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Kind.eq(TokenKind::Personal.as_str()))
        .one(db)
        .await?;
    Ok(row.map(personal))
}

/// A user's personal tokens, newest first.
pub async fn personal_for_user(
    db: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Vec<AccessToken>, DbErr> {
    let rows = Entity::find()
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Kind.eq(TokenKind::Personal.as_str()))
        .order_by_desc(Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(personal).collect())
}

/// A user's log-in tokens, the latest used first (then the newest).
pub async fn login_for_user(
    db: &impl ConnectionTrait,
    user_id: UserId,
) -> Result<Vec<LoginToken>, DbErr> {
    let rows = Entity::find()
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Kind.ne(TokenKind::Personal.as_str()))
        .order_by_desc(Column::Id)
        .all(db)
        .await?;
    let mut tokens: Vec<LoginToken> = rows
        .into_iter()
        .map(|row| LoginToken {
            id: TokenId(row.id),
            device: row.name,
            ip: row.ip,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
        })
        .collect();
    tokens.sort_by_key(|token| std::cmp::Reverse(token.last_used_at));
    Ok(tokens)
}

/// A log-in token as listed.
#[derive(Debug, Clone)]
pub struct LoginToken {
    pub id: TokenId,
    pub device: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// How many personal tokens a user has.
pub async fn count_personal(db: &impl ConnectionTrait, user_id: UserId) -> Result<u64, DbErr> {
    Entity::find()
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Kind.eq(TokenKind::Personal.as_str()))
        .count(db)
        .await
}

/// Deletes one of a user's tokens of `kind`; false when the user has no such token.
pub async fn delete_of_kind(
    db: &impl ConnectionTrait,
    user_id: UserId,
    id: TokenId,
    kind: TokenKind,
) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::Id.eq(id.0))
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Kind.eq(kind.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

pub async fn touch(db: &impl ConnectionTrait, id: TokenId, at: DateTime<Utc>) -> Result<(), DbErr> {
    ActiveModel {
        id: Set(id.0),
        last_used_at: Set(Some(at)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: TokenId) -> Result<(), DbErr> {
    Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

/// Deletes the log-in token with this hash; false when there was none.
pub async fn delete_login_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<bool, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::TokenHash.eq(token_hash))
        .filter(Column::Kind.eq(TokenKind::Login.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Revokes every token of a user but `kept`; returns how many there were.
pub async fn delete_for_user_except(
    db: &impl ConnectionTrait,
    user_id: UserId,
    kept: TokenId,
) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user_id.0))
        .filter(Column::Id.ne(kept.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Revokes every token of a user; returns how many there were.
pub async fn delete_for_user(db: &impl ConnectionTrait, user_id: UserId) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::UserId.eq(user_id.0))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Forgets tokens that expired before `before`; returns how many.
pub async fn delete_expired(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = Entity::delete_many()
        .filter(Column::ExpiresAt.lt(before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// How many users used a token at or after `since`.
pub async fn users_active_since(
    db: &impl ConnectionTrait,
    since: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::QuerySelect;
    Entity::find()
        .select_only()
        .column(Column::UserId)
        .distinct()
        .filter(Column::LastUsedAt.gte(since))
        .count(db)
        .await
}

/// Forgets the addresses of tokens made before `before`; returns how many.
pub async fn forget_ips_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let result = Entity::update_many()
        .col_expr(
            Column::Ip,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(Column::Ip.is_not_null())
        .filter(Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
