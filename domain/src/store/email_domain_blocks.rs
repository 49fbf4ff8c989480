//! Email domains sign-ups are refused from.

use rookery_entity::email_domain_blocks::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::ids::EmailDomainBlockId;
use crate::types::EmailDomainBlock;

fn to_domain(model: Model) -> EmailDomainBlock {
    EmailDomainBlock {
        id: EmailDomainBlockId(model.id),
        domain: model.domain,
        created_at: model.created_at,
    }
}

/// Adds a block; false when the domain was blocked already.
pub async fn insert(db: &impl ConnectionTrait, block: &EmailDomainBlock) -> Result<bool, DbErr> {
    let row = ActiveModel {
        id: Set(block.id.0),
        domain: Set(block.domain.clone()),
        created_at: Set(block.created_at),
    };
    let inserted = Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(Column::Domain)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: EmailDomainBlockId,
) -> Result<Option<EmailDomainBlock>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn delete(db: &impl ConnectionTrait, id: EmailDomainBlockId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id.0).exec(db).await?.rows_affected == 1)
}

/// Every block, the newest first, at most `limit`.
pub async fn all(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<EmailDomainBlock>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// The first of `domains` that is blocked.
pub async fn any_of(
    db: &impl ConnectionTrait,
    domains: &[String],
) -> Result<Option<EmailDomainBlock>, DbErr> {
    if domains.is_empty() {
        return Ok(None);
    }
    Ok(Entity::find()
        .filter(Column::Domain.is_in(domains.iter().cloned()))
        .one(db)
        .await?
        .map(to_domain))
}
