//! Who may see a status, and finding the statuses a viewer may see or act on.
//! `store::predicates::visible_to` is the same rule in SQL; the visibility test matrix
//! checks that the two agree on every path.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, StatusId};
use crate::store;
use crate::types::{Status, Visibility};
use crate::{DomainError, DomainResult};

/// What ties the viewer to one status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ties {
    pub follows_author: bool,
    pub mentioned: bool,
    /// The viewer blocks the author, or the author the viewer.
    pub blocked: bool,
    /// The viewer is an account of this instance (not a remote one, such as the signer of
    /// a fetch from another server).
    pub viewer_local: bool,
    /// A moderator suspended the author.
    pub author_suspended: bool,
}

/// The rule: public and unlisted for everyone; followers-only for the author, its
/// followers and the mentioned; direct for the author and the mentioned; local for the
/// accounts of this instance; private for the author alone; nothing of the author's
/// across a block, either way; nothing at all of a suspended author.
pub fn may_view(viewer: Option<AccountId>, status: &Status, ties: Ties) -> bool {
    if ties.author_suspended {
        return false;
    }
    if ties.blocked && viewer != Some(status.account_id) {
        return false;
    }
    match status.visibility {
        Visibility::Public | Visibility::Unlisted => true,
        _ if viewer == Some(status.account_id) => true,
        Visibility::Followers => ties.follows_author || ties.mentioned,
        Visibility::Direct => ties.mentioned,
        Visibility::Local => viewer.is_some() && ties.viewer_local,
        Visibility::Private => false,
    }
}

/// A live status the viewer may see.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    id: StatusId,
) -> DomainResult<Status> {
    let status = store::statuses::by_id(db, id).await?;
    let visible = retain_visible(db, viewer, status.into_iter().collect()).await?;
    visible
        .into_iter()
        .find(|status| !status.is_deleted())
        .ok_or(DomainError::NotFound(Kind::Status))
}

/// The status an action on `id` acts on (a favourite, a reply, a vote, a pin…): a live
/// status the viewer may see, a boost standing for the status it boosts, as on Mastodon.
pub async fn acted_on(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    id: StatusId,
) -> DomainResult<Status> {
    let status = get(db, Some(viewer), id).await?;
    match status.reblog_of_id {
        Some(original) => get(db, Some(viewer), original).await,
        None => Ok(status),
    }
}

/// The status the viewer takes back its own action on (`id`, a boost standing for the
/// status it boosts), whether or not it may still see it or it still stands: undoing what
/// one did never needs sight of it. The caller checks, when nothing was undone, that the
/// viewer may see it ([`get`]), so that nothing is learnt of a status through an undo.
pub async fn undone_on(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    id: StatusId,
) -> DomainResult<Status> {
    let found = store::statuses::by_id(db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Status))?;
    match found.reblog_of_id {
        Some(original) => {
            get(db, Some(viewer), id).await?;
            store::statuses::by_id(db, original)
                .await?
                .ok_or(DomainError::NotFound(Kind::Status))
        }
        None => Ok(found),
    }
}

/// A live status the viewer may see, by its ActivityPub id.
pub async fn by_ap_id(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    ap_id: &str,
) -> DomainResult<Status> {
    let found = store::statuses::by_ap_id(db, ap_id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Status))?;
    get(db, viewer, found.id).await
}

/// Keeps the statuses `viewer` may see, in order; at most five queries for any number.
pub async fn retain_visible(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    statuses: Vec<Status>,
) -> DomainResult<Vec<Status>> {
    let restricted: Vec<&Status> = statuses
        .iter()
        .filter(|s| !may_view(viewer, s, Ties::default()))
        .collect();
    let (followed, mentioned) = match viewer {
        Some(viewer) if !restricted.is_empty() => {
            let authors: Vec<AccountId> = restricted.iter().map(|s| s.account_id).collect();
            let ids: Vec<StatusId> = restricted.iter().map(|s| s.id).collect();
            (
                store::follows::followed_among(db, viewer, &authors).await?,
                store::mentions::mentioning(db, viewer, &ids).await?,
            )
        }
        _ => (HashSet::new(), HashSet::new()),
    };
    let viewer_local = match viewer {
        Some(viewer) if restricted.iter().any(|s| s.visibility == Visibility::Local) => {
            store::accounts::by_id(db, viewer)
                .await?
                .is_some_and(|account| account.is_local())
        }
        _ => false,
    };
    let blocked: HashSet<AccountId> = match viewer {
        Some(viewer) if !statuses.is_empty() => {
            let authors: Vec<AccountId> = statuses.iter().map(|s| s.account_id).collect();
            let (blocking, blocked_by) = store::blocks::between(db, viewer, &authors).await?;
            blocking.union(&blocked_by).copied().collect()
        }
        _ => HashSet::new(),
    };
    let suspended = if statuses.is_empty() {
        HashSet::new()
    } else {
        let authors: Vec<AccountId> = statuses.iter().map(|s| s.account_id).collect();
        store::accounts::suspended_among(db, &authors).await?
    };
    Ok(statuses
        .into_iter()
        .filter(|status| {
            let ties = Ties {
                follows_author: followed.contains(&status.account_id),
                mentioned: mentioned.contains(&status.id),
                blocked: blocked.contains(&status.account_id),
                viewer_local,
                author_suspended: suspended.contains(&status.account_id),
            };
            may_view(viewer, status, ties)
        })
        .collect())
}
