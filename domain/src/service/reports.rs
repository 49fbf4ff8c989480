//! Reports: people (here or on other servers, by `Flag`) tell moderators about an account;
//! the moderation job tells every moderator and forwards the report when asked.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, NotificationId, ReportId, RuleId, StatusId};
use crate::page::MAX_PAGE_SIZE;
use crate::ports::LiveEvent;
use crate::service::App;
use crate::service::outbox::Outbox;
use crate::service::{accounts, audit, mail, roles, rules, visibility, webhooks};
use crate::store;
use crate::types::{
    ActivityKind, AuditTarget, Instance, Notification, NotificationKind, Permission, Report,
    ReportCategory, Viewer,
};
use crate::{DomainError, DomainResult};

/// The longest comment a report may carry (Mastodon's limit too).
pub const MAX_COMMENT_CHARS: usize = 1000;
/// The most statuses one report may name.
pub const MAX_STATUSES: usize = 20;

/// What a person reports.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub target: AccountId,
    pub statuses: Vec<StatusId>,
    pub comment: String,
    pub category: ReportCategory,
    /// The instance's rules broken, for a report of a violation.
    pub rules: Vec<RuleId>,
    /// Tell the target's server too (only for accounts on other servers).
    pub forward: bool,
}

/// Files the viewer's report. Statuses must be the target's and visible to the viewer.
#[tracing::instrument(skip_all, fields(reporter = %viewer.account_id, target = %input.target))]
pub async fn file(app: &App, viewer: &Viewer, input: NewReport) -> DomainResult<Report> {
    if input.target == viewer.account_id {
        return Err(DomainError::validation(
            "accountId",
            "you cannot report yourself",
        ));
    }
    let comment = input.comment.trim().to_owned();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(DomainError::validation(
            "comment",
            format!("at most {MAX_COMMENT_CHARS} characters"),
        ));
    }
    let mut statuses = input.statuses;
    statuses.sort();
    statuses.dedup();
    if statuses.len() > MAX_STATUSES {
        return Err(DomainError::validation(
            "statusIds",
            format!("at most {MAX_STATUSES} statuses"),
        ));
    }
    let rules = rules::cited(
        &app.db,
        input.category == ReportCategory::Violation,
        input.rules,
    )
    .await?;
    let target = accounts::get(&app.db, input.target).await?;
    let found = store::statuses::by_ids(&app.db, &statuses).await?;
    let visible = visibility::retain_visible(&app.db, Some(viewer.account_id), found).await?;
    let theirs = visible
        .iter()
        .filter(|s| s.account_id == target.id && !s.is_deleted())
        .count();
    if theirs != statuses.len() {
        return Err(DomainError::validation(
            "statusIds",
            "every status must be one of the reported account's that you can see",
        ));
    }
    let report = Report {
        id: ReportId::new(),
        ap_id: None,
        reporter: viewer.account_id,
        target: target.id,
        statuses,
        comment,
        category: input.category,
        rules,
        forward: input.forward && !target.is_local(),
        created_at: Utc::now(),
        notified_at: None,
        forwarded_at: None,
        resolved_at: None,
        assigned_to: None,
        action_taken: None,
        resolved_by: None,
    };
    let txn = app.write().await?;
    store::reports::insert(&txn, &report).await?;
    txn.queue_webhooks(webhooks::record_report_created(&txn, &report).await?);
    txn.commit().await?;
    queue_moderation(&app.outbox, vec![report.id]).await;
    Ok(report)
}

/// Files the reports of a remote `Flag` naming `objects` (actor and status ids): one per
/// local account named, or authoring a local status named, with those statuses. Returns
/// them (none when it names nothing of ours).
pub async fn flag_received(
    app: &App,
    reporter: AccountId,
    flag_id: &str,
    objects: &[String],
    comment: &str,
) -> DomainResult<Vec<Report>> {
    // A server whose reports are refused is not heard.
    let from = accounts::get(&app.db, reporter).await?;
    if let Some(domain) = &from.domain
        && crate::service::domain_blocks::rejects_reports(&app.db, domain).await?
    {
        tracing::info!(%domain, "report dropped: its server's reports are refused");
        return Ok(Vec::new());
    }
    let objects = &objects[..objects.len().min(MAX_STATUSES + 1)];
    let mut statuses = Vec::new();
    for id in objects {
        if let Some(status) = store::statuses::by_ap_id(&app.db, id).await? {
            statuses.push(status);
        }
    }
    let mut target_ids: Vec<AccountId> = store::accounts::by_actor_ids(&app.db, objects)
        .await?
        .into_iter()
        .map(|account| account.id)
        .chain(statuses.iter().map(|s| s.account_id))
        .collect();
    target_ids.sort();
    target_ids.dedup();
    let targets: Vec<_> = accounts::by_ids(&app.db, &target_ids)
        .await?
        .into_iter()
        .filter(|account| account.is_local() && !account.is_instance_actor())
        .collect();
    let comment: String = comment.trim().chars().take(MAX_COMMENT_CHARS).collect();
    let mut reports = Vec::new();
    let txn = app.write().await?;
    for (n, target) in targets.iter().enumerate() {
        if store::reports::by_ap_id(&txn, &flag_ap_id(flag_id, n))
            .await?
            .is_some()
        {
            continue;
        }
        let report = Report {
            id: ReportId::new(),
            ap_id: Some(flag_ap_id(flag_id, n)),
            reporter,
            target: target.id,
            statuses: statuses
                .iter()
                .filter(|s| s.account_id == target.id && s.local)
                .map(|s| s.id)
                .take(MAX_STATUSES)
                .collect(),
            comment: comment.clone(),
            category: ReportCategory::Other,
            rules: Vec::new(),
            forward: false,
            created_at: Utc::now(),
            notified_at: None,
            forwarded_at: None,
            resolved_at: None,
            assigned_to: None,
            action_taken: None,
            resolved_by: None,
        };
        store::reports::insert(&txn, &report).await?;
        txn.queue_webhooks(webhooks::record_report_created(&txn, &report).await?);
        reports.push(report);
    }
    txn.commit().await?;
    queue_moderation(&app.outbox, reports.iter().map(|r| r.id).collect()).await;
    Ok(reports)
}

/// The first report of a Flag keeps its id; later ones (a Flag naming several of our
/// accounts) add their position.
fn flag_ap_id(flag_id: &str, n: usize) -> String {
    if n == 0 {
        flag_id.to_owned()
    } else {
        format!("{flag_id}#{n}")
    }
}

async fn queue_moderation(outbox: &Outbox, reports: Vec<ReportId>) {
    if reports.is_empty() {
        return;
    }
    if let Err(error) = outbox.queue().moderate(reports).await {
        tracing::warn!(%error, "reports filed but not queued; the maintenance sweep will");
    }
}

/// The moderation job: tells every moderator of the report (a notification and a mail),
/// then forwards it as a `Flag` from the instance actor when the reporter asked. Running
/// it twice does neither twice.
#[tracing::instrument(skip_all, fields(report = %id))]
pub async fn moderate(app: &App, id: ReportId) -> DomainResult<()> {
    let Some(report) = store::reports::by_id(&app.db, id).await? else {
        return Ok(());
    };
    let instance = app.outbox.instance();
    let mut mails = Vec::new();
    let mut notified = Vec::new();
    if report.notified_at.is_none() {
        let target = accounts::get(&app.db, report.target).await?;
        let reporter = accounts::get(&app.db, report.reporter).await?;
        let txn = app.write().await?;
        if store::reports::set_notified(&txn, id, Utc::now()).await? {
            let moderators = roles::holders(&txn, Permission::ManageReports).await?;
            let notifications: Vec<_> = moderators
                .iter()
                .map(|user| Notification {
                    id: NotificationId::new(),
                    recipient: user.account_id,
                    kind: NotificationKind::AdminReport,
                    from: Some(report.reporter),
                    status: None,
                    report: Some(id),
                    read_at: None,
                    created_at: Utc::now(),
                })
                .collect();
            store::notifications::insert_many(&txn, &notifications).await?;
            notified = notifications.iter().map(|n| n.id).collect();
            let subject = format!("New report: @{}", target.acct());
            mails = moderators
                .iter()
                .map(|user| {
                    mail::compose(
                        &user.email,
                        &subject,
                        report_mail_body(instance, &report, &reporter.acct(), &target.acct()),
                    )
                })
                .collect();
            store::mails::insert_many(&txn, &mails).await?;
        }
        txn.tell(LiveEvent::notified(notified));
        txn.commit().await?;
    }
    mail::queue(app.outbox.queue().as_ref(), &mails).await;
    if report.forward && report.forwarded_at.is_none() {
        forward(app, &report).await?;
    }
    Ok(())
}

/// Records the `Flag` that tells the target's server, from the instance actor.
async fn forward(app: &App, report: &Report) -> DomainResult<()> {
    let target = accounts::get(&app.db, report.target).await?;
    if target.is_local() {
        return Ok(());
    }
    let actor = accounts::instance_actor(&app.db, app.outbox.instance()).await?;
    let activity = crate::types::OutboxActivity {
        report: Some(report.id),
        ..app
            .outbox
            .to_account(actor.id, ActivityKind::Flag, target.id, None)
    };
    let txn = app.write().await?;
    txn.record(&activity).await?;
    store::reports::set_forwarded(&txn, report.id, Utc::now()).await?;
    txn.commit().await?;
    Ok(())
}

fn report_mail_body(instance: &Instance, report: &Report, reporter: &str, target: &str) -> String {
    let comment = if report.comment.is_empty() {
        "(no comment)"
    } else {
        &report.comment
    };
    format!(
        "@{reporter} reported @{target} on {domain} ({category}, {count} statuses).\n\n\
         {comment}\n\n\
         Review it: {link}\n",
        domain = instance.domain,
        category = report.category.as_str(),
        count = report.statuses.len(),
        link = instance.url(&format!("/admin/reports/{}", report.id)),
    )
}

/// A report as its forwarded `Flag` tells it; no viewer: publishing is not a read.
pub async fn for_forwarding(
    db: &impl ConnectionTrait,
    id: ReportId,
) -> DomainResult<Option<Report>> {
    Ok(store::reports::by_id(db, id).await?)
}

/// A report, for moderators only.
pub async fn get(db: &impl ConnectionTrait, viewer: &Viewer, id: ReportId) -> DomainResult<Report> {
    require_moderator(viewer)?;
    store::reports::by_id(db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Report))
}

/// The newest reports, open or resolved, for moderators only.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    resolved: bool,
) -> DomainResult<Vec<Report>> {
    require_moderator(viewer)?;
    Ok(store::reports::recent(db, resolved, MAX_PAGE_SIZE).await?)
}

/// Resolves a report without acting on the account (dismisses it), telling a local
/// reporter; or, `resolved` false, opens it again.
pub async fn resolve(
    app: &App,
    viewer: &Viewer,
    id: ReportId,
    resolved: bool,
) -> DomainResult<Report> {
    let report = get(&app.db, viewer, id).await?;
    if report.resolved_at.is_some() == resolved {
        return Ok(report);
    }
    let txn = app.write().await?;
    let mut notified = Vec::new();
    if resolved {
        notified.extend(resolved_without_action(&txn, viewer, &report).await?);
    } else {
        store::reports::set_resolved(&txn, id, None).await?;
    }
    let action = if resolved {
        "report.dismiss"
    } else {
        "report.reopen"
    };
    audit::record(
        &txn,
        Some(viewer),
        action,
        Some(audit_target(id)),
        serde_json::json!({}),
    )
    .await?;
    txn.tell(LiveEvent::notified(notified));
    txn.commit().await?;
    get(&app.db, viewer, id).await
}

/// Assigns a report to the viewer, or (`to_self` false) to nobody.
pub async fn assign(
    app: &App,
    viewer: &Viewer,
    id: ReportId,
    to_self: bool,
) -> DomainResult<Report> {
    get(&app.db, viewer, id).await?;
    let txn = app.write().await?;
    store::reports::set_assigned(&txn, id, to_self.then_some(viewer.account_id)).await?;
    let action = if to_self {
        "report.assign"
    } else {
        "report.unassign"
    };
    audit::record(
        &txn,
        Some(viewer),
        action,
        Some(audit_target(id)),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    get(&app.db, viewer, id).await
}

/// Tells a local reporter that its report was acted on, without saying how.
pub(crate) async fn tell_reporter(
    db: &impl ConnectionTrait,
    report: &Report,
) -> DomainResult<Option<NotificationId>> {
    if report.resolved_at.is_some() {
        return Ok(None);
    }
    let reporter = accounts::get(db, report.reporter).await?;
    if !reporter.is_local() {
        return Ok(None);
    }
    let notification = Notification {
        id: NotificationId::new(),
        recipient: reporter.id,
        kind: NotificationKind::ReportResolved,
        from: Some(report.target),
        status: None,
        report: None,
        read_at: None,
        created_at: Utc::now(),
    };
    store::notifications::insert_many(db, std::slice::from_ref(&notification)).await?;
    Ok(Some(notification.id))
}

/// Resolves a report without an action (dismissed), telling its reporter.
async fn resolved_without_action(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    report: &Report,
) -> DomainResult<Option<NotificationId>> {
    store::reports::set_resolved(db, report.id, Some((Utc::now(), viewer.account_id, None)))
        .await?;
    tell_reporter(db, report).await
}

/// How the audit log names a report.
pub fn audit_target(id: ReportId) -> AuditTarget {
    let short: String =
        id.0.simple()
            .to_string()
            .chars()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
    AuditTarget {
        kind: "Report",
        id: id.0,
        name: format!("report …{short}"),
    }
}

/// Queues moderation again for reports filed more than `older_than` ago whose moderators
/// were never told (the queue was down); returns how many.
pub async fn requeue_unnotified(app: &App, older_than: std::time::Duration) -> DomainResult<usize> {
    let before =
        Utc::now() - chrono::Duration::from_std(older_than).unwrap_or(chrono::Duration::MAX);
    let ids = store::reports::unnotified(&app.db, before, 1000).await?;
    let count = ids.len();
    if count > 0 {
        app.outbox
            .queue()
            .moderate(ids)
            .await
            .map_err(|e| DomainError::Internal(e.to_string()))?;
    }
    Ok(count)
}

fn require_moderator(viewer: &Viewer) -> DomainResult<()> {
    viewer.require(Permission::ManageReports)
}
