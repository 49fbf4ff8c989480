//! Moderators acting on accounts: warn, mark sensitive, disable, limit, suspend, and lift
//! each again; each action a strike its owner is told of (and mailed, when local), the
//! reports it resolves, and an entry in the audit log, all in one transaction.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, NotificationId, ReportId, StatusId, StrikeId};
use crate::page::{Page, PageRequest};
use crate::ports::LiveEvent;
use crate::service::{App, accounts, audit, mail, reports, roles, sign_ups};
use crate::store;
use crate::store::admin_accounts::AccountQuery;
use crate::types::{
    Account, AccountAction, ActivityKind, ModeratorNote, NoteSubject, Notification,
    NotificationKind, Permission, Report, Role, Strike, User, Viewer,
};
use crate::{DomainError, DomainResult};

/// The longest reason or internal note.
pub const MAX_REASON_CHARS: usize = 2000;
/// The most statuses a strike names, or reports it resolves.
pub const MAX_ITEMS: usize = 20;
/// The most notes, strikes and reports one account view lists of each.
pub const VIEW_LIMIT: u64 = 40;

/// A moderator's action, as asked.
#[derive(Debug, Clone)]
pub struct ActionInput {
    pub account: AccountId,
    pub action: AccountAction,
    /// Shown to the account's owner.
    pub reason: String,
    pub internal_note: String,
    /// Reports it resolves: they must be about the account.
    pub reports: Vec<ReportId>,
    /// Statuses of the account it concerns.
    pub statuses: Vec<StatusId>,
    /// Mail a local account's owner.
    pub notify: bool,
}

/// An account as moderators see it.
#[derive(Debug, Clone)]
pub struct AdminAccount {
    pub account: Account,
    /// Its login, for local accounts, with what was written at sign-up and its role.
    pub user: Option<(User, Option<String>, Role)>,
}

/// The account `id` as moderators see it (needs MANAGE_USERS or MANAGE_REPORTS).
pub async fn view(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: AccountId,
) -> DomainResult<AdminAccount> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    let account = accounts::get(db, id).await?;
    admin_account(db, account).await
}

async fn admin_account(db: &impl ConnectionTrait, account: Account) -> DomainResult<AdminAccount> {
    let user = match store::users::by_account_with_reason(db, account.id).await? {
        Some((user, reason)) => {
            let role = roles::get(db, user.role).await?;
            Some((user, reason, role))
        }
        None => None,
    };
    Ok(AdminAccount { account, user })
}

/// A page of accounts, the newest first (needs MANAGE_USERS); with `sign_up_range` (an
/// address or a CIDR range), the local ones that signed up from it.
pub async fn search(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    mut query: AccountQuery,
    sign_up_range: Option<&str>,
    request: &PageRequest,
) -> DomainResult<Page<AdminAccount>> {
    viewer.require(Permission::ManageUsers)?;
    if let Some(range) = sign_up_range.filter(|range| !range.trim().is_empty()) {
        query.sign_up_ips = Some(sign_ups::addresses_within(db, range).await?);
    }
    let page = store::admin_accounts::page(db, &query, request).await?;
    let mut items = Vec::with_capacity(page.items.len());
    for (key, account) in page.items {
        items.push((key, admin_account(db, account).await?));
    }
    Ok(Page {
        items,
        has_previous: page.has_previous,
        has_next: page.has_next,
    })
}

/// An account's strikes, newest first: its own, or any for moderators.
pub async fn strikes(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account: AccountId,
) -> DomainResult<Vec<Strike>> {
    if account != viewer.account_id {
        viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    }
    Ok(store::account_strikes::of_account(db, account, VIEW_LIMIT).await?)
}

/// Reports against an account, or (`filed`) by it, newest first, for moderators.
pub async fn reports(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account: AccountId,
    filed: bool,
) -> DomainResult<Vec<Report>> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    Ok(store::reports::of_account(db, account, filed, VIEW_LIMIT).await?)
}

/// The statuses a report or a strike names that still stand, in its order, whoever may see
/// them otherwise: moderators review what was reported, and what a suspension hides.
pub async fn statuses_under_review(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[StatusId],
) -> DomainResult<Vec<crate::types::Status>> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    let found = store::statuses::by_ids(db, ids).await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            found
                .iter()
                .find(|s| s.id == *id && !s.is_deleted())
                .cloned()
        })
        .collect())
}

/// Moderators' notes on an account or a report, oldest first.
pub async fn notes(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    subject: NoteSubject,
) -> DomainResult<Vec<ModeratorNote>> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    Ok(store::moderator_notes::on(db, subject, VIEW_LIMIT * 5).await?)
}

/// Adds a moderator's note on an account or a report.
pub async fn add_note(
    app: &App,
    viewer: &Viewer,
    subject: NoteSubject,
    text: &str,
) -> DomainResult<ModeratorNote> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_REASON_CHARS {
        return Err(DomainError::validation(
            "text",
            format!("1 to {MAX_REASON_CHARS} characters"),
        ));
    }
    let target = match subject {
        NoteSubject::Account(id) => accounts::audit_target(&accounts::get(&app.db, id).await?),
        NoteSubject::Report(id) => {
            store::reports::by_id(&app.db, id)
                .await?
                .ok_or(DomainError::NotFound(crate::ids::Kind::Report))?;
            reports::audit_target(id)
        }
    };
    let note = ModeratorNote {
        id: crate::ids::ModeratorNoteId::new(),
        subject,
        author: viewer.account_id,
        text: text.to_owned(),
        created_at: Utc::now(),
    };
    let action = match subject {
        NoteSubject::Account(_) => "account.note",
        NoteSubject::Report(_) => "report.note",
    };
    let txn = app.write().await?;
    store::moderator_notes::insert(&txn, &note).await?;
    audit::record(
        &txn,
        Some(viewer),
        action,
        Some(target),
        serde_json::json!({ "text": note.text }),
    )
    .await?;
    txn.commit().await?;
    Ok(note)
}

/// Approves a sign-up waiting for approval (needs MANAGE_USERS): its owner may sign in
/// now, and is mailed so.
pub async fn approve(app: &App, viewer: &Viewer, account: AccountId) -> DomainResult<()> {
    viewer.require(Permission::ManageUsers)?;
    let (target, user) = pending(&app.db, account).await?;
    let instance = app.outbox.instance();
    let mail = mail::compose(
        &user.email,
        &format!("Welcome to {}", instance.domain),
        format!(
            "Your sign-up on {domain} was approved. Sign in: {link}\n",
            domain = instance.domain,
            link = instance.url("/sign-in"),
        ),
    );
    let txn = app.write().await?;
    if !store::users::set_approved(&txn, user.id).await? {
        return Err(DomainError::validation(
            "accountId",
            "this sign-up is not waiting",
        ));
    }
    store::mails::insert_many(&txn, std::slice::from_ref(&mail)).await?;
    let detail = serde_json::json!({});
    audit::record(
        &txn,
        Some(viewer),
        "account.approve",
        Some(accounts::audit_target(&target)),
        detail,
    )
    .await?;
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), std::slice::from_ref(&mail)).await;
    Ok(())
}

/// Rejects a sign-up waiting for approval (needs MANAGE_USERS): its account and login go,
/// so that the name and address may sign up again, and its owner is mailed the reason.
pub async fn reject(
    app: &App,
    viewer: &Viewer,
    account: AccountId,
    reason: &str,
) -> DomainResult<()> {
    viewer.require(Permission::ManageUsers)?;
    let reason = bounded("reason", reason)?;
    let (target, user) = pending(&app.db, account).await?;
    let instance = app.outbox.instance();
    let why = if reason.is_empty() {
        String::new()
    } else {
        format!("\n\nThe moderators' reason: {reason}")
    };
    let mail = mail::compose(
        &user.email,
        &format!("Your sign-up on {}", instance.domain),
        format!(
            "Your sign-up on {domain} was not approved.{why}\n",
            domain = instance.domain
        ),
    );
    let txn = app.write().await?;
    if !store::users::delete_unapproved(&txn, user.id).await? {
        return Err(DomainError::validation(
            "accountId",
            "this sign-up is not waiting",
        ));
    }
    store::accounts::delete_local(&txn, target.id).await?;
    store::mails::insert_many(&txn, std::slice::from_ref(&mail)).await?;
    let detail = serde_json::json!({ "reason": reason, "email": user.email });
    audit::record(
        &txn,
        Some(viewer),
        "account.reject",
        Some(accounts::audit_target(&target)),
        detail,
    )
    .await?;
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), std::slice::from_ref(&mail)).await;
    Ok(())
}

/// A local account whose sign-up waits for approval, with its login.
async fn pending(db: &impl ConnectionTrait, id: AccountId) -> DomainResult<(Account, User)> {
    let account = accounts::get(db, id).await?;
    match store::users::by_account_with_reason(db, id).await? {
        Some((user, _)) if !user.approved => Ok((account, user)),
        _ => Err(DomainError::validation(
            "accountId",
            "this sign-up is not waiting",
        )),
    }
}

/// Takes `input.action` on an account: needs MANAGE_USERS, or MANAGE_REPORTS when it
/// resolves reports. Nobody acts on themselves, on the instance's own actor, or on a
/// person whose role is at or above their own.
#[tracing::instrument(skip_all, fields(account = %input.account, action = input.action.as_str()))]
pub async fn take(app: &App, viewer: &Viewer, input: ActionInput) -> DomainResult<Strike> {
    if input.reports.is_empty() {
        viewer.require(Permission::ManageUsers)?;
    } else {
        viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    }
    let reason = bounded("reason", &input.reason)?;
    let internal_note = bounded("internalNote", &input.internal_note)?;
    let (target, user) = actionable(&app.db, viewer, input.account).await?;
    if input.action == AccountAction::Disable && user.is_none() {
        return Err(DomainError::validation(
            "action",
            "only accounts of this instance can be disabled",
        ));
    }
    let mut statuses = input.statuses;
    statuses.sort();
    statuses.dedup();
    let mut report_ids = input.reports;
    report_ids.sort();
    report_ids.dedup();
    if statuses.len() > MAX_ITEMS || report_ids.len() > MAX_ITEMS {
        return Err(DomainError::validation(
            "statusIds",
            format!("at most {MAX_ITEMS} statuses and {MAX_ITEMS} reports"),
        ));
    }
    let theirs = store::statuses::by_ids(&app.db, &statuses)
        .await?
        .iter()
        .filter(|s| s.account_id == target.id)
        .count();
    if theirs != statuses.len() {
        return Err(DomainError::validation(
            "statusIds",
            "every status must be the account's",
        ));
    }
    let reports = store::reports::by_ids_against(&app.db, &report_ids, target.id).await?;
    if reports.len() != report_ids.len() {
        return Err(DomainError::validation(
            "reportIds",
            "every report must be about the account",
        ));
    }
    let now = Utc::now();
    let strike = Strike {
        id: StrikeId::new(),
        account: target.id,
        moderator: Some(viewer.account_id),
        action: input.action,
        reason,
        internal_note,
        statuses,
        reports: report_ids,
        created_at: now,
    };
    let instance = app.outbox.instance();
    let txn = app.write().await?;
    store::account_strikes::insert(&txn, &strike).await?;
    match input.action {
        AccountAction::Warn => {}
        AccountAction::Disable => {
            if let Some((user, _)) = &user {
                store::users::set_disabled(&txn, user.id, true).await?;
                store::access_tokens::delete_for_user(&txn, user.id).await?;
            }
        }
        AccountAction::Sensitive | AccountAction::Limit => {
            store::accounts::set_restriction(&txn, target.id, input.action, Some(now)).await?;
        }
        AccountAction::Suspend => {
            if store::accounts::set_restriction(&txn, target.id, input.action, Some(now)).await? {
                suspend(&txn, &target, user.as_ref().map(|(u, _)| u)).await?;
            }
        }
    }
    let mut notified = Vec::new();
    for report in &reports {
        store::reports::set_resolved(
            &txn,
            report.id,
            Some((now, viewer.account_id, Some(input.action))),
        )
        .await?;
        notified.extend(reports::tell_reporter(&txn, report).await?);
    }
    let mut mails = Vec::new();
    if let Some((user, _)) = &user {
        let warning = Notification {
            id: NotificationId::new(),
            recipient: target.id,
            kind: NotificationKind::ModerationWarning,
            from: None,
            status: None,
            report: None,
            read_at: None,
            created_at: now,
        };
        store::notifications::insert_many(&txn, std::slice::from_ref(&warning)).await?;
        notified.push(warning.id);
        if input.notify {
            mails.push(mail::compose(
                &user.email,
                &format!("A moderator of {} acted on your account", instance.domain),
                strike_mail_body(instance, &strike),
            ));
            store::mails::insert_many(&txn, &mails).await?;
        }
    }
    if input.action == AccountAction::Suspend && target.is_local() {
        let activity = app.outbox.activity(target.id, ActivityKind::DeleteActor);
        txn.record(&activity).await?;
    }
    audit::record(
        &txn,
        Some(viewer),
        &format!("account.{}", input.action.as_str()),
        Some(accounts::audit_target(&target)),
        serde_json::json!({
            "reason": strike.reason,
            "internalNote": strike.internal_note,
            "reports": strike.reports.iter().map(|r| r.0.to_string()).collect::<Vec<_>>(),
            "statuses": strike.statuses.iter().map(|s| s.0.to_string()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    txn.tell(LiveEvent::notified(notified));
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), &mails).await;
    Ok(strike)
}

/// Lifts the restriction `action` left (unsuspend, enable, unlimit, unmark sensitive). An
/// unsuspension restores everything kept; a local account's servers hear of it again by
/// an `Update` of its actor.
pub async fn lift(
    app: &App,
    viewer: &Viewer,
    account: AccountId,
    action: AccountAction,
) -> DomainResult<Account> {
    viewer.require(Permission::ManageUsers)?;
    if action == AccountAction::Warn {
        return Err(DomainError::validation(
            "action",
            "a warning restricts nothing",
        ));
    }
    let (target, user) = actionable(&app.db, viewer, account).await?;
    let txn = app.write().await?;
    if undo(&txn, app, &target, user.as_ref().map(|(u, _)| u), action).await? {
        audit::record(
            &txn,
            Some(viewer),
            &format!("account.un{}", action.as_str()),
            Some(accounts::audit_target(&target)),
            serde_json::json!({}),
        )
        .await?;
    }
    txn.commit().await?;
    accounts::get(&app.db, account).await
}

/// Lifts what `action` restricts of `target` in `txn`; whether anything changed. A warning
/// restricts nothing.
pub(crate) async fn undo(
    txn: &crate::service::outbox::Write<'_>,
    app: &App,
    target: &Account,
    user: Option<&User>,
    action: AccountAction,
) -> DomainResult<bool> {
    let changed = match action {
        AccountAction::Warn => false,
        AccountAction::Disable => match user {
            Some(user) => store::users::set_disabled(txn, user.id, false).await?,
            None => false,
        },
        AccountAction::Sensitive | AccountAction::Limit | AccountAction::Suspend => {
            store::accounts::set_restriction(txn, target.id, action, None).await?
        }
    };
    if changed && action == AccountAction::Suspend {
        store::severed_follows::restore_of_account(txn, target.id).await?;
        if target.is_local() {
            let activity = app.outbox.activity(target.id, ActivityKind::UpdateActor);
            txn.record(&activity).await?;
        }
    }
    Ok(changed)
}

/// The account `id` and its login, when the viewer may act on it.
async fn actionable(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: AccountId,
) -> DomainResult<(Account, Option<(User, Option<String>)>)> {
    let target = accounts::get(db, id).await?;
    if target.id == viewer.account_id || target.is_instance_actor() {
        return Err(DomainError::validation(
            "accountId",
            "moderators act on other people's accounts",
        ));
    }
    let user = store::users::by_account_with_reason(db, id).await?;
    if let Some((user, _)) = &user
        && roles::rank(db, user.role).await?.position >= viewer.role.position
    {
        return Err(DomainError::Forbidden);
    }
    Ok((target, user))
}

/// What a suspension does at once besides hiding: a local account's sessions end; a remote
/// account's follows end both ways (its server is not told), kept so that an
/// unsuspension gives them back; its follow requests are dropped.
async fn suspend(
    db: &impl ConnectionTrait,
    target: &Account,
    user: Option<&User>,
) -> DomainResult<()> {
    match user {
        Some(user) => {
            store::access_tokens::delete_for_user(db, user.id).await?;
        }
        None => {
            store::severed_follows::sever_of_account(db, target.id, Utc::now()).await?;
            store::follow_requests::delete_all_of(db, target.id).await?;
        }
    }
    Ok(())
}

/// Erases the content of accounts suspended for longer than they are kept (run daily by
/// maintenance); returns how many statuses went. An account already erased costs one
/// cheap pass and leaves no entry in the audit log.
pub async fn purge_expired(app: &App) -> DomainResult<u64> {
    let before =
        Utc::now() - chrono::Duration::days(crate::types::account_actions::SUSPENSION_KEPT_DAYS);
    let due = store::accounts::suspended_before(&app.db, before, 1000).await?;
    let mut purged = 0;
    for account in due {
        let txn = app.write().await?;
        let removed = accounts::erase_content(&txn, account).await?;
        if removed > 0 {
            let target = accounts::audit_target(&accounts::get(&txn, account).await?);
            let detail = serde_json::json!({ "statuses": removed });
            audit::record(&txn, None, "account.purge", Some(target), detail).await?;
        }
        txn.commit().await?;
        purged += removed;
    }
    Ok(purged)
}

pub(crate) fn bounded(field: &'static str, text: &str) -> DomainResult<String> {
    let text = text.trim();
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(DomainError::validation(
            field,
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(text.to_owned())
}

fn strike_mail_body(instance: &crate::types::Instance, strike: &Strike) -> String {
    let what = match strike.action {
        AccountAction::Warn => "sent you a warning",
        AccountAction::Sensitive => "marked your media as sensitive",
        AccountAction::Disable => "disabled your login",
        AccountAction::Limit => "limited your account: your posts reach only your followers",
        AccountAction::Suspend => "suspended your account",
    };
    let reason = if strike.reason.is_empty() {
        String::new()
    } else {
        format!("\n\nTheir reason: {}", strike.reason)
    };
    format!(
        "A moderator of {domain} {what}.{reason}\n\nYour account's standing: {link}\n",
        domain = instance.domain,
        link = instance.url("/settings/strikes"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_bounded() {
        assert!(bounded("reason", &"x".repeat(MAX_REASON_CHARS)).is_ok());
        assert!(bounded("reason", &"x".repeat(MAX_REASON_CHARS + 1)).is_err());
        assert_eq!(bounded("reason", "  spam  ").unwrap(), "spam");
    }
}
