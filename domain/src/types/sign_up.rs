//! Sign-up moderation: invites, and the email domains and IP ranges sign-ups are refused
//! from or held for approval.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, EmailDomainBlockId, InviteId, IpBlockId};

/// A link that lets people sign up while registrations are closed, without approval.
#[derive(Debug, Clone, PartialEq)]
pub struct Invite {
    pub id: InviteId,
    pub code: String,
    pub creator: AccountId,
    /// None: no limit.
    pub max_uses: Option<u32>,
    pub uses: u32,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Invite {
    /// Whether it lets someone sign up at `now`.
    pub fn valid_at(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none()
            && self.expires_at.is_none_or(|end| now < end)
            && self.max_uses.is_none_or(|max| self.uses < max)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EmailDomainBlock {
    pub id: EmailDomainBlockId,
    /// Lowercase; its subdomains are refused too.
    pub domain: String,
    pub created_at: DateTime<Utc>,
}

/// What an IP block does to sign-ups from its range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IpBlockSeverity {
    SignUpRequiresApproval,
    SignUpBlock,
}

impl IpBlockSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignUpRequiresApproval => "sign_up_requires_approval",
            Self::SignUpBlock => "sign_up_block",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::SignUpRequiresApproval, Self::SignUpBlock]
            .into_iter()
            .find(|severity| severity.as_str() == value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IpBlock {
    pub id: IpBlockId,
    pub range: ipnet::IpNet,
    pub severity: IpBlockSeverity,
    pub comment: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}
