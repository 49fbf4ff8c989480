//! Custom emoji, by id or by (shortcode, domain).

use chrono::{DateTime, Utc};
use rookery_entity::custom_emojis::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::ids::CustomEmojiId;
use crate::types::{CustomEmoji, MediaState, StoredFile};

fn stored(key: Option<String>, content_type: Option<String>) -> Option<StoredFile> {
    Some(StoredFile {
        key: key?,
        content_type: content_type.unwrap_or_else(|| "application/octet-stream".into()),
    })
}

fn to_domain(row: Model) -> CustomEmoji {
    CustomEmoji {
        id: CustomEmojiId(row.id),
        shortcode: row.shortcode,
        domain: row.domain,
        uri: row.uri,
        image_url: row.image_url,
        state: MediaState::parse(&row.state).unwrap_or(MediaState::Failed),
        error: row.error,
        file: stored(row.file_key, row.content_type),
        still: stored(row.static_key, row.static_content_type),
        visible_in_picker: row.visible_in_picker,
        updated: row.updated,
        created_at: row.created_at,
    }
}

fn to_row(emoji: &CustomEmoji) -> ActiveModel {
    ActiveModel {
        id: Set(emoji.id.0),
        shortcode: Set(emoji.shortcode.clone()),
        domain: Set(emoji.domain.clone()),
        uri: Set(emoji.uri.clone()),
        image_url: Set(emoji.image_url.clone()),
        state: Set(emoji.state.as_str().into()),
        error: Set(emoji.error.clone()),
        file_key: Set(emoji.file.as_ref().map(|f| f.key.clone())),
        content_type: Set(emoji.file.as_ref().map(|f| f.content_type.clone())),
        static_key: Set(emoji.still.as_ref().map(|f| f.key.clone())),
        static_content_type: Set(emoji.still.as_ref().map(|f| f.content_type.clone())),
        visible_in_picker: Set(emoji.visible_in_picker),
        updated: Set(emoji.updated),
        created_at: Set(emoji.created_at),
        updated_at: Set(Utc::now()),
    }
}

fn of_domain(domain: Option<&str>) -> Condition {
    match domain {
        Some(domain) => Condition::all().add(Column::Domain.eq(domain)),
        None => Condition::all().add(Column::Domain.is_null()),
    }
}

/// Inserts an emoji; a unique violation when its (shortcode, domain) is taken.
pub async fn insert(db: &impl ConnectionTrait, emoji: &CustomEmoji) -> Result<(), DbErr> {
    Entity::insert(to_row(emoji))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Writes back everything about `emoji` but its shortcode and domain.
pub async fn update(db: &impl ConnectionTrait, emoji: &CustomEmoji) -> Result<(), DbErr> {
    let mut row = to_row(emoji);
    row.shortcode = sea_orm::ActiveValue::NotSet;
    row.domain = sea_orm::ActiveValue::NotSet;
    row.created_at = sea_orm::ActiveValue::NotSet;
    Entity::update(row).exec(db).await?;
    Ok(())
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: CustomEmojiId,
) -> Result<Option<CustomEmoji>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// The emoji of `domain` (None: this server's) named `shortcode`.
pub async fn by_shortcode(
    db: &impl ConnectionTrait,
    domain: Option<&str>,
    shortcode: &str,
) -> Result<Option<CustomEmoji>, DbErr> {
    Ok(Entity::find()
        .filter(of_domain(domain))
        .filter(Column::Shortcode.eq(shortcode))
        .one(db)
        .await?
        .map(to_domain))
}

/// The emoji of `domain` (None: this server's) among `shortcodes` that have a copy here
/// (while a new picture is copied, the earlier copy), by shortcode.
pub async fn ready_by_shortcodes(
    db: &impl ConnectionTrait,
    domain: Option<&str>,
    shortcodes: &[String],
) -> Result<Vec<CustomEmoji>, DbErr> {
    if shortcodes.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Entity::find()
        .filter(of_domain(domain))
        .filter(Column::Shortcode.is_in(super::padded(shortcodes.iter().cloned())))
        .filter(Column::FileKey.is_not_null())
        .order_by_asc(Column::Shortcode)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// This server's emoji that are offered to its users, by shortcode.
pub async fn local_in_picker(db: &impl ConnectionTrait) -> Result<Vec<CustomEmoji>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Domain.is_null())
        .filter(Column::VisibleInPicker.eq(true))
        .filter(Column::State.eq(MediaState::Ready.as_str()))
        .filter(Column::FileKey.is_not_null())
        .order_by_asc(Column::Shortcode)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn delete(db: &impl ConnectionTrait, id: CustomEmojiId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id.0).exec(db).await?.rows_affected > 0)
}

/// Whether an emoji keeps a file under `key`.
pub async fn key_in_use(db: &impl ConnectionTrait, key: &str) -> Result<bool, DbErr> {
    Ok(Entity::find()
        .filter(
            Condition::any()
                .add(Column::FileKey.eq(key))
                .add(Column::StaticKey.eq(key)),
        )
        .one(db)
        .await?
        .is_some())
}

/// Emoji waiting for their copy since before `before`, at most `limit`: their task may be
/// lost.
pub async fn processing_since(
    db: &impl ConnectionTrait,
    before: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<CustomEmojiId>, DbErr> {
    Ok(Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::State.eq(MediaState::Processing.as_str()))
        .filter(Column::UpdatedAt.lt(before))
        .limit(limit)
        .into_tuple::<uuid::Uuid>()
        .all(db)
        .await?
        .into_iter()
        .map(CustomEmojiId)
        .collect())
}
