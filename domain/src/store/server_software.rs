//! What each known server says it runs, as its NodeInfo last said.

use chrono::{DateTime, Utc};
use rookery_entity::server_software::{ActiveModel, Column, Entity};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

/// A server's software, as its NodeInfo names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSoftware {
    pub name: String,
    pub version: String,
    pub fetched_at: DateTime<Utc>,
}

/// What `domain` was last read to run.
pub async fn get(db: &impl ConnectionTrait, domain: &str) -> Result<Option<ServerSoftware>, DbErr> {
    Ok(Entity::find_by_id(domain.to_owned())
        .one(db)
        .await?
        .map(|row| ServerSoftware {
            name: row.name,
            version: row.version,
            fetched_at: row.fetched_at,
        }))
}

/// Keeps `software` as what `domain` runs, in place of what was kept.
pub async fn put(
    db: &impl ConnectionTrait,
    domain: &str,
    software: &ServerSoftware,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        domain: Set(domain.to_owned()),
        name: Set(software.name.clone()),
        version: Set(software.version.clone()),
        fetched_at: Set(software.fetched_at),
    };
    Entity::insert(row)
        .on_conflict(
            OnConflict::column(Column::Domain)
                .update_columns([Column::Name, Column::Version, Column::FetchedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
