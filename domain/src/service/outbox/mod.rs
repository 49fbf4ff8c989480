//! The outbox: what local accounts do, recorded as activities in the same transaction as the
//! change, then handed to the job queue to be built and delivered; and, after any commit,
//! the live events it makes, told to the processes serving subscriptions.
//!
//! Use cases write through [`Write`], the unit of work that records activities and events
//! and releases them once committed; recording and publishing are reachable only there.
//!
//! An activity the queue did not take (it was down, or the process died right after the
//! commit) stays unpublished and is queued again by [`republish_stale`].

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Duration, Utc};
use sea_orm::ConnectionTrait;

use crate::DomainResult;
use crate::ids::{AccountId, ActivityId, StatusId};
use crate::ports::{EventBus, LiveEvent, TaskQueue};
use crate::service::App;
use crate::service::visibility;
use crate::store;
use crate::types::{ActivityKind, Instance, OutboxActivity, Status, Visibility, create_ap_id};

mod write;
pub use write::Write;

/// Records activities and queues them, and tells live events; one per server, shared by
/// every use case.
#[derive(Clone, Debug)]
pub struct Outbox {
    instance: Instance,
    queue: Arc<dyn TaskQueue>,
    events: Arc<dyn EventBus>,
}

impl Outbox {
    pub fn new(instance: Instance, queue: Arc<dyn TaskQueue>, events: Arc<dyn EventBus>) -> Self {
        Self {
            instance,
            queue,
            events,
        }
    }

    pub fn events(&self) -> &Arc<dyn EventBus> {
        &self.events
    }

    /// Tells live subscriptions of what was just committed. Use cases tell through their
    /// [`Write`]; writes committed together in a group (received statuses) tell here once
    /// the group has committed.
    pub(crate) async fn tell(&self, events: impl IntoIterator<Item = LiveEvent>) {
        let events: Vec<LiveEvent> = events.into_iter().collect();
        if !events.is_empty() {
            self.events.publish(events).await;
        }
    }

    pub fn queue(&self) -> &Arc<dyn TaskQueue> {
        &self.queue
    }

    pub fn instance(&self) -> &Instance {
        &self.instance
    }

    /// A new activity of `actor`, not yet recorded.
    pub(crate) fn activity(&self, actor: AccountId, kind: ActivityKind) -> OutboxActivity {
        let id = ActivityId::new();
        OutboxActivity {
            id,
            ap_id: self.instance.url(&format!("/activities/{id}")),
            actor,
            kind,
            status: None,
            target_account: None,
            object_ap_id: None,
            report: None,
            body: None,
            created_at: Utc::now(),
            published_at: None,
        }
    }

    /// An activity about a status.
    pub(crate) fn about_status(
        &self,
        actor: AccountId,
        kind: ActivityKind,
        status: StatusId,
    ) -> OutboxActivity {
        OutboxActivity {
            status: Some(status),
            ..self.activity(actor, kind)
        }
    }

    /// The `Create` of a status of `actor`, at the id [`create_ap_id`] gives it.
    pub(crate) fn create_of(&self, actor: AccountId, status: &Status) -> OutboxActivity {
        OutboxActivity {
            ap_id: create_ap_id(&status.ap_id),
            ..self.about_status(actor, ActivityKind::CreateNote, status.id)
        }
    }

    /// An activity addressed to one account, about the Follow `follow_ap_id` where given.
    pub(crate) fn to_account(
        &self,
        actor: AccountId,
        kind: ActivityKind,
        target: AccountId,
        follow_ap_id: Option<String>,
    ) -> OutboxActivity {
        OutboxActivity {
            target_account: Some(target),
            object_ap_id: follow_ap_id,
            ..self.activity(actor, kind)
        }
    }

    /// Records `activity`, inside the caller's transaction, with the webhook deliveries it
    /// brings (publishing it queues them).
    async fn record(
        &self,
        db: &impl ConnectionTrait,
        activity: &OutboxActivity,
    ) -> DomainResult<ActivityId> {
        store::outbox_activities::insert(db, activity).await?;
        crate::service::webhooks::record_for_activity(db, activity).await?;
        Ok(activity.id)
    }

    /// Queues committed activities. A queue failure is logged, not returned: the change is
    /// committed and [`republish_stale`] queues the activity later.
    async fn publish(&self, ids: Vec<ActivityId>) {
        if ids.is_empty() {
            return;
        }
        if let Err(error) = self.queue.publish(ids).await {
            tracing::warn!(%error, "activities recorded but not queued; they will be retried");
        }
    }
}

/// Queues again the activities recorded more than `older_than` ago that were never
/// published. Returns how many.
pub async fn republish_stale(app: &App, older_than: std::time::Duration) -> DomainResult<usize> {
    let older_than = Duration::from_std(older_than).unwrap_or(Duration::MAX);
    let ids = store::outbox_activities::unpublished(&app.db, Utc::now() - older_than, 1000).await?;
    let count = ids.len();
    if count > 0 {
        app.outbox
            .queue
            .publish(ids)
            .await
            .map_err(|e| crate::DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}

pub async fn get(
    db: &impl ConnectionTrait,
    id: ActivityId,
) -> DomainResult<Option<OutboxActivity>> {
    Ok(store::outbox_activities::by_id(db, id).await?)
}

/// Marks an activity published: its deliveries are queued (or there was nothing to send).
pub async fn mark_published(db: &impl ConnectionTrait, id: ActivityId) -> DomainResult<()> {
    Ok(store::outbox_activities::set_published(db, id, Utc::now()).await?)
}

/// The inboxes an activity goes to: one per server where servers share an inbox.
///
/// A status goes to the author's remote followers (unless direct), the remote accounts it
/// mentions and the remote author it replies to; a profile update to the followers; the
/// rest to the one account they concern. Nothing about a private or local status goes
/// anywhere.
pub async fn recipients(
    db: &impl ConnectionTrait,
    activity: &OutboxActivity,
) -> DomainResult<Vec<String>> {
    // Private and local statuses are never sent, whatever is done with them.
    if let Some(status) = boosted_status(db, activity).await?
        && !status.visibility.federates()
    {
        return Ok(Vec::new());
    }
    let mut inboxes = BTreeSet::new();
    let mut accounts = Vec::new();
    // Answers to and about one account go to its own inbox, not its server's shared one.
    let mut personal = false;
    match activity.kind {
        ActivityKind::CreateNote
        | ActivityKind::DeleteNote
        | ActivityKind::UpdateNote
        | ActivityKind::UpdatePoll => {
            let Some(status) = subject_status(db, activity).await? else {
                return Ok(Vec::new());
            };
            if status.visibility != Visibility::Direct {
                inboxes.extend(store::accounts::remote_follower_inboxes(db, activity.actor).await?);
            }
            let mut mentions = store::mentions::by_statuses(db, &[status.id]).await?;
            accounts.extend(mentions.remove(&status.id).unwrap_or_default());
            if status.visibility != Visibility::Direct {
                accounts.extend(status.in_reply_to_account_id);
            }
            // What changes or ends a status reaches the servers of those who boosted it,
            // as Mastodon's do: their followers saw it there.
            if activity.kind != ActivityKind::CreateNote {
                accounts.extend(store::statuses::boosters_of(db, status.id).await?);
            }
        }
        ActivityKind::UpdateActor
        | ActivityKind::AddPin
        | ActivityKind::RemovePin
        | ActivityKind::Move => {
            inboxes.extend(store::accounts::remote_follower_inboxes(db, activity.actor).await?);
        }
        ActivityKind::DeleteActor => {
            inboxes.extend(store::accounts::remote_follower_inboxes(db, activity.actor).await?);
            inboxes.extend(store::accounts::known_shared_inboxes(db).await?);
        }
        ActivityKind::Like | ActivityKind::UndoLike | ActivityKind::Vote => {
            accounts.extend(subject_status(db, activity).await?.map(|s| s.account_id));
        }
        ActivityKind::Announce | ActivityKind::UndoAnnounce => {
            inboxes.extend(store::accounts::remote_follower_inboxes(db, activity.actor).await?);
            if let Some(boosted) = boosted_status(db, activity).await? {
                accounts.push(boosted.account_id);
            }
        }
        ActivityKind::Follow
        | ActivityKind::UndoFollow
        | ActivityKind::AcceptFollow
        | ActivityKind::RejectFollow
        | ActivityKind::Flag
        | ActivityKind::Block
        | ActivityKind::UndoBlock
        | ActivityKind::QuoteRequest
        | ActivityKind::AcceptQuote
        | ActivityKind::RejectQuote => {
            personal = true;
            accounts.extend(activity.target_account);
        }
        ActivityKind::RevokeQuote => {
            // Where the quote post went: a local one to its author's followers elsewhere
            // (and those it mentions), another server's to its author.
            if let Some(quote_post) = subject_status(db, activity).await? {
                if quote_post.local {
                    inboxes.extend(
                        store::accounts::remote_follower_inboxes(db, quote_post.account_id).await?,
                    );
                    let mut mentions = store::mentions::by_statuses(db, &[quote_post.id]).await?;
                    accounts.extend(mentions.remove(&quote_post.id).unwrap_or_default());
                } else {
                    accounts.push(quote_post.account_id);
                }
            }
        }
    }
    for account in store::accounts::by_ids(db, &accounts).await? {
        if account.is_local() {
            continue;
        }
        let inbox = match (&account.shared_inbox_url, personal) {
            (Some(shared), false) => shared.clone(),
            _ => account.inbox_url.clone(),
        };
        inboxes.insert(inbox);
    }
    Ok(inboxes.into_iter().collect())
}

/// The status an activity is about, deleted or not: publishing is not a viewer's read.
pub async fn subject_status(
    db: &impl ConnectionTrait,
    activity: &OutboxActivity,
) -> DomainResult<Option<crate::types::Status>> {
    match activity.status {
        Some(id) => Ok(store::statuses::by_id(db, id).await?),
        None => Ok(None),
    }
}

/// The status an `Announce` (whose subject is the boost) or its `Undo` (whose subject is
/// the status boosted) is about.
pub async fn boosted_status(
    db: &impl ConnectionTrait,
    activity: &OutboxActivity,
) -> DomainResult<Option<crate::types::Status>> {
    let Some(subject) = subject_status(db, activity).await? else {
        return Ok(None);
    };
    match subject.reblog_of_id {
        Some(original) => Ok(store::statuses::by_id(db, original).await?),
        None => Ok(Some(subject)),
    }
}

/// A local account and the private key it signs with.
pub async fn signer(
    db: &impl ConnectionTrait,
    account: AccountId,
) -> DomainResult<(crate::types::Account, String)> {
    match store::accounts::with_private_key(db, account).await? {
        Some((found, Some(key))) => Ok((found, key)),
        _ => Err(crate::DomainError::NotFound(crate::ids::Kind::Account)),
    }
}

/// Stores the JSON an activity goes out as, before its deliveries are queued.
pub async fn set_body(db: &impl ConnectionTrait, id: ActivityId, body: String) -> DomainResult<()> {
    Ok(store::outbox_activities::set_body(db, id, body).await?)
}

/// Keeps a delivery that exhausted its retries, with its last error.
pub async fn delivery_failed(
    db: &impl ConnectionTrait,
    activity: ActivityId,
    inbox: &str,
    attempts: u32,
    last_error: &str,
) -> DomainResult<()> {
    Ok(store::failed_deliveries::insert(db, activity, inbox, attempts, last_error).await?)
}

/// The most recent failed deliveries.
pub async fn failed_deliveries(
    db: &impl ConnectionTrait,
    limit: u64,
) -> DomainResult<Vec<crate::types::FailedDelivery>> {
    Ok(store::failed_deliveries::recent(db, limit).await?)
}

/// How many failed deliveries are kept.
pub async fn failed_delivery_count(db: &impl ConnectionTrait) -> DomainResult<u64> {
    Ok(store::failed_deliveries::count(db).await?)
}

/// Forgets failed deliveries (they were queued again).
pub async fn forget_failed_deliveries(
    db: &impl ConnectionTrait,
    ids: &[uuid::Uuid],
) -> DomainResult<()> {
    Ok(store::failed_deliveries::delete(db, ids).await?)
}

/// The JSON of a published activity as `viewer` (the signer of a fetch, if any) may read
/// it, at its id (`/activities/<id>`):
/// - the Create, Update or Delete of a status it may see (a Create or Update only while
///   the status lives; a Delete of a public or unlisted one for anyone), a profile Update,
///   a `Move`, the `Delete` of a quote stamp: to anyone;
/// - a Like, a vote's Create, an Undo of a Like or of a boost: to anyone who may see the
///   status (a vote: to the poll's author's server only);
/// - Add and Remove of a pin: to anyone, when the status is public or unlisted;
/// - Follow, Accept, Reject, Undo of a Follow, Block, Undo of a Block and the answers to
///   quote requests: only to a signer on the server of the account they are addressed to;
/// - a Flag: never (it speaks for a reporter who may not wish to be known).
///
/// Not served here: those whose id is elsewhere (a `Create`'s and an `Announce`'s, served
/// with their status), and ids with a fragment (a vote's `Note`, `…#votes/<id>`), which
/// are no document of their own.
pub async fn body_for(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    id: ActivityId,
) -> DomainResult<Option<String>> {
    let Some(activity) = store::outbox_activities::by_id(db, id).await? else {
        return Ok(None);
    };
    if !activity.ap_id.ends_with(&format!("/activities/{id}")) || activity.published_at.is_none() {
        return Ok(None);
    }
    let may_see = |status: Option<crate::types::Status>| async move {
        match status {
            Some(status) if status.visibility.federates() && !status.is_deleted() => {
                let visible = visibility::retain_visible(db, viewer, vec![status]).await?;
                Ok::<bool, crate::DomainError>(!visible.is_empty())
            }
            _ => Ok(false),
        }
    };
    let readable = match activity.kind {
        ActivityKind::UpdateActor
        | ActivityKind::Move
        | ActivityKind::RevokeQuote
        | ActivityKind::DeleteActor => true,
        ActivityKind::CreateNote
        | ActivityKind::UpdateNote
        | ActivityKind::UpdatePoll
        | ActivityKind::Like
        | ActivityKind::UndoLike => may_see(subject_status(db, &activity).await?).await?,
        ActivityKind::UndoAnnounce => may_see(boosted_status(db, &activity).await?).await?,
        ActivityKind::DeleteNote | ActivityKind::AddPin | ActivityKind::RemovePin => {
            subject_status(db, &activity)
                .await?
                .is_some_and(|s| matches!(s.visibility, Visibility::Public | Visibility::Unlisted))
        }
        ActivityKind::Vote => match subject_status(db, &activity).await? {
            Some(poll) => same_server(db, viewer, poll.account_id).await?,
            None => false,
        },
        ActivityKind::Follow
        | ActivityKind::UndoFollow
        | ActivityKind::AcceptFollow
        | ActivityKind::RejectFollow
        | ActivityKind::Block
        | ActivityKind::UndoBlock
        | ActivityKind::QuoteRequest
        | ActivityKind::AcceptQuote
        | ActivityKind::RejectQuote => match activity.target_account {
            Some(target) => same_server(db, viewer, target).await?,
            None => false,
        },
        ActivityKind::Announce | ActivityKind::Flag => false,
    };
    Ok(activity.body.filter(|_| readable))
}

/// Whether `viewer` (a signer) is an account of the same other server as `account`: the
/// account itself, or its server's instance actor.
async fn same_server(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    account: AccountId,
) -> DomainResult<bool> {
    let Some(viewer) = viewer else {
        return Ok(false);
    };
    let found = store::accounts::by_ids(db, &[viewer, account]).await?;
    let domain_of = |id: AccountId| {
        found
            .iter()
            .find(|a| a.id == id)
            .and_then(|a| a.domain.as_deref())
            .map(str::to_lowercase)
    };
    Ok(match (domain_of(viewer), domain_of(account)) {
        (Some(signer), Some(addressed)) => signer == addressed,
        _ => false,
    })
}
