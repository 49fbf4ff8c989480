//! Status edits: the earlier versions of edited statuses.

use std::collections::HashMap;

use rookery_entity::status_edits::{ActiveModel, Column, Entity};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::ids::{MediaId, StatusId};
use crate::types::StatusVersion;

/// Keeps `version`, an earlier version of `status`.
pub async fn insert(
    db: &impl ConnectionTrait,
    status: StatusId,
    version: &StatusVersion,
) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(Uuid::now_v7()),
        status_id: Set(status.0),
        source: Set(version.source.clone()),
        content_html: Set(version.content_html.clone()),
        content_warning: Set(version.content_warning.clone()),
        sensitive: Set(version.sensitive),
        media_ids: Set(media_ids(&version.media)),
        created_at: Set(version.created_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

fn media_ids(media: &[MediaId]) -> String {
    let ids: Vec<Uuid> = media.iter().map(|id| id.0).collect();
    serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into())
}

/// The earlier versions of `statuses`, oldest first.
pub async fn of(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, Vec<StatusVersion>>, DbErr> {
    let rows = Entity::find()
        .filter(Column::StatusId.is_in(statuses.iter().map(|s| s.0)))
        .order_by_asc(Column::CreatedAt)
        .all(db)
        .await?;
    let mut versions: HashMap<StatusId, Vec<StatusVersion>> = HashMap::new();
    for row in rows {
        versions
            .entry(StatusId(row.status_id))
            .or_default()
            .push(StatusVersion {
                source: row.source,
                content_html: row.content_html,
                content_warning: row.content_warning,
                sensitive: row.sensitive,
                media: serde_json::from_str::<Vec<Uuid>>(&row.media_ids)
                    .unwrap_or_default()
                    .into_iter()
                    .map(MediaId)
                    .collect(),
                created_at: row.created_at,
            });
    }
    Ok(versions)
}
