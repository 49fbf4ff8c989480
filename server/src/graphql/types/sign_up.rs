//! Sign-up moderation: `Invite`, `InviteCheck`, `EmailDomainBlock` and `IpBlock`.

use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use rookery_domain::types::{EmailDomainBlock, Invite, IpBlock, IpBlockSeverity};

use super::AccountNode;
use super::moderation::account;
use crate::graphql::context::ContextExt;
use crate::graphql::ids;

pub struct InviteNode(pub Invite);

/// A link that lets people sign up, also while registrations are closed, without waiting
/// for approval.
#[Object(name = "Invite")]
impl InviteNode {
    async fn id(&self) -> ID {
        ids::encode(ids::INVITE, self.0.id.0)
    }

    /// The code in the link.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// The sign-up page's address with the code: `<instance>/sign-up?invite=<code>`.
    async fn url(&self, ctx: &Context<'_>) -> String {
        let path = format!("/sign-up?invite={}", self.0.code);
        ctx.state().app.instance().url(&path)
    }

    /// Null: no limit.
    async fn max_uses(&self) -> Option<u32> {
        self.0.max_uses
    }

    async fn uses(&self) -> u32 {
        self.0.uses
    }

    /// Null: never.
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// Whether it still lets people sign up: not expired, revoked or used up.
    async fn valid(&self) -> bool {
        self.0.valid_at(Utc::now())
    }

    /// Who made it.
    async fn creator(&self, ctx: &Context<'_>) -> Result<AccountNode> {
        account(ctx, self.0.creator).await
    }
}

/// What a sign-up page knows of an invite code, for anyone.
#[derive(SimpleObject)]
pub struct InviteCheck {
    pub valid: bool,
    /// Who invited; null when the code is not valid.
    pub inviter: Option<AccountNode>,
}

/// An email domain sign-ups are refused from (with its subdomains).
#[derive(SimpleObject)]
#[graphql(name = "EmailDomainBlock")]
pub struct EmailDomainBlockValue {
    pub id: ID,
    pub domain: String,
    pub created_at: DateTime<Utc>,
}

impl From<EmailDomainBlock> for EmailDomainBlockValue {
    fn from(block: EmailDomainBlock) -> Self {
        Self {
            id: ids::encode(ids::EMAIL_DOMAIN_BLOCK, block.id.0),
            domain: block.domain,
            created_at: block.created_at,
        }
    }
}

/// What an IP block does to sign-ups from its addresses.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "IpBlockSeverity")]
pub enum IpBlockSeverityValue {
    SignUpRequiresApproval,
    SignUpBlock,
}

impl From<IpBlockSeverity> for IpBlockSeverityValue {
    fn from(severity: IpBlockSeverity) -> Self {
        match severity {
            IpBlockSeverity::SignUpRequiresApproval => Self::SignUpRequiresApproval,
            IpBlockSeverity::SignUpBlock => Self::SignUpBlock,
        }
    }
}

impl From<IpBlockSeverityValue> for IpBlockSeverity {
    fn from(value: IpBlockSeverityValue) -> Self {
        match value {
            IpBlockSeverityValue::SignUpRequiresApproval => Self::SignUpRequiresApproval,
            IpBlockSeverityValue::SignUpBlock => Self::SignUpBlock,
        }
    }
}

/// A range of addresses whose sign-ups wait for approval or are refused.
#[derive(SimpleObject)]
#[graphql(name = "IpBlock")]
pub struct IpBlockValue {
    pub id: ID,
    /// CIDR, e.g. `192.0.2.0/24` or `2001:db8::/32`; one address is `/32` or `/128`.
    pub range: String,
    pub severity: IpBlockSeverityValue,
    pub comment: String,
    /// Null: never.
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<IpBlock> for IpBlockValue {
    fn from(block: IpBlock) -> Self {
        Self {
            id: ids::encode(ids::IP_BLOCK, block.id.0),
            range: block.range.to_string(),
            severity: block.severity.into(),
            comment: block.comment,
            expires_at: block.expires_at,
            created_at: block.created_at,
        }
    }
}
