//! Announcements, and who dismissed each.

use chrono::{DateTime, Utc};
use rookery_entity::announcement_dismissals as dismissals;
use rookery_entity::announcements::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, sea_query::OnConflict,
};

use crate::ids::{AccountId, AnnouncementId};
use crate::types::Announcement;

fn to_domain(model: Model) -> Announcement {
    Announcement {
        id: AnnouncementId(model.id),
        text: model.text,
        starts_at: model.starts_at,
        ends_at: model.ends_at,
        published: model.published,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

fn row(announcement: &Announcement) -> ActiveModel {
    ActiveModel {
        id: Set(announcement.id.0),
        text: Set(announcement.text.clone()),
        starts_at: Set(announcement.starts_at),
        ends_at: Set(announcement.ends_at),
        published: Set(announcement.published),
        created_at: Set(announcement.created_at),
        updated_at: Set(announcement.updated_at),
    }
}

pub async fn insert(db: &impl ConnectionTrait, announcement: &Announcement) -> Result<(), DbErr> {
    Entity::insert(row(announcement))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Writes `announcement` over the stored one; false when there is none.
pub async fn update(db: &impl ConnectionTrait, announcement: &Announcement) -> Result<bool, DbErr> {
    let changed = Entity::update_many()
        .set(ActiveModel {
            text: Set(announcement.text.clone()),
            starts_at: Set(announcement.starts_at),
            ends_at: Set(announcement.ends_at),
            published: Set(announcement.published),
            updated_at: Set(announcement.updated_at),
            ..Default::default()
        })
        .filter(Column::Id.eq(announcement.id.0))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Deletes an announcement with its dismissals; false when there was none.
pub async fn delete(db: &impl ConnectionTrait, id: AnnouncementId) -> Result<bool, DbErr> {
    dismissals::Entity::delete_many()
        .filter(dismissals::Column::AnnouncementId.eq(id.0))
        .exec(db)
        .await?;
    let deleted = Entity::delete_by_id(id.0).exec(db).await?;
    Ok(deleted.rows_affected == 1)
}

pub async fn by_id(
    db: &impl ConnectionTrait,
    id: AnnouncementId,
) -> Result<Option<Announcement>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// Every announcement, newest first, at most `limit`.
pub async fn all(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Announcement>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// The announcements shown at `now`, newest first, at most `limit`.
pub async fn shown(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Announcement>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Published.eq(true))
        .filter(
            Condition::any()
                .add(Column::StartsAt.is_null())
                .add(Column::StartsAt.lte(now)),
        )
        .filter(
            Condition::any()
                .add(Column::EndsAt.is_null())
                .add(Column::EndsAt.gt(now)),
        )
        .order_by_desc(Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

/// Which of `ids` `account` dismissed.
pub async fn dismissed(
    db: &impl ConnectionTrait,
    account: AccountId,
    ids: &[AnnouncementId],
) -> Result<Vec<AnnouncementId>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(dismissals::Entity::find()
        .filter(dismissals::Column::AccountId.eq(account.0))
        .filter(dismissals::Column::AnnouncementId.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| AnnouncementId(row.announcement_id))
        .collect())
}

pub async fn dismiss(
    db: &impl ConnectionTrait,
    id: AnnouncementId,
    account: AccountId,
) -> Result<(), DbErr> {
    let row = dismissals::ActiveModel {
        announcement_id: Set(id.0),
        account_id: Set(account.0),
    };
    dismissals::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                dismissals::Column::AnnouncementId,
                dismissals::Column::AccountId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}
