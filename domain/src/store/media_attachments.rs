//! Media attachments.

use chrono::{DateTime, Utc};
use rookery_entity::media_attachments::{ActiveModel, Column, Entity, Model};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::ids::{AccountId, MediaId, StatusId};
use crate::types::{Focus, MediaAttachment, MediaState, StoredFile};

fn stored(key: Option<String>, content_type: Option<String>) -> Option<StoredFile> {
    Some(StoredFile {
        key: key?,
        content_type: content_type.unwrap_or_else(|| "application/octet-stream".into()),
    })
}

fn to_domain(row: Model) -> MediaAttachment {
    MediaAttachment {
        id: MediaId(row.id),
        account_id: AccountId(row.account_id),
        status_id: row.status_id.map(StatusId),
        state: MediaState::parse(&row.state).unwrap_or(MediaState::Failed),
        error: row.error,
        upload_key: row.upload_key,
        original: stored(row.original_key, row.content_type),
        thumbnail: stored(row.thumbnail_key, row.thumbnail_content_type),
        width: row.width.and_then(|w| u32::try_from(w).ok()),
        height: row.height.and_then(|h| u32::try_from(h).ok()),
        animated: row.animated,
        blurhash: row.blurhash,
        focus: row.focus_x.zip(row.focus_y).map(|(x, y)| Focus { x, y }),
        description: row.description,
        remote_url: row.remote_url,
        cached_at: row.cached_at,
        created_at: row.created_at,
    }
}

fn to_row(media: &MediaAttachment, position: i32) -> ActiveModel {
    let dimension = |d: Option<u32>| d.and_then(|d| i32::try_from(d).ok());
    ActiveModel {
        id: Set(media.id.0),
        account_id: Set(media.account_id.0),
        status_id: Set(media.status_id.map(|s| s.0)),
        position: Set(position),
        state: Set(media.state.as_str().into()),
        error: Set(media.error.clone()),
        upload_key: Set(media.upload_key.clone()),
        original_key: Set(media.original.as_ref().map(|f| f.key.clone())),
        content_type: Set(media.original.as_ref().map(|f| f.content_type.clone())),
        thumbnail_key: Set(media.thumbnail.as_ref().map(|f| f.key.clone())),
        thumbnail_content_type: Set(media.thumbnail.as_ref().map(|f| f.content_type.clone())),
        width: Set(dimension(media.width)),
        height: Set(dimension(media.height)),
        animated: Set(media.animated),
        blurhash: Set(media.blurhash.clone()),
        focus_x: Set(media.focus.map(|f| f.x)),
        focus_y: Set(media.focus.map(|f| f.y)),
        description: Set(media.description.clone()),
        remote_url: Set(media.remote_url.clone()),
        cached_at: Set(media.cached_at),
        edited_out_at: sea_orm::ActiveValue::NotSet,
        created_at: Set(media.created_at),
        updated_at: Set(Utc::now()),
    }
}

/// Inserts attachments, each at its place in the list (a remote status's, in order).
pub async fn insert(db: &impl ConnectionTrait, media: &[MediaAttachment]) -> Result<(), DbErr> {
    if media.is_empty() {
        return Ok(());
    }
    let rows = media
        .iter()
        .zip(0..)
        .map(|(media, position)| to_row(media, position));
    Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

/// Writes back everything about `media` but its place in its status.
pub async fn update(db: &impl ConnectionTrait, media: &MediaAttachment) -> Result<(), DbErr> {
    let mut row = to_row(media, 0);
    row.position = sea_orm::ActiveValue::NotSet;
    row.status_id = sea_orm::ActiveValue::NotSet;
    Entity::update(row).exec(db).await?;
    Ok(())
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: MediaId,
) -> Result<Option<MediaAttachment>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// The attachments of `statuses`, each status's in its order (not those an edit took off).
pub async fn of_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<Vec<MediaAttachment>, DbErr> {
    if statuses.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::StatusId.is_in(super::padded(statuses.iter().map(|s| s.0))))
        .filter(Column::EditedOutAt.is_null())
        .order_by_asc(Column::StatusId)
        .order_by_asc(Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Attaches `owner`'s unattached, ready uploads to `status` in the order given; how many
/// were.
pub async fn attach(
    db: &impl ConnectionTrait,
    owner: AccountId,
    media: &[MediaId],
    status: StatusId,
) -> Result<usize, DbErr> {
    let mut attached = 0;
    for (id, position) in media.iter().zip(0i32..) {
        let result = Entity::update_many()
            .col_expr(Column::StatusId, Expr::value(status.0))
            .col_expr(Column::Position, Expr::value(position))
            .filter(Column::Id.eq(id.0))
            .filter(Column::AccountId.eq(owner.0))
            .filter(Column::StatusId.is_null())
            .filter(Column::State.eq(MediaState::Ready.as_str()))
            .exec(db)
            .await?;
        attached += result.rows_affected as usize;
    }
    Ok(attached)
}

/// Attachments by id, in no particular order; those not found are left out.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[MediaId],
) -> Result<Vec<MediaAttachment>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Makes `media`, in order, the attachments `status` shows: each one of the status's own,
/// or an upload of `owner`'s, ready and not posted yet. The status's others are taken off
/// at `at`, kept for its earlier versions. Returns how many of `media` it shows.
pub async fn arrange(
    db: &impl ConnectionTrait,
    owner: AccountId,
    status: StatusId,
    media: &[MediaId],
    at: DateTime<Utc>,
) -> Result<usize, DbErr> {
    Entity::update_many()
        .col_expr(Column::EditedOutAt, Expr::value(Some(at)))
        .filter(Column::StatusId.eq(status.0))
        .filter(Column::EditedOutAt.is_null())
        .filter(Column::Id.is_not_in(media.iter().map(|id| id.0)))
        .exec(db)
        .await?;
    let takeable = Condition::any().add(Column::StatusId.eq(status.0)).add(
        Condition::all()
            .add(Column::StatusId.is_null())
            .add(Column::State.eq(MediaState::Ready.as_str())),
    );
    let mut shown = 0;
    for (id, position) in media.iter().zip(0i32..) {
        let result = Entity::update_many()
            .col_expr(Column::StatusId, Expr::value(status.0))
            .col_expr(Column::Position, Expr::value(position))
            .col_expr(
                Column::EditedOutAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(Column::Id.eq(id.0))
            .filter(Column::AccountId.eq(owner.0))
            .filter(takeable.clone())
            .exec(db)
            .await?;
        shown += result.rows_affected as usize;
    }
    Ok(shown)
}

/// Lets go of a deleted status's attachments; they are removed as orphans.
pub async fn detach_all(db: &impl ConnectionTrait, status: StatusId) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::StatusId, Expr::value(Option::<uuid::Uuid>::None))
        .filter(Column::StatusId.eq(status.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Lets go of every attachment of `account`'s statuses (the account is gone).
pub async fn detach_all_of(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::StatusId, Expr::value(Option::<uuid::Uuid>::None))
        .filter(Column::AccountId.eq(account.0))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: MediaId) -> Result<(), DbErr> {
    Entity::delete_by_id(id.0).exec(db).await?;
    Ok(())
}

/// Attachments on no status, made before `before`, oldest first.
pub async fn orphans(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<MediaAttachment>, DbErr> {
    let orphaned = Condition::all()
        .add(Column::StatusId.is_null())
        .add(Column::CreatedAt.lt(before));
    oldest(db, orphaned, Column::CreatedAt, limit).await
}

/// Remote attachments whose copy here was made before `before`, oldest first.
pub async fn cached_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<MediaAttachment>, DbErr> {
    oldest(db, cached(before), Column::CachedAt, limit).await
}

fn cached(before: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::RemoteUrl.is_not_null())
        .add(Column::CachedAt.lt(before))
}

/// The first `limit` attachments meeting `condition`, by `by`.
async fn oldest(
    db: &impl ConnectionTrait,
    condition: Condition,
    by: Column,
    limit: u64,
) -> Result<Vec<MediaAttachment>, DbErr> {
    Ok(Entity::find()
        .filter(condition)
        .order_by_asc(by)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn count_cached_before(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    Entity::find().filter(cached(before)).count(db).await
}

/// Attachments still processing since before `before`: their task may have been lost.
pub async fn processing_since(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<MediaId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::State.eq(MediaState::Processing.as_str()))
        .filter(Column::UpdatedAt.lt(before))
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|row| MediaId(row.id))
        .collect())
}

/// Whether any attachment still names `key` (kept files are shared by their content).
pub async fn key_in_use(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    Ok(Entity::find()
        .filter(
            Condition::any()
                .add(Column::OriginalKey.eq(key))
                .add(Column::ThumbnailKey.eq(key))
                .add(Column::UploadKey.eq(key)),
        )
        .one(db)
        .await?
        .is_some())
}
