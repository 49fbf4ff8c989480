//! Timelines: the statuses each one holds, as a viewer may see them.

use std::collections::HashMap;

use rookery_entity::statuses::{Column, Entity};
use rookery_entity::{follows, media_attachments};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::predicates::{
    carries_tag, listable, listed, not_limited_for, not_silenced, pins_of, viewer_follows_author,
    visible_to,
};
use super::statuses::to_domain;
use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::types::{AccountTimeline, Status, Timeline, Visibility};

/// What ties a viewer to a status, for its home timeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HomeTies {
    /// The viewer follows the status's author.
    pub follows_author: bool,
    /// The viewer follows the account the status replies to.
    pub follows_replied_to: bool,
    /// The viewer follows a hashtag the status carries.
    pub follows_a_tag: bool,
}

/// The rule of home timelines, before who may see a status and whom the viewer silenced:
/// the viewer's own statuses and those of the accounts it follows, less their replies to
/// others (as Mastodon does) unless to the viewer or to an account it follows; and public
/// and local originals that reply to nobody else and carry a hashtag the viewer follows.
/// [`home_condition`] is the same rule in SQL; the live router routes by this one.
pub fn belongs_on_home(viewer: AccountId, status: &Status, ties: HomeTies) -> bool {
    let replied_to = status
        .in_reply_to_account_id
        .filter(|account| *account != status.account_id);
    let from_followed = (status.account_id == viewer || ties.follows_author)
        && replied_to.is_none_or(|account| account == viewer || ties.follows_replied_to);
    from_followed || (ties.follows_a_tag && reaches_tag_followers(status))
}

/// The part of [`belongs_on_home`] that does not depend on the viewer: whether `status`
/// reaches homes by a hashtag they follow (a public or local original that replies to
/// nobody else). Who routes a status asks it before looking up the tags' followers.
pub fn reaches_tag_followers(status: &Status) -> bool {
    let replies_to_another = status
        .in_reply_to_account_id
        .is_some_and(|account| account != status.account_id);
    // Listed, as `predicates::listed` has it.
    let listed = matches!(status.visibility, Visibility::Public | Visibility::Local);
    listed && status.reblog_of_id.is_none() && !replies_to_another
}

/// The SQL twin of [`belongs_on_home`]: the statuses that belong on `viewer`'s home
/// timeline.
fn home_condition(viewer: AccountId) -> Condition {
    let followed = Query::select()
        .column(follows::Column::FolloweeId)
        .from(follows::Entity)
        .and_where(follows::Column::FollowerId.eq(viewer.0))
        .to_owned();
    let from_followed = Condition::all()
        .add(
            Condition::any()
                .add(Column::AccountId.eq(viewer.0))
                .add(viewer_follows_author(viewer)),
        )
        .add(not_reply_to_others(Some(
            Condition::any()
                .add(Column::InReplyToAccountId.eq(viewer.0))
                .add(Column::InReplyToAccountId.in_subquery(followed)),
        )));
    let with_followed_tag = Condition::all()
        .add(listed())
        .add(Column::ReblogOfId.is_null())
        .add(not_reply_to_others(None))
        .add(carries_tag(|tag| {
            tag.in_subquery(super::followed_tags::followed_query(viewer))
        }));
    Condition::any().add(from_followed).add(with_followed_tag)
}

/// Not a reply to another account than its author, or one that `extra` lets through.
/// Replies to others are left out of home and public timelines, as Mastodon does; a reply
/// to someone the home viewer follows stays in.
fn not_reply_to_others(extra: Option<Condition>) -> Condition {
    let mut condition = Condition::any()
        .add(Column::InReplyToAccountId.is_null())
        .add(Expr::col(Column::InReplyToAccountId).equals(Column::AccountId));
    if let Some(extra) = extra {
        condition = condition.add(extra);
    }
    condition
}

/// The statuses `timeline` holds, before who may see them.
fn timeline_condition(timeline: Timeline) -> Condition {
    match timeline {
        Timeline::Home(viewer) => home_condition(viewer),
        Timeline::Tag(tag) => Condition::all()
            .add(listed())
            .add(Column::ReblogOfId.is_null())
            .add(carries_tag(|column| column.eq(tag.0))),
        Timeline::Public { local_only } => {
            let mut condition = Condition::all()
                .add(listed())
                .add(Column::ReblogOfId.is_null())
                .add(not_reply_to_others(None));
            if local_only {
                condition = condition.add(Column::Local.eq(true));
            }
            condition
        }
        Timeline::Account(selection) => account_condition(selection),
        Timeline::PublicOf(account) => Condition::all()
            .add(Column::AccountId.eq(account.0))
            .add(Column::Visibility.eq(Visibility::Public.as_str()))
            .add(Column::ReblogOfId.is_null())
            .add(not_reply_to_others(None)),
        Timeline::List(list) => Condition::all()
            .add(Column::AccountId.in_subquery(super::lists::members_query(list)))
            .add(not_reply_to_others(Some(Condition::all().add(
                Column::InReplyToAccountId.in_subquery(super::lists::members_query(list)),
            )))),
    }
}

/// The statuses of one account that `selection` lets through.
fn account_condition(selection: AccountTimeline) -> Condition {
    let mut condition = Condition::all().add(Column::AccountId.eq(selection.account.0));
    if selection.exclude_replies {
        // Not a reply (one whose parent is unknown here is a reply all the same), or one to
        // itself.
        condition = condition.add(
            Condition::any()
                .add(
                    Condition::all()
                        .add(Column::InReplyToAccountId.is_null())
                        .add(Column::InReplyToApId.is_null()),
                )
                .add(Expr::col(Column::InReplyToAccountId).equals(Column::AccountId)),
        );
    }
    if selection.exclude_reblogs {
        condition = condition.add(Column::ReblogOfId.is_null());
    }
    if selection.only_media {
        condition = condition.add(Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(media_attachments::Entity)
                .and_where(
                    Expr::col((
                        media_attachments::Entity,
                        media_attachments::Column::StatusId,
                    ))
                    .equals((Entity, Column::Id)),
                )
                .and_where(media_attachments::Column::EditedOutAt.is_null())
                .to_owned(),
        ));
    }
    if let Some(tag) = selection.tagged {
        condition = condition.add(carries_tag(|column| column.eq(tag.0)));
    }
    if let Some(pinned) = selection.pinned {
        condition = condition.add(if pinned {
            Column::Id.in_subquery(pins_of(selection.account))
        } else {
            Column::Id.not_in_subquery(pins_of(selection.account))
        });
    }
    condition
}

/// One page of a timeline, as `viewer` may see it; tombstones and archived statuses left
/// out.
pub async fn timeline_page(
    db: &impl ConnectionTrait,
    timeline: Timeline,
    viewer: Option<AccountId>,
    request: &PageRequest,
) -> Result<Page<Status>, DbErr> {
    let mut select = Entity::find()
        .filter(listable())
        .filter(timeline_condition(timeline))
        .filter(visible_to(viewer));
    if let (
        Some(viewer),
        Timeline::Home(_) | Timeline::Public { .. } | Timeline::List(_) | Timeline::Tag(_),
    ) = (viewer, timeline)
    {
        select = select.filter(not_silenced(viewer));
    }
    if let Timeline::Public { .. } | Timeline::Tag(_) = timeline {
        select = select.filter(not_limited_for(viewer));
    }
    super::page(db, select, Column::Id, request, |model| {
        (model.id, to_domain(model))
    })
    .await
}

/// The pinned statuses among `selection` (whatever its `pinned` says) that `viewer` may
/// see, the latest pinned first; tombstones and archived ones left out.
pub async fn pinned_of(
    db: &impl ConnectionTrait,
    selection: AccountTimeline,
    viewer: Option<AccountId>,
) -> Result<Vec<Status>, DbErr> {
    let order = super::pins::of(db, selection.account).await?;
    if order.is_empty() {
        return Ok(Vec::new());
    }
    let selection = AccountTimeline {
        pinned: Some(true),
        ..selection
    };
    let mut found: HashMap<StatusId, Status> = Entity::find()
        .filter(listable())
        .filter(timeline_condition(Timeline::Account(selection)))
        .filter(visible_to(viewer))
        .all(db)
        .await?
        .into_iter()
        .map(|model| (StatusId(model.id), to_domain(model)))
        .collect();
    Ok(order.iter().filter_map(|id| found.remove(id)).collect())
}
