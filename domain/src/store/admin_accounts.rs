//! Accounts as moderators look for them: by origin, state, role and text.

use rookery_entity::accounts::{Column, Entity};
use rookery_entity::users;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query, SelectStatement};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::page::{Page, PageRequest};
use crate::types::account::INSTANCE_ACTOR;
use crate::types::{Account, RoleKey};

/// Which accounts a moderator lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountQuery {
    /// Some(true): local only; Some(false): remote only.
    pub local: Option<bool>,
    pub state: Option<AccountState>,
    pub role: Option<RoleKey>,
    /// Part of the handle, the display name or the email.
    pub text: Option<String>,
    /// Local accounts that signed up from one of these addresses.
    pub sign_up_ips: Option<Vec<String>>,
}

/// An account's standing, as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountState {
    /// Under no restriction, its login (if local) in use.
    Active,
    /// Its sign-up waits for approval.
    Pending,
    Disabled,
    Limited,
    Suspended,
}

fn users_where(condition: sea_orm::sea_query::SimpleExpr) -> SelectStatement {
    Query::select()
        .column(users::Column::AccountId)
        .from(users::Entity)
        .and_where(condition)
        .to_owned()
}

fn containing(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A page of accounts, the newest first.
pub async fn page(
    db: &impl ConnectionTrait,
    query: &AccountQuery,
    request: &PageRequest,
) -> Result<Page<Account>, DbErr> {
    let mut select = Entity::find().filter(
        Condition::any()
            .add(Column::Username.ne(INSTANCE_ACTOR))
            .add(Column::Domain.is_not_null()),
    );
    match query.local {
        Some(true) => select = select.filter(Column::Domain.is_null()),
        Some(false) => select = select.filter(Column::Domain.is_not_null()),
        None => {}
    }
    let unusable = || {
        users_where(
            Expr::col(users::Column::Disabled)
                .eq(true)
                .or(Expr::col(users::Column::Approved).eq(false)),
        )
    };
    select = match query.state {
        None => select,
        Some(AccountState::Suspended) => select.filter(Column::SuspendedAt.is_not_null()),
        Some(AccountState::Limited) => select.filter(Column::LimitedAt.is_not_null()),
        Some(AccountState::Disabled) => {
            select.filter(Column::Id.in_subquery(users_where(users::Column::Disabled.eq(true))))
        }
        Some(AccountState::Pending) => {
            select.filter(Column::Id.in_subquery(users_where(users::Column::Approved.eq(false))))
        }
        Some(AccountState::Active) => select
            .filter(Column::SuspendedAt.is_null())
            .filter(Column::LimitedAt.is_null())
            .filter(Column::Id.not_in_subquery(unusable())),
    };
    if let Some(role) = query.role {
        select = select
            .filter(Column::Id.in_subquery(users_where(users::Column::Role.eq(role.as_stored()))));
    }
    if let Some(text) = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = containing(text);
        let like = |column: Expr| {
            Expr::expr(Func::lower(column)).like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(like(Expr::col((Entity, Column::Handle))))
                .add(like(Expr::col((Entity, Column::DisplayName))))
                .add(Column::Id.in_subquery(users_where(like(Expr::col((
                    users::Entity,
                    users::Column::Email,
                )))))),
        );
    }
    if let Some(ips) = &query.sign_up_ips {
        select = select.filter(Column::Id.in_subquery(users_where(
            users::Column::SignUpIp.is_in(ips.iter().cloned()),
        )));
    }
    super::page(db, select, Column::Id, request, |model| {
        (model.id, super::accounts::to_domain(model))
    })
    .await
}
