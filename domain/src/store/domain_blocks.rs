//! Blocked domains.

use rookery_entity::domain_blocks::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

use crate::types::{DomainBlock, DomainBlockSeverity};

fn to_domain(model: Model) -> DomainBlock {
    DomainBlock {
        domain: model.domain,
        severity: DomainBlockSeverity::parse(&model.severity)
            .unwrap_or(DomainBlockSeverity::Suspend),
        reject_media: model.reject_media,
        reject_reports: model.reject_reports,
        obfuscate: model.obfuscate,
        private_comment: model.reason.unwrap_or_default(),
        public_comment: model.public_comment,
        created_at: model.created_at,
    }
}

/// Stores a block, or replaces the one on its domain (keeping when it began).
pub async fn save(db: &impl ConnectionTrait, block: &DomainBlock) -> Result<(), DbErr> {
    let row = ActiveModel {
        domain: Set(block.domain.clone()),
        reason: Set(Some(block.private_comment.clone()).filter(|c| !c.is_empty())),
        created_at: Set(block.created_at),
        severity: Set(block.severity.as_str().to_owned()),
        reject_media: Set(block.reject_media),
        reject_reports: Set(block.reject_reports),
        obfuscate: Set(block.obfuscate),
        public_comment: Set(block.public_comment.clone()),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Domain)
                .update_columns([
                    Column::Reason,
                    Column::Severity,
                    Column::RejectMedia,
                    Column::RejectReports,
                    Column::Obfuscate,
                    Column::PublicComment,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Returns whether there was a block.
pub async fn delete(db: &impl ConnectionTrait, domain: &str) -> Result<bool, DbErr> {
    let result = Entity::delete_by_id(domain.to_owned()).exec(db).await?;
    Ok(result.rows_affected > 0)
}

pub async fn by_domain(
    db: &impl ConnectionTrait,
    domain: &str,
) -> Result<Option<DomainBlock>, DbErr> {
    Ok(Entity::find_by_id(domain.to_owned())
        .one(db)
        .await?
        .map(to_domain))
}

/// The blocks on any of `domains`.
pub async fn among(
    db: &impl ConnectionTrait,
    domains: Vec<String>,
) -> Result<Vec<DomainBlock>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Domain.is_in(domains))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Which of `domains` are suspended (cut off).
pub async fn blocked_among(
    db: &impl ConnectionTrait,
    domains: Vec<String>,
) -> Result<Vec<String>, DbErr> {
    let rows = Entity::find()
        .filter(Column::Domain.is_in(domains))
        .filter(Column::Severity.eq(DomainBlockSeverity::Suspend.as_str()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| row.domain).collect())
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<DomainBlock>, DbErr> {
    Ok(Entity::find()
        .order_by_asc(Column::Domain)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}
