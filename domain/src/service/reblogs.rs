//! Boosts (reblogs): sharing a public or unlisted status with one's followers, here or
//! from other servers (`Announce`), and being told of it.

use chrono::Utc;

use crate::ids::{AccountId, StatusId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::notifications::notify;
use crate::service::policies::{self, Interaction};
use crate::service::visibility;
use crate::store;
use crate::types::{Account, ActivityKind, NotificationKind, Status, Viewer, Visibility};
use crate::{DomainError, DomainResult};

fn boostable(status: &Status) -> DomainResult<()> {
    if matches!(status.visibility, Visibility::Public | Visibility::Unlisted) {
        Ok(())
    } else {
        Err(DomainError::validation(
            "statusId",
            "only public and unlisted statuses can be boosted",
        ))
    }
}

/// Boosts a status; boosting it again changes nothing. Returns the boost. The author is
/// told, and the booster's followers elsewhere and a remote author get an `Announce`.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, status = %id))]
pub async fn reblog(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    viewer.require_confirmed_email()?;
    let original = visibility::acted_on(&app.db, viewer.account_id, id).await?;
    boostable(&original)?;
    policies::check(&app.db, viewer.account_id, &original, Interaction::Boost).await?;
    if let Some(existing) =
        store::statuses::reblog_by(&app.db, viewer.account_id, original.id).await?
    {
        return Ok(existing);
    }
    let booster = crate::service::accounts::get(&app.db, viewer.account_id).await?;
    let boost_id = StatusId::new();
    let boost = Status {
        ap_id: app.instance().url(&format!(
            "/users/{}/statuses/{boost_id}/activity",
            booster.username
        )),
        local: true,
        ..boost_of(&original, booster.id, boost_id)
    };
    let txn = app.write().await?;
    store::statuses::insert(&txn, &boost).await?;
    let notified = notify(
        &txn,
        NotificationKind::Reblog,
        booster.id,
        Some(original.id),
        &[original.account_id],
    )
    .await?;
    let announce = app
        .outbox
        .about_status(booster.id, ActivityKind::Announce, boost.id);
    txn.record(&announce).await?;
    txn.tell(
        std::iter::once(LiveEvent::StatusCreated(boost.id)).chain(LiveEvent::notified(notified)),
    );
    txn.commit().await?;
    Ok(boost)
}

/// A boost of `original` by `account`, not yet stored; `ap_id` and `local` to be set.
fn boost_of(original: &Status, account: AccountId, id: StatusId) -> Status {
    Status {
        id,
        ap_id: String::new(),
        url: original.url.clone(),
        account_id: account,
        local: false,
        source: String::new(),
        content_html: String::new(),
        content_warning: String::new(),
        sensitive: false,
        visibility: original.visibility,
        language: None,
        in_reply_to_id: None,
        in_reply_to_account_id: None,
        in_reply_to_ap_id: None,
        reblog_of_id: Some(original.id),
        thread_id: id,
        created_at: Utc::now(),
        edited_at: None,
        deleted_at: None,
        archived_at: None,
    }
}

/// Takes back the viewer's boost of a status, even one it may no longer see; returns the
/// status boosted.
#[tracing::instrument(skip_all, fields(account = %viewer.account_id, status = %id))]
pub async fn unreblog(app: &App, viewer: &Viewer, id: StatusId) -> DomainResult<Status> {
    let original = visibility::undone_on(&app.db, viewer.account_id, id).await?;
    let txn = app.write().await?;
    let mut told = Vec::new();
    if let Some(boost) = store::statuses::reblog_by(&txn, viewer.account_id, original.id).await? {
        store::statuses::delete_reblog(&txn, boost.id).await?;
        told.push(LiveEvent::StatusDeleted(boost.id));
        let undo = crate::types::OutboxActivity {
            object_ap_id: Some(boost.ap_id),
            ..app
                .outbox
                .about_status(viewer.account_id, ActivityKind::UndoAnnounce, original.id)
        };
        txn.record(&undo).await?;
    } else {
        visibility::get(&txn, Some(viewer.account_id), original.id).await?;
    }
    txn.tell(told);
    txn.commit().await?;
    Ok(original)
}

/// A remote account boosted `original` (known here) with the `Announce` `announce_id`. A
/// status it may not see, or not public or unlisted, is not boosted; nor one whose policy
/// does not let it boost (a local status's, decided here).
pub async fn announce_received(
    app: &App,
    booster: &Account,
    announce_id: &str,
    original: &Status,
) -> DomainResult<bool> {
    if original.reblog_of_id.is_some()
        || boostable(original).is_err()
        || visibility::get(&app.db, Some(booster.id), original.id)
            .await
            .is_err()
        || (original.local
            && !policies::allows(&app.db, booster.id, original, Interaction::Boost).await?)
    {
        return Ok(false);
    }
    if store::statuses::reblog_by(&app.db, booster.id, original.id)
        .await?
        .is_some()
        || store::statuses::by_ap_id(&app.db, announce_id)
            .await?
            .is_some()
    {
        return Ok(false);
    }
    let boost = Status {
        ap_id: announce_id.to_owned(),
        ..boost_of(original, booster.id, StatusId::new())
    };
    let txn = app.write().await?;
    store::statuses::insert(&txn, &boost).await?;
    let notified = notify(
        &txn,
        NotificationKind::Reblog,
        booster.id,
        Some(original.id),
        &[original.account_id],
    )
    .await?;
    txn.tell(
        std::iter::once(LiveEvent::StatusCreated(boost.id)).chain(LiveEvent::notified(notified)),
    );
    txn.commit().await?;
    Ok(true)
}

/// A remote account took back its boost `announce_id`; false when there was none.
pub async fn unannounce_received(
    app: &App,
    booster: AccountId,
    announce_id: &str,
) -> DomainResult<bool> {
    match store::statuses::by_ap_id(&app.db, announce_id).await? {
        Some(boost) if boost.account_id == booster && boost.reblog_of_id.is_some() => {
            let txn = app.write().await?;
            store::statuses::delete_reblog(&txn, boost.id).await?;
            txn.tell([LiveEvent::StatusDeleted(boost.id)]);
            txn.commit().await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
