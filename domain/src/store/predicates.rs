//! The conditions status queries share: who may see a status, who silenced its author,
//! what lists of statuses show.

use rookery_entity::statuses::{Column, Entity};
use rookery_entity::{accounts, follows, mentions, status_pins, status_tags};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition};

use crate::ids::AccountId;
use crate::types::Visibility;

/// The viewer follows the status's author (a correlated check, so that a timeline can walk
/// the id index newest first and stop after one page).
pub(crate) fn viewer_follows_author(viewer: AccountId) -> sea_orm::sea_query::SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(follows::Entity)
            .and_where(follows::Column::FollowerId.eq(viewer.0))
            .and_where(
                Expr::col((follows::Entity, follows::Column::FolloweeId))
                    .equals((Entity, Column::AccountId)),
            )
            .to_owned(),
    )
}

/// The status mentions the viewer (correlated, like [`viewer_follows_author`]).
pub(crate) fn mentions_viewer(viewer: AccountId) -> sea_orm::sea_query::SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(mentions::Entity)
            .and_where(mentions::Column::AccountId.eq(viewer.0))
            .and_where(
                Expr::col((mentions::Entity, mentions::Column::StatusId))
                    .equals((Entity, Column::Id)),
            )
            .to_owned(),
    )
}

/// The viewer is an account of this instance (not a remote signer).
fn viewer_is_local(viewer: AccountId) -> sea_orm::sea_query::SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(accounts::Entity)
            .and_where(accounts::Column::Id.eq(viewer.0))
            .and_where(accounts::Column::Domain.is_null())
            .to_owned(),
    )
}

/// The status whose id is in `status_id` (another table's column) is live and `viewer` may
/// see it (a correlated check, so that a list of them, bookmarks or favourites, can be
/// walked newest first and stop after one page).
pub(crate) fn visible_live(
    status_id: impl sea_orm::sea_query::IntoColumnRef,
    viewer: AccountId,
) -> sea_orm::sea_query::SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(Entity)
            .cond_where(
                Condition::all()
                    .add(Expr::col((Entity, Column::Id)).equals(status_id))
                    .add(Column::DeletedAt.is_null())
                    .add(visible_to(Some(viewer))),
            )
            .to_owned(),
    )
}

/// The SQL twin of `service::visibility::may_view`: statuses `viewer` may see.
pub fn visible_to(viewer: Option<AccountId>) -> Condition {
    let open =
        Column::Visibility.is_in([Visibility::Public.as_str(), Visibility::Unlisted.as_str()]);
    let Some(viewer) = viewer else {
        return Condition::all().add(open).add(not_suspended());
    };
    // Mentions open followers-only and direct statuses, never private or local ones.
    let mentioned = Condition::all()
        .add(
            Column::Visibility.is_in([Visibility::Followers.as_str(), Visibility::Direct.as_str()]),
        )
        .add(mentions_viewer(viewer));
    let by_visibility = Condition::any()
        .add(open)
        .add(Column::AccountId.eq(viewer.0))
        .add(
            Condition::all()
                .add(Column::Visibility.eq(Visibility::Followers.as_str()))
                .add(viewer_follows_author(viewer)),
        )
        .add(mentioned)
        .add(
            Condition::all()
                .add(Column::Visibility.eq(Visibility::Local.as_str()))
                .add(viewer_is_local(viewer)),
        );
    // A block hides each account's statuses from the other; a suspension, from everyone.
    Condition::all()
        .add(by_visibility)
        .add(not_suspended())
        .add(Column::AccountId.not_in_subquery(super::blocks::blocked_by_query(viewer)))
        .add(Column::AccountId.not_in_subquery(super::blocks::blocking_query(viewer)))
}

/// Not by a suspended account.
fn not_suspended() -> sea_orm::sea_query::SimpleExpr {
    Column::AccountId.not_in_subquery(super::accounts::suspended_ids())
}

/// Not by a limited account, unless `viewer` is it or follows it: what public timelines,
/// hashtags and search show.
pub(crate) fn not_limited_for(viewer: Option<AccountId>) -> Condition {
    let mut condition =
        Condition::any().add(Column::AccountId.not_in_subquery(super::accounts::limited_ids()));
    if let Some(viewer) = viewer {
        condition = condition
            .add(Column::AccountId.eq(viewer.0))
            .add(viewer_follows_author(viewer));
    }
    condition
}

/// The status carries a tag that `matching` (a condition on `status_tags.tag_id`) holds
/// for (a correlated check).
pub(crate) fn carries_tag(
    matching: impl FnOnce(Expr) -> sea_orm::sea_query::SimpleExpr,
) -> sea_orm::sea_query::SimpleExpr {
    Expr::exists(
        Query::select()
            .expr(Expr::val(1))
            .from(status_tags::Entity)
            .and_where(
                Expr::col((status_tags::Entity, status_tags::Column::StatusId))
                    .equals((Entity, Column::Id)),
            )
            .and_where(matching(Expr::col((
                status_tags::Entity,
                status_tags::Column::TagId,
            ))))
            .to_owned(),
    )
}

/// Neither by an account `viewer` mutes or on a domain it blocks, nor a boost of a status
/// by one.
pub(crate) fn not_silenced(viewer: AccountId) -> Condition {
    let silenced = |author: Expr| {
        Condition::any()
            .add(
                author
                    .clone()
                    .in_subquery(super::mutes::muted_query(viewer)),
            )
            .add(author.in_subquery(super::account_domain_blocks::blocked_accounts_query(viewer)))
    };
    // The boosted status's author, looked up by key for each boost: written as a list of
    // the statuses of silenced accounts, the planner may read every status once a page.
    let boosted = Alias::new("boosted");
    let boosted_author = Expr::SubQuery(
        None,
        Box::new(
            Query::select()
                .column((boosted.clone(), Column::AccountId))
                .from_as(Entity, boosted.clone())
                .and_where(Expr::col((boosted, Column::Id)).equals((Entity, Column::ReblogOfId)))
                .to_owned()
                .into(),
        ),
    );
    Condition::all()
        .add(silenced(Expr::col((Entity, Column::AccountId))).not())
        .add(
            Condition::any()
                .add(Column::ReblogOfId.is_null())
                .add(silenced(boosted_author).not()),
        )
}

/// Listed on the public, hashtag and followed-tag timelines: public statuses, and local
/// ones (which `visible_to` then shows to this instance's signed-in accounts only).
pub(crate) fn listed() -> sea_orm::sea_query::SimpleExpr {
    Column::Visibility.is_in([Visibility::Public.as_str(), Visibility::Local.as_str()])
}

/// The ids of `account`'s pinned statuses.
pub(crate) fn pins_of(account: AccountId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(status_pins::Column::StatusId)
        .from(status_pins::Entity)
        .and_where(status_pins::Column::AccountId.eq(account.0))
        .to_owned()
}

/// What lists of statuses (timelines, pins, search) show: neither tombstones nor archived
/// statuses (still there by id, and in their author's notes). `Status::is_listable` is the
/// same rule.
pub(crate) fn listable() -> Condition {
    Condition::all()
        .add(Column::DeletedAt.is_null())
        .add(Column::ArchivedAt.is_null())
}
