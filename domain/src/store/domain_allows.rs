//! The allowlist.

use rookery_entity::domain_allows::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};

use crate::ids::DomainAllowId;
use crate::types::DomainAllow;

fn to_domain(model: Model) -> DomainAllow {
    DomainAllow {
        id: DomainAllowId(model.id),
        domain: model.domain,
        created_at: model.created_at,
    }
}

/// Adds a server; false when it was allowed already.
pub async fn insert(db: &impl ConnectionTrait, allow: &DomainAllow) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(allow.id.0),
        domain: Set(allow.domain.clone()),
        created_at: Set(allow.created_at),
    };
    let inserted = Entity::insert(row)
        .on_conflict(OnConflict::column(Column::Domain).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: DomainAllowId,
) -> Result<Option<DomainAllow>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn delete(db: &impl ConnectionTrait, id: DomainAllowId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id.0).exec(db).await?.rows_affected == 1)
}

/// The allowlist, alphabetically.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<DomainAllow>, DbErr> {
    Ok(Entity::find()
        .order_by_asc(Column::Domain)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Which of `domains` are allowed.
pub async fn allowed_among(
    db: &impl ConnectionTrait,
    domains: Vec<String>,
) -> Result<Vec<String>, DbErr> {
    if domains.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::Domain.is_in(domains))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.domain)
        .collect())
}
