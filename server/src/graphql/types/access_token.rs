//! `AccessToken` (a personal token, never its secret) and `AccessTokenScope`.

use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};
use rookery_domain::types::{AccessToken, Scope};

use crate::graphql::ids;

/// What a token may be used for.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "AccessTokenScope")]
pub enum ScopeValue {
    /// Queries and subscriptions.
    Read,
    /// Mutations (and with them follows, blocks and mutes).
    Write,
    /// Follows, blocks, mutes, domain blocks and follow requests only.
    Follow,
    /// Administration and moderation; for admins and moderators only.
    Admin,
}

impl From<ScopeValue> for Scope {
    fn from(value: ScopeValue) -> Self {
        match value {
            ScopeValue::Read => Self::Read,
            ScopeValue::Write => Self::Write,
            ScopeValue::Follow => Self::Follow,
            ScopeValue::Admin => Self::Admin,
        }
    }
}

impl From<Scope> for ScopeValue {
    fn from(value: Scope) -> Self {
        match value {
            Scope::Read => Self::Read,
            Scope::Write => Self::Write,
            Scope::Follow => Self::Follow,
            Scope::Admin => Self::Admin,
        }
    }
}

pub struct AccessTokenNode(pub AccessToken);

/// A personal access token for a script or bot. Its secret is shown once, when made.
#[Object(name = "AccessToken")]
impl AccessTokenNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::ACCESS_TOKEN, self.0.id.0)
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn scopes(&self) -> Vec<ScopeValue> {
        self.0.scopes.iter().map(ScopeValue::from).collect()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it was last used, to within a few minutes.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }

    /// When it stops working; null when it lasts until revoked.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
}
