//! Invites.

use chrono::{DateTime, Utc};
use rookery_entity::invites::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use crate::ids::{AccountId, InviteId};
use crate::page::{Page, PageRequest};
use crate::types::Invite;

fn to_domain(model: Model) -> Invite {
    Invite {
        id: InviteId(model.id),
        code: model.code,
        creator: AccountId(model.account_id),
        max_uses: model.max_uses.and_then(|max| u32::try_from(max).ok()),
        uses: u32::try_from(model.uses).unwrap_or(0),
        expires_at: model.expires_at,
        revoked_at: model.revoked_at,
        created_at: model.created_at,
    }
}

pub async fn insert(db: &impl ConnectionTrait, invite: &Invite) -> Result<(), DbErr> {
    let row = ActiveModel {
        id: Set(invite.id.0),
        code: Set(invite.code.clone()),
        account_id: Set(invite.creator.0),
        max_uses: Set(invite
            .max_uses
            .map(|max| i32::try_from(max).unwrap_or(i32::MAX))),
        uses: Set(i32::try_from(invite.uses).unwrap_or(i32::MAX)),
        expires_at: Set(invite.expires_at),
        revoked_at: Set(invite.revoked_at),
        created_at: Set(invite.created_at),
    };
    Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn by_id(db: &impl ConnectionTrait, id: InviteId) -> Result<Option<Invite>, DbErr> {
    Ok(Entity::find_by_id(id.0).one(db).await?.map(to_domain))
}

pub async fn by_code(db: &impl ConnectionTrait, code: &str) -> Result<Option<Invite>, DbErr> {
    Ok(Entity::find()
        .filter(Column::Code.eq(code))
        .one(db)
        .await?
        .map(to_domain))
}

/// Counts one use of the invite when it is still valid at `now`; false when it is not (a
/// race for its last use lost, say).
pub async fn use_one(
    db: &impl ConnectionTrait,
    id: InviteId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let used = Entity::update_many()
        .col_expr(Column::Uses, Expr::col(Column::Uses).add(1))
        .filter(Column::Id.eq(id.0))
        .filter(Column::RevokedAt.is_null())
        .filter(
            Condition::any()
                .add(Column::ExpiresAt.is_null())
                .add(Column::ExpiresAt.gt(now)),
        )
        .filter(
            Condition::any()
                .add(Column::MaxUses.is_null())
                .add(Expr::col(Column::Uses).lt(Expr::col(Column::MaxUses))),
        )
        .exec(db)
        .await?;
    Ok(used.rows_affected == 1)
}

/// Revokes an invite; false when there is none or it was revoked before.
pub async fn revoke(
    db: &impl ConnectionTrait,
    id: InviteId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let revoked = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(Some(now)))
        .filter(Column::Id.eq(id.0))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(revoked.rows_affected == 1)
}

/// A page of invites, `creator`'s or everyone's, the newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    creator: Option<AccountId>,
    request: &PageRequest,
) -> Result<Page<Invite>, DbErr> {
    let mut select = Entity::find();
    if let Some(creator) = creator {
        select = select.filter(Column::AccountId.eq(creator.0));
    }
    super::page(db, select, Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}
