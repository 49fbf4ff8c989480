//! The audit log: appended to, read, never changed.

use rookery_entity::audit_log::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, LikeExpr},
};

use crate::ids::{AccountId, AuditEntryId};
use crate::page::{Page, PageRequest};
use crate::types::AuditEntry;

fn to_domain(model: Model) -> AuditEntry {
    AuditEntry {
        id: AuditEntryId(model.id),
        actor: model.actor_account_id.map(AccountId),
        action: model.action,
        target_kind: model.target_kind,
        target_id: model.target_id,
        target_name: model.target_name,
        detail: serde_json::from_str(&model.detail).unwrap_or(serde_json::Value::Null),
        created_at: model.created_at,
    }
}

pub async fn insert(db: &impl ConnectionTrait, entry: &AuditEntry) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(entry.id.0),
        actor_account_id: Set(entry.actor.map(|id| id.0)),
        action: Set(entry.action.clone()),
        target_kind: Set(entry.target_kind.clone()),
        target_id: Set(entry.target_id),
        target_name: Set(entry.target_name.clone()),
        detail: Set(entry.detail.to_string()),
        created_at: Set(entry.created_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Which entries to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    pub actor: Option<AccountId>,
    /// The action's prefix: `account.` gives every action on accounts.
    pub action: Option<String>,
    pub target: Option<uuid::Uuid>,
}

/// A page of entries, newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    query: &AuditQuery,
    request: &PageRequest,
) -> Result<Page<AuditEntry>, DbErr> {
    let mut select = Entity::find();
    if let Some(actor) = query.actor {
        select = select.filter(Column::ActorAccountId.eq(actor.0));
    }
    if let Some(target) = query.target {
        select = select.filter(Column::TargetId.eq(target));
    }
    if let Some(action) = query.action.as_deref().filter(|a| !a.is_empty()) {
        let mut pattern = String::with_capacity(action.len() + 1);
        for c in action.chars() {
            if matches!(c, '%' | '_' | '\\') {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        pattern.push('%');
        select = select.filter(Expr::col(Column::Action).like(LikeExpr::new(pattern).escape('\\')));
    }
    super::page(db, select, Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}
