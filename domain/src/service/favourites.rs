//! Favourites: liking a status, here or on other servers, and being told of it.

use sea_orm::DatabaseConnection;

use crate::DomainResult;
use crate::ids::{AccountId, StatusId};
use crate::page::{Page, PageRequest};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::{timelines, visibility};
use crate::store;
use crate::types::{Account, ActivityKind, NotificationKind, Status, Viewer};

/// Likes a status the viewer may see; liking it again changes nothing. Its author is
/// told, and a remote author's server gets a `Like`.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, status = %id))]
pub async fn favourite(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::acted_on(&app.db, viewer.account_id, id).await?;
    let id = status.id;
    let author = store::accounts::by_id(&app.db, status.account_id).await?;
    let like = app
        .outbox
        .about_status(viewer.account_id, ActivityKind::Like, id);
    let txn = app.write().await?;
    let mut notified = Vec::new();
    if store::favourites::insert(&txn, viewer.account_id, id, Some(like.ap_id.clone())).await? {
        notified = notify(
            &txn,
            NotificationKind::Favourite,
            viewer.account_id,
            Some(id),
            &[status.account_id],
        )
        .await?;
        if author.as_ref().is_some_and(|a| !a.is_local()) {
            txn.record(&like).await?;
        }
    }
    txn.tell(LiveEvent::notified(notified));
    txn.commit().await?;
    Ok(status)
}

/// Stops liking a status, even one the viewer may no longer see; a remote author's server
/// gets the `Undo`.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, status = %id))]
pub async fn unfavourite(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let status = visibility::undone_on(&app.db, viewer.account_id, id).await?;
    let id = status.id;
    let author = store::accounts::by_id(&app.db, status.account_id).await?;
    let txn = app.write().await?;
    match store::favourites::delete(&txn, viewer.account_id, id).await? {
        Some(like_id) if author.as_ref().is_some_and(|a| !a.is_local()) => {
            let undo = crate::types::OutboxActivity {
                object_ap_id: like_id,
                ..app
                    .outbox
                    .about_status(viewer.account_id, ActivityKind::UndoLike, id)
            };
            txn.record(&undo).await?;
        }
        Some(_) => {}
        None => {
            visibility::get(&txn, Some(viewer.account_id), id).await?;
        }
    }
    txn.commit().await?;
    Ok(status)
}

/// A remote account liked a status here (`Like` `like_id` of `status_ap_id`); the author
/// is told once. A status it may not see, or not ours, is ignored.
pub async fn like_received(
    app: &App,
    liker: &Account,
    like_id: &str,
    status_ap_id: &str,
) -> DomainResult<bool> {
    let Some(status) = store::statuses::by_ap_id(&app.db, status_ap_id).await? else {
        return Ok(false);
    };
    if !status.local
        || visibility::get(&app.db, Some(liker.id), status.id)
            .await
            .is_err()
    {
        return Ok(false);
    }
    let txn = app.write().await?;
    let new =
        store::favourites::insert(&txn, liker.id, status.id, Some(like_id.to_owned())).await?;
    let notified = if new {
        notify(
            &txn,
            NotificationKind::Favourite,
            liker.id,
            Some(status.id),
            &[status.account_id],
        )
        .await?
    } else {
        Vec::new()
    };
    txn.tell(LiveEvent::notified(notified));
    txn.commit().await?;
    Ok(new)
}

/// A remote account took back its `Like` `like_id`; false when there was none.
pub async fn unlike_received(
    db: &DatabaseConnection,
    liker: AccountId,
    like_id: &str,
) -> DomainResult<bool> {
    Ok(store::favourites::delete_by_ap_id(db, liker, like_id)
        .await?
        .is_some())
}

/// The statuses the viewer likes, the latest liked first, as far as it may still see
/// them.
pub async fn page(
    db: &DatabaseConnection,
    viewer: &Viewer,
    request: &PageRequest,
) -> DomainResult<Page<Status>> {
    let page = store::favourites::page_of(db, viewer.account_id, request).await?;
    timelines::statuses_in(db, page).await
}
