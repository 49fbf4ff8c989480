//! `Webhook` (never its secret) and `WebhookEvent`.

use async_graphql::{Enum, ID, Object};
use chrono::{DateTime, Utc};
use rookery_domain::types::{Webhook, WebhookEvent};

use crate::graphql::ids;

/// What a webhook is told of.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "WebhookEvent")]
pub enum WebhookEventValue {
    /// `status.created`: a status was posted.
    StatusCreated,
    /// `status.updated`: a status was edited.
    StatusUpdated,
    /// `status.deleted`: a status was deleted.
    StatusDeleted,
    /// `account.created`: a local account was made (instance-wide webhooks only).
    AccountCreated,
    /// `report.created`: a report was filed (instance-wide webhooks only).
    ReportCreated,
}

impl From<WebhookEventValue> for WebhookEvent {
    fn from(value: WebhookEventValue) -> Self {
        match value {
            WebhookEventValue::StatusCreated => Self::StatusCreated,
            WebhookEventValue::StatusUpdated => Self::StatusUpdated,
            WebhookEventValue::StatusDeleted => Self::StatusDeleted,
            WebhookEventValue::AccountCreated => Self::AccountCreated,
            WebhookEventValue::ReportCreated => Self::ReportCreated,
        }
    }
}

impl From<WebhookEvent> for WebhookEventValue {
    fn from(value: WebhookEvent) -> Self {
        match value {
            WebhookEvent::StatusCreated => Self::StatusCreated,
            WebhookEvent::StatusUpdated => Self::StatusUpdated,
            WebhookEvent::StatusDeleted => Self::StatusDeleted,
            WebhookEvent::AccountCreated => Self::AccountCreated,
            WebhookEvent::ReportCreated => Self::ReportCreated,
        }
    }
}

pub struct WebhookNode(pub Webhook);

/// A URL told of events by signed POSTs: JSON `{event, createdAt, object}` with headers
/// `X-Rookery-Timestamp` and `X-Rookery-Signature: sha256=<hex HMAC-SHA256 of
/// "timestamp.body" under the secret>`.
#[Object(name = "Webhook")]
impl WebhookNode {
    pub async fn id(&self) -> ID {
        ids::encode(ids::WEBHOOK, self.0.id.0)
    }

    async fn url(&self) -> &str {
        &self.0.url
    }

    async fn events(&self) -> Vec<WebhookEventValue> {
        self.0.events.iter().map(|e| (*e).into()).collect()
    }

    /// Told of every local status, new accounts and reports, not only its owner's statuses.
    async fn instance_wide(&self) -> bool {
        self.0.instance_wide
    }

    async fn enabled(&self) -> bool {
        self.0.enabled
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}
