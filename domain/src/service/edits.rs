//! What an edit changes besides the text, for local and remote statuses alike: the
//! attachments shown (those taken off stay with the earlier versions) and the accounts
//! mentioned.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, MediaId, StatusId};
use crate::ports::LiveEvent;
use crate::service::App;
use crate::store;
use crate::types::{
    ActivityKind, Instance, InteractionPolicy, MediaAttachment, RemoteMedia, Status,
};
use crate::{DomainError, DomainResult};

/// Changes who may quote, reply to and boost one of the viewer's statuses and nothing else:
/// no new version and nobody told, but other servers hear of it (`Update`).
pub(crate) async fn change_policy(
    app: &App,
    status: Status,
    policy: &InteractionPolicy,
) -> DomainResult<Status> {
    let txn = app.write().await?;
    store::interaction_policies::put(&txn, status.id, policy).await?;
    if status.visibility.federates() {
        let update =
            app.outbox
                .about_status(status.account_id, ActivityKind::UpdateNote, status.id);
        txn.record(&update).await?;
    }
    txn.tell([LiveEvent::StatusEdited(status.id)]);
    txn.commit().await?;
    Ok(status)
}

/// The attachments a local edit asks for, once checked as a new status's are: without
/// repeats, no more than the instance allows, and none on a status with a poll. None
/// leaves the attachments as they are.
pub(crate) async fn checked_media(
    db: &impl ConnectionTrait,
    instance: &Instance,
    status: StatusId,
    media: Option<Vec<MediaId>>,
) -> DomainResult<Option<Vec<MediaId>>> {
    let Some(mut media) = media else {
        return Ok(None);
    };
    let mut seen = HashSet::new();
    media.retain(|id| seen.insert(*id));
    if media.len() > instance.max_media_attachments {
        return Err(DomainError::validation(
            "mediaIds",
            format!("at most {} attachments", instance.max_media_attachments),
        ));
    }
    if !media.is_empty() && store::polls::by_status(db, status).await?.is_some() {
        return Err(DomainError::validation(
            "mediaIds",
            "a status has either a poll or attachments",
        ));
    }
    Ok(Some(media))
}

/// Inside the edit's transaction: `media`, in order, become what the status shows; each
/// must be one of its own or an upload of the author's, processed and not posted yet.
pub(crate) async fn show_media(
    txn: &impl ConnectionTrait,
    status: &Status,
    media: &[MediaId],
    at: DateTime<Utc>,
) -> DomainResult<()> {
    let shown =
        store::media_attachments::arrange(txn, status.account_id, status.id, media, at).await?;
    if shown != media.len() {
        return Err(DomainError::validation(
            "mediaIds",
            "every attachment must be one's own upload, processed and not posted elsewhere",
        ));
    }
    Ok(())
}

/// Inside a remote edit's transaction: the attachments the status now names, by their
/// URLs. Those it had before are kept (their copies too), new ones recorded, the others
/// taken off. Returns the new ones, to be copied here.
pub(crate) async fn show_remote_media(
    txn: &impl ConnectionTrait,
    status: &Status,
    current: &[MediaAttachment],
    attachments: &[RemoteMedia],
    at: DateTime<Utc>,
) -> DomainResult<Vec<MediaId>> {
    let mut fresh = Vec::new();
    let mut order = Vec::new();
    for remote in attachments {
        let known = current.iter().find(|m| {
            m.remote_url.as_deref() == Some(remote.url.as_str()) && !order.contains(&m.id)
        });
        match known {
            Some(known) => order.push(known.id),
            None => {
                let new = crate::service::media::remote(
                    status.account_id,
                    status.id,
                    std::slice::from_ref(remote),
                );
                order.extend(new.iter().map(|m| m.id));
                fresh.extend(new);
            }
        }
    }
    store::media_attachments::insert(txn, &fresh).await?;
    store::media_attachments::arrange(txn, status.account_id, status.id, &order, at).await?;
    Ok(fresh.into_iter().map(|m| m.id).collect())
}

/// Inside the edit's transaction: the status mentions `mentioned` from now on; those it
/// no longer names are forgotten. Returns the accounts newly mentioned, in order.
pub(crate) async fn remention(
    txn: &impl ConnectionTrait,
    status: StatusId,
    mentioned: &[AccountId],
) -> DomainResult<Vec<AccountId>> {
    let before: HashSet<AccountId> = store::mentions::by_statuses(txn, &[status])
        .await?
        .remove(&status)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let now: HashSet<AccountId> = mentioned.iter().copied().collect();
    let gone: Vec<AccountId> = before.difference(&now).copied().collect();
    let mut added = Vec::new();
    for account in mentioned {
        if !before.contains(account) && !added.contains(account) {
            added.push(*account);
        }
    }
    store::mentions::delete(txn, status, &gone).await?;
    store::mentions::insert(txn, status, &added).await?;
    Ok(added)
}
