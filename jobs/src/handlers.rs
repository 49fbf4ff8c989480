//! One handler per task kind. Handlers re-read what they work on and do nothing when it is
//! gone, so running a task twice is harmless.

use std::sync::Arc;
use std::time::{Duration, Instant};

use apalis::prelude::{BoxDynError, Data};
use rand::Rng;
use rookery_domain::ids::{
    AccountId, ActivityId, CustomEmojiId, MailId, MediaId, ReportId, StatusId, WebhookDeliveryId,
};
use rookery_domain::service::delivery_hosts::{self, HostHealth};
use rookery_domain::service::mail::{self, Sent};
use rookery_domain::service::webhooks::{self, Failed};
use rookery_domain::service::{
    account_actions, custom_emojis, dashboard, maintenance, media, outbox, polls, reports,
};
use rookery_federation::authority;
use rookery_federation::outgoing::{self, Delivery};
use rookery_federation::resolve::{self, ResolveError};
use rookery_federation::{nodeinfo, rel_me};
use tracing::Instrument;

use crate::backoff;
use crate::context::JobContext;
use crate::hosts::Refusal;
use crate::maintenance as maintenance_schedule;
use crate::queue::Queue;
use crate::tasks::{
    DeliverTask, FetchParentTask, IngressTask, MailTask, MaintenanceTask, MediaTask, ModerateTask,
    PublishTask, ReadSoftwareTask, VerifyLinksTask, WebhookTask,
};
use crate::webhooks::{self as signing, Answer};

/// Builds the activity, stores its JSON, queues one delivery per inbox and the webhook
/// deliveries it brought, then marks it published. A crash in between publishes it again later: deliveries are at least once.
#[tracing::instrument(skip_all, fields(activity = %task.activity))]
pub async fn publish(task: PublishTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = try_publish(task, &ctx).await;
    metrics_job(Queue::Publish, started, result.is_err());
    result
}

async fn try_publish(task: PublishTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let id = ActivityId(task.activity);
    let Some(activity) = outbox::get(&ctx.app.db, id).await? else {
        return Ok(());
    };
    if activity.published_at.is_some() {
        return Ok(());
    }
    if let Some(body) = outgoing::build(&ctx.app.db, ctx.app.instance(), &activity).await? {
        outbox::set_body(&ctx.app.db, id, body.to_string()).await?;
        let inboxes = outbox::recipients(&ctx.app.db, &activity).await?;
        tracing::debug!(inboxes = inboxes.len(), "publishing");
        if !inboxes.is_empty() {
            ctx.queue.deliver(id, inboxes).await?;
        }
    }
    webhooks::queue_for_activity(&ctx.app.db, ctx.queue_port(), id).await?;
    outbox::mark_published(&ctx.app.db, id).await?;
    Ok(())
}

/// POSTs one recorded event to its webhook, signed; an answer worth another try (a network
/// error, 408, 429 or 5xx) is tried again with backoff while attempts remain, any other
/// refusal is given up at once. Outgoing requests keep the fetcher's address policy.
#[tracing::instrument(skip_all, fields(delivery = %task.delivery))]
pub async fn webhook(task: WebhookTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = try_webhook(task, &ctx).await;
    metrics_job(Queue::Webhooks, started, result.is_err());
    result
}

async fn try_webhook(task: WebhookTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let Some(delivery) = webhooks::pending(&ctx.app.db, WebhookDeliveryId(task.delivery)).await?
    else {
        return Ok(());
    };
    let (retryable, reason, retry_after) = match url::Url::parse(&delivery.url) {
        Err(error) => (false, format!("bad URL: {error}"), None),
        Ok(url) => {
            let timestamp = chrono::Utc::now().timestamp();
            let body = delivery.body.clone().into_bytes();
            let headers = vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                (signing::EVENT_HEADER.to_owned(), delivery.event.clone()),
                (signing::DELIVERY_HEADER.to_owned(), delivery.id.to_string()),
                (signing::TIMESTAMP_HEADER.to_owned(), timestamp.to_string()),
                (
                    signing::SIGNATURE_HEADER.to_owned(),
                    signing::signature(&delivery.secret, timestamp, &body),
                ),
            ];
            match ctx.fetcher.post(&url, &headers, body).await {
                Ok(answer) => match signing::answer(answer.status) {
                    Answer::Delivered => {
                        webhooks::delivered(&ctx.app.db, &delivery).await?;
                        tracing::debug!(status = answer.status, "webhook delivered");
                        return Ok(());
                    }
                    Answer::Retry => (
                        true,
                        format!("answered {}", answer.status),
                        answer.retry_after,
                    ),
                    Answer::Refused => (false, format!("answered {}", answer.status), None),
                },
                Err(error) => (error.is_transient(), error.to_string(), None),
            }
        }
    };
    match webhooks::failed(&ctx.app.db, &delivery, &reason, retryable, retry_after).await? {
        Failed::RetryAfter(wait) => {
            tracing::debug!(%reason, ?wait, "webhook will be tried again");
            ctx.queue.webhook_later(task, wait).await?;
        }
        Failed::GaveUp => {
            tracing::warn!(%reason, "webhook delivery given up");
            metrics::counter!("rookery_jobs_failed_total", "queue" => Queue::Webhooks.name())
                .increment(1);
        }
    }
    Ok(())
}

/// POSTs the activity to one inbox, within the host's limits; schedules the next attempt
/// when it fails for a reason that may pass, and keeps the failure when attempts run out.
#[tracing::instrument(skip_all, fields(activity = %task.activity, inbox = %task.inbox, attempt = task.attempt))]
pub async fn deliver(task: DeliverTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    // A worker polls its tasks from one tokio task; signing is CPU work, so each delivery
    // runs as a task of its own and the runtime spreads them over every core.
    let ctx = Arc::clone(&ctx);
    let delivery = async move { try_deliver(task, &ctx).await }.in_current_span();
    let result = match tokio::spawn(delivery).await {
        Ok(result) => result,
        Err(join) => Err(join.to_string().into()),
    };
    metrics_job(Queue::Deliver, started, result.is_err());
    result
}

async fn try_deliver(task: DeliverTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let host = authority(&task.inbox).unwrap_or_default();
    let (blocked, health) = ctx.host_snapshot.check(&ctx.app.db, &host).await?;
    if blocked {
        metrics_outcome(&host, "dropped");
        tracing::info!("host blocked: delivery dropped");
        return Ok(());
    }
    if health == HostHealth::Unavailable {
        metrics_outcome(&host, "unavailable");
        tracing::debug!("host unavailable: delivery skipped");
        return Ok(());
    }
    let permit = match ctx.hosts.acquire(&host) {
        Ok(permit) => permit,
        Err(refusal) => {
            // Not an attempt: the host is resting or busy. Come back later.
            let wait = match refusal {
                Refusal::Open(wait) => wait,
                Refusal::Busy => Duration::from_millis(rand::thread_rng().gen_range(200..1200)),
            };
            ctx.queue.deliver_later(task, wait).await?;
            return Ok(());
        }
    };
    let outcome = match ctx
        .prepared
        .get(&ctx.app.db, ActivityId(task.activity))
        .await
    {
        Ok(prepared) => {
            outgoing::send(&ctx.fetcher, &prepared, &ctx.signature_schemes, &task.inbox).await
        }
        Err(outcome) => outcome,
    };
    drop(permit);
    let answered = !matches!(outcome, Delivery::Retry { .. });
    ctx.hosts.record(&host, answered);
    if answered && health == HostHealth::Failing {
        delivery_hosts::answered(&ctx.app.db, &host).await?;
        ctx.host_snapshot.set(&host, HostHealth::Fine);
    } else if !answered {
        let unavailable = delivery_hosts::failed(&ctx.app.db, &host, chrono::Utc::now()).await?;
        let health = if unavailable {
            HostHealth::Unavailable
        } else {
            HostHealth::Failing
        };
        ctx.host_snapshot.set(&host, health);
    }
    match outcome {
        Delivery::Delivered => {
            metrics_outcome(&host, "delivered");
            Ok(())
        }
        Delivery::Dropped(reason) => {
            metrics_outcome(&host, "dropped");
            tracing::info!(%reason, "delivery dropped");
            Ok(())
        }
        Delivery::Retry { reason, after } => {
            metrics_outcome(&host, "retry");
            if Queue::Deliver.gives_up_after(task.attempt) {
                tracing::warn!(%reason, "delivery failed for good");
                metrics::counter!("rookery_jobs_failed_total", "queue" => Queue::Deliver.name())
                    .increment(1);
                outbox::delivery_failed(
                    &ctx.app.db,
                    ActivityId(task.activity),
                    &task.inbox,
                    task.attempt,
                    &reason,
                )
                .await?;
                return Ok(());
            }
            let wait = backoff::delay_honouring(task.attempt, after);
            tracing::debug!(%reason, ?wait, "delivery will be tried again");
            let next = DeliverTask {
                attempt: task.attempt + 1,
                ..task
            };
            ctx.queue.deliver_later(next, wait).await?;
            Ok(())
        }
    }
}

fn metrics_outcome(host: &str, outcome: &'static str) {
    let host = crate::host_labels::host_label(host);
    metrics::counter!("rookery_deliveries_total", "host" => host, "outcome" => outcome)
        .increment(1);
}

/// Records how long a task took, and counts it as failed when its handler failed.
fn metrics_job(queue: Queue, started: Instant, failed: bool) {
    metrics::histogram!("rookery_job_duration_seconds", "queue" => queue.name())
        .record(started.elapsed().as_secs_f64());
    if failed {
        metrics::counter!("rookery_jobs_failed_total", "queue" => queue.name()).increment(1);
    }
}

/// Tells moderators of a report and forwards it when asked.
#[tracing::instrument(skip_all, fields(report = %task.report))]
pub async fn moderate(task: ModerateTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = reports::moderate(&ctx.app, ReportId(task.report))
        .await
        .map_err(BoxDynError::from);
    metrics_job(Queue::Moderation, started, result.is_err());
    result
}

/// Processes an upload, or copies a remote attachment here and processes it.
#[tracing::instrument(skip_all, fields(media = %task.media))]
pub async fn media(task: MediaTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = try_media(task, &ctx).await;
    metrics_job(Queue::Media, started, result.is_err());
    result
}

async fn try_media(task: MediaTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    if task.emoji {
        return try_emoji(task, ctx).await;
    }
    let Some(waiting) = media::waiting(&ctx.app.db, MediaId(task.media)).await? else {
        return Ok(());
    };
    let kept = match waiting.remote_url.clone() {
        None => media::process_upload(&ctx.app.db, &ctx.media, waiting).await?,
        Some(_) if media::refused_for(&ctx.app.db, waiting.account_id).await? => {
            let refused = "media from this server is refused here".to_owned();
            media::fail(&ctx.app.db, waiting, refused).await?
        }
        Some(url) => match ctx
            .fetcher
            .get_bytes(&url, ctx.media.limits.max_bytes)
            .await
        {
            Ok(bytes) => media::keep_fetched(&ctx.app.db, &ctx.media, waiting, bytes).await?,
            Err(error) if error.is_transient() && !Queue::Media.gives_up_after(task.attempt) => {
                let wait = backoff::delay(task.attempt.max(1));
                tracing::debug!(%error, ?wait, "remote media will be fetched again");
                let next = MediaTask {
                    attempt: task.attempt.max(1) + 1,
                    ..task
                };
                ctx.queue.media_later(next, wait).await?;
                return Ok(());
            }
            // Clients are sent to the remote server instead.
            Err(error) => media::fail(&ctx.app.db, waiting, error.to_string()).await?,
        },
    };
    tracing::debug!(state = kept.state.as_str(), error = ?kept.error, "media processed");
    Ok(())
}

/// Copies another server's custom emoji here, within the emoji's limits.
async fn try_emoji(task: MediaTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let Some(waiting) = custom_emojis::waiting(&ctx.app.db, CustomEmojiId(task.media)).await?
    else {
        return Ok(());
    };
    let Some(url) = waiting.image_url.clone() else {
        return Ok(());
    };
    let kept = match ctx
        .fetcher
        .get_bytes(&url, custom_emojis::MAX_EMOJI_BYTES)
        .await
    {
        Ok(bytes) => custom_emojis::keep_fetched(&ctx.app.db, &ctx.media, waiting, bytes).await?,
        Err(error) if error.is_transient() && !Queue::Media.gives_up_after(task.attempt) => {
            let wait = backoff::delay(task.attempt.max(1));
            tracing::debug!(%error, ?wait, "a custom emoji will be fetched again");
            let next = MediaTask {
                attempt: task.attempt.max(1) + 1,
                ..task
            };
            ctx.queue.media_later(next, wait).await?;
            return Ok(());
        }
        // Left out wherever it is used.
        Err(error) => custom_emojis::fail(&ctx.app.db, waiting, error.to_string()).await?,
    };
    tracing::debug!(state = kept.state.as_str(), error = ?kept.error, "custom emoji copied");
    Ok(())
}

/// Sends one mail; a transient failure is tried again later, with backoff.
#[tracing::instrument(skip_all, fields(mail = %task.mail))]
pub async fn mail(task: MailTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = try_mail(task, &ctx).await;
    metrics_job(Queue::Mail, started, result.is_err());
    result
}

async fn try_mail(task: MailTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    match mail::send(&ctx.app.db, ctx.mailer.as_ref(), MailId(task.mail)).await? {
        Sent::Done => Ok(()),
        Sent::Retry { attempts, reason } => {
            let wait = backoff::delay(attempts);
            tracing::debug!(%reason, ?wait, "mail will be tried again");
            ctx.queue.mail_later(task, wait).await?;
            Ok(())
        }
        Sent::GaveUp(reason) => {
            tracing::warn!(%reason, "mail not sent; given up");
            metrics::counter!("rookery_jobs_failed_total", "queue" => Queue::Mail.name())
                .increment(1);
            Ok(())
        }
    }
}

/// Runs one maintenance task.
#[tracing::instrument(skip_all, fields(task = maintenance_schedule::name(task)))]
pub async fn maintain(
    task: MaintenanceTask,
    ctx: Data<Arc<JobContext>>,
) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = try_maintain(task, &ctx).await;
    metrics_job(Queue::Maintenance, started, result.is_err());
    result
}

/// How long a remote actor goes unrefreshed before maintenance fetches it again.
const STALE_ACTOR: Duration = Duration::from_secs(7 * 24 * 3600);
/// Remote actors refreshed per run, so that a run stays short.
const ACTORS_PER_RUN: u64 = 100;
/// How long finished tasks stay in a Redis queue (the database tables keep them as long).
const FINISHED_KEPT: Duration = Duration::from_secs(3600);
/// What counts as lost: queued work not done after this long.
const LOST_AFTER: Duration = Duration::from_secs(60);

async fn try_maintain(task: MaintenanceTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let db = &ctx.app.db;
    match task {
        MaintenanceTask::RequeueLost => {
            let activities = outbox::republish_stale(&ctx.app, LOST_AFTER).await?;
            let reports = reports::requeue_unnotified(&ctx.app, LOST_AFTER).await?;
            // Mail may wait for its next attempt for hours: only mail an hour old counts.
            let mails =
                mail::requeue_unsent(db, ctx.app.outbox.queue().as_ref(), LOST_AFTER * 60).await?;
            let media = media::requeue_lost(db, ctx.media.queue.as_ref(), LOST_AFTER * 5).await?
                + custom_emojis::requeue_lost(db, ctx.media.queue.as_ref(), LOST_AFTER * 5).await?;
            let hooks = webhooks::requeue_overdue(db, ctx.queue_port(), LOST_AFTER).await?;
            if activities + reports + mails + media + hooks > 0 {
                tracing::info!(
                    activities,
                    reports,
                    mails,
                    media,
                    webhooks = hooks,
                    "queued again what was lost"
                );
            }
        }
        MaintenanceTask::RefreshStaleActors => {
            let stale = maintenance::stale_remote_accounts(db, STALE_ACTOR, ACTORS_PER_RUN).await?;
            let mut refreshed = 0;
            let federation = ctx.federation.data();
            for account in &stale {
                match resolve::refresh(&federation, account).await {
                    Ok(_) => refreshed += 1,
                    Err(error) => {
                        tracing::debug!(%error, actor = %account.actor_id, "refreshing an actor");
                        maintenance::refresh_failed(db, account.id).await?;
                    }
                }
            }
            tracing::info!(stale = stale.len(), refreshed, "remote actors refreshed");
        }
        MaintenanceTask::PruneOld => {
            let pruned = maintenance::prune_old(db).await?;
            let purged = account_actions::purge_expired(&ctx.app).await?;
            tracing::info!(
                ?pruned,
                purged,
                "old records pruned, suspended accounts purged"
            );
        }
        MaintenanceTask::PruneMedia => {
            let store = ctx.media.store.as_ref();
            let orphans = media::remove_orphans(db, store, chrono::Duration::hours(24)).await?;
            let age = chrono::Duration::from_std(ctx.remote_media_cache)
                .unwrap_or_else(|_| chrono::Duration::days(30));
            let pruned = media::prune_remote_cache(db, store, age, |_| {}).await?;
            let bytes = dashboard::measure_storage(db, store).await?;
            tracing::info!(orphans, pruned, bytes, "media pruned and measured");
        }
        MaintenanceTask::EndPolls => {
            let notified = polls::end_due(&ctx.app).await?;
            if notified > 0 {
                tracing::info!(notified, "ended polls told");
            }
        }
        MaintenanceTask::PruneFinishedTasks => {
            let pruned = if ctx.queue.backend_name() == "redis" {
                ctx.queue.prune_finished_on_redis(FINISHED_KEPT).await?
            } else {
                maintenance::prune_finished_tasks(db).await?
            };
            tracing::info!(pruned, "finished tasks pruned");
        }
    }
    Ok(())
}

/// How many replies up a chain are fetched, one after the other, from one reply received.
const MAX_PARENT_DEPTH: u32 = 16;

/// Runs a task of the `ingress` queue.
pub async fn ingress(task: IngressTask, ctx: Data<Arc<JobContext>>) -> Result<(), BoxDynError> {
    match task {
        IngressTask::FetchParent(task) => fetch_parent(task, &ctx).await,
        IngressTask::VerifyLinks(task) => verify_links(task, &ctx).await,
        IngressTask::ReadSoftware(task) => read_software(task, &ctx).await,
    }
}

/// Reads what a server runs from its NodeInfo and keeps it; a server that does not say
/// is asked again the next time a moderator looks.
#[tracing::instrument(skip_all, fields(domain = %task.domain))]
async fn read_software(task: ReadSoftwareTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = nodeinfo::read_software(&ctx.app.db, &ctx.fetcher, &task.domain).await;
    if let Err(error) = &result {
        tracing::debug!(%error, "a server's software was not read");
    }
    metrics_job(Queue::Ingress, started, false);
    Ok(())
}

/// Checks the pages a local account's profile fields link to, and marks verified the
/// fields whose page links back to the account. A page that cannot be read leaves its
/// field unverified, until the profile is saved again.
#[tracing::instrument(skip_all, fields(account = %task.account))]
async fn verify_links(task: VerifyLinksTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let result = rel_me::verify_links(&ctx.app.db, &ctx.fetcher, AccountId(task.account))
        .await
        .map(|verified| tracing::debug!(verified, "profile links checked"))
        .map_err(BoxDynError::from);
    metrics_job(Queue::Ingress, started, result.is_err());
    result
}

/// Fetches the status a remote reply answers and joins the reply to its thread; then the
/// parent's own parent, while the chain goes on and stays short enough.
#[tracing::instrument(skip_all, fields(reply = %task.reply, depth = task.depth))]
async fn fetch_parent(task: FetchParentTask, ctx: &JobContext) -> Result<(), BoxDynError> {
    let started = Instant::now();
    let federation = ctx.federation.data();
    let result = match resolve::parent(&federation, StatusId(task.reply)).await {
        Ok(Some(parent))
            if parent.in_reply_to_id.is_none() && parent.in_reply_to_ap_id.is_some() =>
        {
            if task.depth + 1 < MAX_PARENT_DEPTH {
                let next = FetchParentTask {
                    reply: parent.id.0,
                    depth: task.depth + 1,
                    attempt: 1,
                };
                ctx.queue
                    .fetch_parent(next)
                    .await
                    .map_err(BoxDynError::from)
            } else {
                tracing::debug!("reply chain too long: stopped here");
                Ok(())
            }
        }
        Ok(_) => Ok(()),
        Err(ResolveError::Unreachable(reason)) if !Queue::Ingress.gives_up_after(task.attempt) => {
            let wait = backoff::delay(task.attempt.max(1));
            tracing::debug!(%reason, ?wait, "the parent of a reply will be fetched again");
            let next = FetchParentTask {
                attempt: task.attempt.max(1) + 1,
                ..task
            };
            ctx.queue
                .fetch_parent_later(next, wait)
                .await
                .map_err(BoxDynError::from)
        }
        // Gone, refused, blocked, not a post, or its server silent too long: the reply
        // stays where it is.
        Err(error) => {
            tracing::debug!(%error, "the parent of a reply could not be fetched");
            Ok(())
        }
    };
    metrics_job(Queue::Ingress, started, result.is_err());
    result
}
