//! Hashtags and the statuses that carry them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
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

/// How many public and unlisted statuses carried each of the tags `names` in each period
/// between consecutive `bounds` (oldest first), and from how many accounts: one
/// `(uses, accounts)` a period. Statuses are found through the tag's index from the
/// first status id made a day before the first bound (ids sort by the time they were
/// made), so a busy tag's older statuses are never read.
pub async fn usage(
    db: &impl ConnectionTrait,
    names: &[String],
    bounds: &[DateTime<Utc>],
) -> Result<HashMap<String, Vec<(u64, u64)>>, DbErr> {
    let Some(first) = bounds.first().filter(|_| bounds.len() >= 2) else {
        return Ok(HashMap::new());
    };
    if names.is_empty() {
        return Ok(HashMap::new());
    }
    let periods = bounds.len() - 1;
    let counts: Vec<String> = (0..periods)
        .map(|i| {
            let within = format!("s.created_at >= ${} AND s.created_at < ${}", i + 1, i + 2);
            format!(
                "SUM(CASE WHEN {within} THEN 1 ELSE 0 END) AS uses_{i}, \
                 COUNT(DISTINCT CASE WHEN {within} THEN s.account_id END) AS accounts_{i}"
            )
        })
        .collect();
    let floor = bounds.len() + 1;
    let names = super::padded(names.iter().cloned());
    let sql = format!(
        "SELECT t.name AS name, {counts}
           FROM tags t
           JOIN status_tags st ON st.tag_id = t.id
           JOIN statuses s ON s.id = st.status_id
          WHERE t.name IN ({names_in})
            AND st.status_id >= ${floor}
            AND s.created_at >= $1 AND s.created_at < ${last_bound}
            AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL
            AND s.visibility IN ('public', 'unlisted')
          GROUP BY t.name",
        counts = counts.join(", "),
        names_in = super::parameters(floor + 1, names.len()),
        last_bound = bounds.len(),
    );
    let floor_id = uuid::Builder::from_unix_timestamp_millis(
        u64::try_from((*first - chrono::Duration::days(1)).timestamp_millis()).unwrap_or(0),
        &[0; 10],
    )
    .into_uuid();
    let values = bounds
        .iter()
        .map(|bound| sea_orm::Value::from(*bound))
        .chain([sea_orm::Value::from(floor_id)])
        .chain(names.into_iter().map(sea_orm::Value::from));
    let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let count = |row: &sea_orm::QueryResult, column: &str| -> Result<u64, DbErr> {
        Ok(u64::try_from(row.try_get::<Option<i64>>("", column)?.unwrap_or(0)).unwrap_or(0))
    };
    let mut usage = HashMap::new();
    for row in db.query_all_raw(statement).await? {
        let name: String = row.try_get("", "name")?;
        let periods = (0..periods)
            .map(|i| {
                Ok((
                    count(&row, &format!("uses_{i}"))?,
                    count(&row, &format!("accounts_{i}"))?,
                ))
            })
            .collect::<Result<Vec<_>, DbErr>>()?;
        usage.insert(name, periods);
    }
    Ok(usage)
}
