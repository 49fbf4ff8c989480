//! Personal access tokens: named, scoped, optionally expiring tokens for scripts and bots.

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::{Kind, TokenId};
use crate::secrets::new_secret;
use crate::service::credentials::token_hash;
use crate::store;
use crate::types::{AccessToken, Scope, Scopes, TokenKind, Viewer};
use crate::{DomainError, DomainResult};

const MAX_NAME_CHARS: usize = 100;
/// Personal tokens one user may hold at once.
pub const MAX_TOKENS: u64 = 50;
/// The longest lifetime a token may be given (ten years).
const MAX_EXPIRES_IN_SECONDS: u64 = 10 * 365 * 24 * 3600;

/// A token to make.
#[derive(Debug, Clone)]
pub struct NewAccessToken {
    pub name: String,
    pub scopes: Vec<Scope>,
    /// Left out, the token lasts until revoked.
    pub expires_in_seconds: Option<u64>,
}

/// The token made, and its secret, which is shown this once and never kept.
#[derive(Debug, Clone)]
pub struct CreatedAccessToken {
    pub token: AccessToken,
    pub secret: String,
}

/// Makes a personal token for the viewer. It may not carry a scope the viewer's own token
/// lacks, nor `admin` unless the viewer is an admin or moderator. A token made with a
/// personal token that expires ends no later than it (left without an end, it ends with
/// it): no token outlives, or does more than, the one that made it.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id))]
pub async fn create(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    new: NewAccessToken,
) -> DomainResult<CreatedAccessToken> {
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(DomainError::validation("name", "must not be empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(DomainError::validation(
            "name",
            format!("at most {MAX_NAME_CHARS} characters"),
        ));
    }
    let scopes: Scopes = new.scopes.into_iter().collect();
    if scopes.is_empty() {
        return Err(DomainError::validation("scopes", "at least one scope"));
    }
    let maker = store::access_tokens::by_id(db, viewer.token_id)
        .await?
        .ok_or(DomainError::InvalidToken)?;
    let latest = match maker.kind {
        TokenKind::Personal | TokenKind::Appeal => maker.expires_at,
        TokenKind::Login => None,
    };
    let expires_at = match new.expires_in_seconds {
        None => latest,
        Some(0) => {
            return Err(DomainError::validation(
                "expiresInSeconds",
                "must be positive",
            ));
        }
        Some(seconds) if seconds > MAX_EXPIRES_IN_SECONDS => {
            return Err(DomainError::validation(
                "expiresInSeconds",
                format!("at most {MAX_EXPIRES_IN_SECONDS} seconds"),
            ));
        }
        Some(seconds) => Some(Utc::now() + Duration::seconds(i64::try_from(seconds).unwrap_or(0))),
    };
    if let (Some(latest), Some(expires_at)) = (latest, expires_at)
        && expires_at > latest
    {
        return Err(DomainError::validation(
            "expiresInSeconds",
            format!("the token making it ends at {latest}; this one cannot end later"),
        ));
    }
    if scopes.contains(Scope::Admin) && viewer.role.permissions.is_empty() {
        return Err(DomainError::Forbidden);
    }
    if let Some(missing) = scopes.iter().find(|scope| !viewer.has_scope(*scope)) {
        return Err(DomainError::InsufficientScope(missing));
    }
    if store::access_tokens::count_personal(db, viewer.user_id).await? >= MAX_TOKENS {
        return Err(DomainError::validation(
            "name",
            format!("at most {MAX_TOKENS} tokens; revoke one first"),
        ));
    }
    let secret = new_secret("rkp_");
    let token = store::access_tokens::insert(
        db,
        store::access_tokens::NewToken {
            user_id: viewer.user_id,
            token_hash: token_hash(&secret),
            kind: TokenKind::Personal,
            name: Some(name),
            scopes,
            expires_at,
            ip: None,
        },
    )
    .await?;
    Ok(CreatedAccessToken { token, secret })
}

/// The viewer's personal tokens, newest first, expired ones included until pruned.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<AccessToken>> {
    Ok(store::access_tokens::personal_for_user(db, viewer.user_id).await?)
}

/// One of the viewer's personal tokens; another's is NOT_FOUND.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: TokenId,
) -> DomainResult<AccessToken> {
    store::access_tokens::personal_of_user(db, viewer.user_id, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::AccessToken))
}

/// Revokes one of the viewer's personal tokens; another's is NOT_FOUND.
pub async fn revoke(db: &impl ConnectionTrait, viewer: &Viewer, id: TokenId) -> DomainResult<()> {
    if store::access_tokens::delete_of_kind(db, viewer.user_id, id, TokenKind::Personal).await? {
        Ok(())
    } else {
        Err(DomainError::NotFound(Kind::AccessToken))
    }
}
