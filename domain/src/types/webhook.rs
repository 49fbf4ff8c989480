//! Outgoing webhooks and the events they are told of.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, WebhookDeliveryId, WebhookId};

/// What a webhook can be told of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookEvent {
    StatusCreated,
    StatusUpdated,
    StatusDeleted,
    /// A local account signed up or was made; instance-wide webhooks only.
    AccountCreated,
    /// A report was filed, here or by another server; instance-wide webhooks only.
    ReportCreated,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        Self::StatusCreated,
        Self::StatusUpdated,
        Self::StatusDeleted,
        Self::AccountCreated,
        Self::ReportCreated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StatusCreated => "status.created",
            Self::StatusUpdated => "status.updated",
            Self::StatusDeleted => "status.deleted",
            Self::AccountCreated => "account.created",
            Self::ReportCreated => "report.created",
        }
    }

    /// The name the API gives it (the GraphQL enum's value), which payloads and the
    /// `X-Rookery-Event` header carry.
    pub fn api_name(self) -> &'static str {
        match self {
            Self::StatusCreated => "STATUS_CREATED",
            Self::StatusUpdated => "STATUS_UPDATED",
            Self::StatusDeleted => "STATUS_DELETED",
            Self::AccountCreated => "ACCOUNT_CREATED",
            Self::ReportCreated => "REPORT_CREATED",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|event| event.as_str() == value)
    }

    /// Whether only instance-wide webhooks may be told of it.
    pub fn instance_only(self) -> bool {
        matches!(self, Self::AccountCreated | Self::ReportCreated)
    }
}

/// A URL told of events, each POST signed with the webhook's secret.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    pub id: WebhookId,
    /// Who made it; a webhook that is not instance-wide hears of this account's statuses.
    pub account_id: AccountId,
    /// Told of every local status, every new account and every report.
    pub instance_wide: bool,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
}

/// One event waiting to be sent to one webhook, with what sending it needs.
#[derive(Clone, PartialEq)]
pub struct PendingWebhookDelivery {
    pub id: WebhookDeliveryId,
    pub url: String,
    pub secret: String,
    pub event: String,
    /// The JSON to POST.
    pub body: String,
    /// Attempts made so far.
    pub attempts: u32,
}

/// Leaves the secret out, so that it never reaches a log.
impl std::fmt::Debug for PendingWebhookDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingWebhookDelivery")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("event", &self.event)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}
