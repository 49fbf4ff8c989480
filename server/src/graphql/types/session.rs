//! `Session`: a log-in token as its owner sees it.

use async_graphql::{ID, Object};
use chrono::{DateTime, Utc};
use rookery_domain::types::Session;

use crate::graphql::ids;

pub struct SessionNode(pub Session);

/// Where the viewer is logged in: the web client's sessions and every `login` token.
#[Object(name = "Session")]
impl SessionNode {
    /// What `revokeSession` takes.
    async fn id(&self) -> ID {
        ids::encode(ids::SESSION, self.0.id.0)
    }

    /// The browser or app that logged in, as it named itself; null when unknown.
    async fn device(&self) -> Option<&str> {
        self.0.device.as_deref()
    }

    /// The address it was signed in from; null when unknown or forgotten (after the
    /// instance's IP retention).
    async fn ip(&self) -> Option<&str> {
        self.0.ip.as_deref()
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When it was last used, to within a few minutes.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }

    /// Whether this request came with it.
    async fn current(&self) -> bool {
        self.0.current
    }
}
