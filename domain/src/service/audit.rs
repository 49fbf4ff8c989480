//! The audit log: every moderation and administration action, written in the transaction
//! of the action itself, read by those allowed, never changed.

use chrono::Utc;
use sea_orm::ConnectionTrait;
use serde_json::Value;

use crate::DomainResult;
use crate::ids::AuditEntryId;
use crate::page::{Page, PageRequest};
use crate::store;
use crate::store::audit_log::AuditQuery;
use crate::types::{AuditEntry, AuditTarget, Permission, Viewer};

/// Appends an entry, inside the caller's transaction: the action and its record commit
/// together or not at all. `viewer` None is the command line.
pub async fn record(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    action: &str,
    target: Option<AuditTarget>,
    detail: Value,
) -> DomainResult<()> {
    let (target_kind, target_id, target_name) = match target {
        Some(target) => (
            Some(target.kind.to_owned()),
            Some(target.id),
            Some(target.name),
        ),
        None => (None, None, None),
    };
    let entry = AuditEntry {
        id: AuditEntryId::new(),
        actor: viewer.map(|v| v.account_id),
        action: action.to_owned(),
        target_kind,
        target_id,
        target_name,
        detail,
        created_at: Utc::now(),
    };
    store::audit_log::insert(db, &entry).await?;
    Ok(())
}

/// `{"before": …, "after": …}`, the detail of a change of settings.
pub fn change(before: Value, after: Value) -> Value {
    serde_json::json!({ "before": before, "after": after })
}

/// A page of entries, newest first, for those who may view the audit log.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    query: &AuditQuery,
    request: &PageRequest,
) -> DomainResult<Page<AuditEntry>> {
    viewer.require(Permission::ViewAuditLog)?;
    Ok(store::audit_log::page(db, query, request).await?)
}
