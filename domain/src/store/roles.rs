//! Roles administrators made.

use chrono::Utc;
use rookery_entity::roles::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use crate::ids::RoleId;
use crate::types::{Permission, Permissions, Role, RoleKey};

fn to_domain(model: Model) -> Role {
    Role {
        key: RoleKey::Custom(RoleId(model.id)),
        name: model.name,
        colour: model.colour,
        position: model.position,
        permissions: Permissions::from_bits(model.permissions),
        created_at: Some(model.created_at),
    }
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Role>, DbErr> {
    Ok(Entity::find()
        .order_by_desc(Column::Position)
        .order_by_asc(Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .collect())
}

pub async fn by_id(db: &impl ConnectionTrait, id: RoleId) -> Result<Option<Role>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

/// Whether another role than `except` is named `name` (case-insensitively).
pub async fn name_taken(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<RoleId>,
) -> Result<bool, DbErr> {
    let lowered = name.to_lowercase();
    Ok(Entity::find()
        .all(db)
        .await?
        .into_iter()
        .any(|row| row.name.to_lowercase() == lowered && Some(RoleId(row.id)) != except))
}

/// Inserts or replaces a custom role.
pub async fn save(db: &impl ConnectionTrait, id: RoleId, role: &Role) -> Result<(), DbErr> {
    let now = Utc::now();
    let row = ActiveModel {
        id: Set(id.0),
        name: Set(role.name.clone()),
        colour: Set(role.colour.clone()),
        position: Set(role.position),
        permissions: Set(role.permissions.bits()),
        created_at: Set(role.created_at.unwrap_or(now)),
        updated_at: Set(now),
    };
    Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(Column::Id)
                .update_columns([
                    Column::Name,
                    Column::Colour,
                    Column::Position,
                    Column::Permissions,
                    Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: RoleId) -> Result<bool, DbErr> {
    Ok(Entity::delete_by_id(id.0).exec(db).await?.rows_affected == 1)
}

/// The ids of custom roles granting `permission`.
pub async fn granting(
    db: &impl ConnectionTrait,
    permission: Permission,
) -> Result<Vec<RoleId>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Permissions.ne(0))
        .all(db)
        .await?
        .into_iter()
        .map(to_domain)
        .filter(|role| role.permissions.contains(permission))
        .map(|role| role.key.id())
        .collect())
}
