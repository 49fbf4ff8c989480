//! Servers this instance blocks: `DomainBlock` for moderators, `PublicDomainBlock` for
//! everyone, and what an import changes.

use async_graphql::{Context, Enum, Object, Result};
use chrono::{DateTime, Utc};
use rookery_domain::service::domain_blocks::{self, ImportChange};
use rookery_domain::types::{DomainBlock, DomainBlockSeverity};
use sha2::{Digest, Sha256};

use crate::graphql::context::ContextExt;
use crate::graphql::error::ApiResult;

/// How far a server is cut off.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "DomainBlockSeverity")]
pub enum DomainBlockSeverityValue {
    /// Nothing is cut off; only media or reports may be refused.
    Noop,
    /// Its accounts' posts reach their followers here only (as a limited account's).
    Limit,
    /// Nothing is received from, fetched from or sent to it; its accounts are suspended
    /// here and follows with them end.
    Suspend,
}

impl From<DomainBlockSeverity> for DomainBlockSeverityValue {
    fn from(value: DomainBlockSeverity) -> Self {
        match value {
            DomainBlockSeverity::Noop => Self::Noop,
            DomainBlockSeverity::Limit => Self::Limit,
            DomainBlockSeverity::Suspend => Self::Suspend,
        }
    }
}

impl From<DomainBlockSeverityValue> for DomainBlockSeverity {
    fn from(value: DomainBlockSeverityValue) -> Self {
        match value {
            DomainBlockSeverityValue::Noop => Self::Noop,
            DomainBlockSeverityValue::Limit => Self::Limit,
            DomainBlockSeverityValue::Suspend => Self::Suspend,
        }
    }
}

pub struct DomainBlockNode(pub DomainBlock);

/// A server blocked by this instance, as moderators see it.
#[Object(name = "DomainBlock")]
impl DomainBlockNode {
    async fn domain(&self) -> &str {
        &self.0.domain
    }

    async fn severity(&self) -> DomainBlockSeverityValue {
        self.0.severity.into()
    }

    /// Its media is not fetched.
    async fn reject_media(&self) -> bool {
        self.0.reject_media
    }

    /// Its reports (Flags) are dropped.
    async fn reject_reports(&self) -> bool {
        self.0.reject_reports
    }

    /// Shown with some letters as `*` in public lists.
    async fn obfuscate(&self) -> bool {
        self.0.obfuscate
    }

    /// For moderators only.
    async fn private_comment(&self) -> &str {
        &self.0.private_comment
    }

    /// Shown in the public list.
    async fn public_comment(&self) -> &str {
        &self.0.public_comment
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// How many accounts of it this instance knows.
    async fn accounts_count(&self, ctx: &Context<'_>) -> Result<u64> {
        domain_blocks::accounts_count(&ctx.state().app.db, &self.0.domain)
            .await
            .api()
    }
}

pub struct PublicDomainBlockNode(pub DomainBlock);

/// A block as everyone may read it (Mastodon's `/api/v1/instance/domain_blocks`).
#[Object(name = "PublicDomainBlock")]
impl PublicDomainBlockNode {
    /// Obfuscated (`e*a*p*e.com`) when the block says so.
    async fn domain(&self) -> String {
        self.0.public_domain()
    }

    /// SHA-256 of the real domain, hex: whoever knows a domain can check it is listed.
    async fn digest(&self) -> String {
        let digest = Sha256::digest(self.0.domain.as_bytes());
        digest.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    async fn severity(&self) -> DomainBlockSeverityValue {
        self.0.severity.into()
    }

    async fn comment(&self) -> &str {
        &self.0.public_comment
    }
}

/// What an import does to one domain.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "DomainBlockChangeKind")]
pub enum DomainBlockChangeKindValue {
    Add,
    Update,
    Unchanged,
}

impl From<ImportChange> for DomainBlockChangeKindValue {
    fn from(value: ImportChange) -> Self {
        match value {
            ImportChange::Add => Self::Add,
            ImportChange::Update => Self::Update,
            ImportChange::Unchanged => Self::Unchanged,
        }
    }
}

pub struct DomainBlockChangeNode(pub DomainBlock, pub ImportChange);

/// What an import would do (or did) to one domain.
#[Object(name = "DomainBlockChange")]
impl DomainBlockChangeNode {
    async fn domain(&self) -> &str {
        &self.0.domain
    }

    async fn change(&self) -> DomainBlockChangeKindValue {
        self.1.into()
    }

    /// The block as it is or would be after the import.
    async fn block(&self) -> DomainBlockNode {
        DomainBlockNode(self.0.clone())
    }
}
