//! Hashtags and the statuses that carry them.

use std::collections::HashMap;

use chrono::Utc;
use rookery_entity::{status_tags, tags};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::ids::{AccountId, StatusId, TagId};

/// Tags `names` (lowercased) onto `status`, creating the tags that are new.
pub async fn attach(
    db: &impl ConnectionTrait,
    status: StatusId,
    names: &[String],
) -> Result<(), DbErr> {
    let ids = ids_for(db, names).await?;
    link(db, status, &ids).await
}

/// The tag named `name`, if any status ever carried it.
pub async fn by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<TagId>, DbErr> {
    Ok(tags::Entity::find()
        .filter(tags::Column::Name.eq(name))
        .one(db)
        .await?
        .map(|tag| TagId(tag.id)))
}

/// The ids of the tags `names`, created when new.
pub async fn ids_for(db: &impl ConnectionTrait, names: &[String]) -> Result<Vec<TagId>, DbErr> {
    Ok(ids_by_name(db, names).await?.into_values().collect())
}

/// The ids of the tags `names`, made for those that are new.
pub async fn ids_by_name(
    db: &impl ConnectionTrait,
    names: &[String],
) -> Result<std::collections::HashMap<String, TagId>, DbErr> {
    if names.is_empty() {
        return Ok(Default::default());
    }
    let find = || {
        tags::Entity::find()
            .filter(tags::Column::Name.is_in(names.iter().cloned()))
            .all(db)
    };
    let mut found = find().await?;
    if found.len() < names.len() {
        let new_tags = names.iter().map(|name| tags::ActiveModel {
            id: Set(TagId::new().0),
            name: Set(name.clone()),
            created_at: Set(Utc::now()),
        });
        tags::Entity::insert_many(new_tags)
            .on_conflict_do_nothing_on([tags::Column::Name])
            .exec_without_returning(db)
            .await?;
        found = find().await?;
    }
    Ok(found
        .into_iter()
        .map(|tag| (tag.name, TagId(tag.id)))
        .collect())
}

/// Tags `status` with the tags `ids`.
pub async fn link(db: &impl ConnectionTrait, status: StatusId, ids: &[TagId]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let links = ids.iter().map(|tag| status_tags::ActiveModel {
        status_id: Set(status.0),
        tag_id: Set(tag.0),
    });
    status_tags::Entity::insert_many(links)
        .on_conflict(
            OnConflict::columns([status_tags::Column::StatusId, status_tags::Column::TagId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn detach_all(db: &impl ConnectionTrait, status: StatusId) -> Result<(), DbErr> {
    status_tags::Entity::delete_many()
        .filter(status_tags::Column::StatusId.eq(status.0))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the tags off every status of `account`.
pub async fn detach_all_of(db: &impl ConnectionTrait, account: AccountId) -> Result<(), DbErr> {
    use sea_orm::{QuerySelect, QueryTrait};
    let statuses = rookery_entity::statuses::Entity::find()
        .select_only()
        .column(rookery_entity::statuses::Column::Id)
        .filter(rookery_entity::statuses::Column::AccountId.eq(account.0))
        .into_query();
    status_tags::Entity::delete_many()
        .filter(status_tags::Column::StatusId.in_subquery(statuses))
        .exec(db)
        .await?;
    Ok(())
}

/// The tag names each status carries.
pub async fn names_by_statuses(
    db: &impl ConnectionTrait,
    statuses: &[StatusId],
) -> Result<HashMap<StatusId, Vec<String>>, DbErr> {
    let ids = super::padded(statuses.iter().map(|id| id.0));
    let links = status_tags::Entity::find()
        .filter(status_tags::Column::StatusId.is_in(ids))
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(HashMap::new());
    }
    let names: HashMap<_, _> = tags::Entity::find()
        .filter(tags::Column::Id.is_in(links.iter().map(|link| link.tag_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|tag| (tag.id, tag.name))
        .collect();
    let mut map: HashMap<StatusId, Vec<String>> = HashMap::new();
    for link in links {
        if let Some(name) = names.get(&link.tag_id) {
            map.entry(StatusId(link.status_id))
                .or_default()
                .push(name.clone());
        }
    }
    Ok(map)
}
