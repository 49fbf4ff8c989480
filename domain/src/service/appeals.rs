//! Appeals: a person contests a strike of theirs once, within 20 days of it; a moderator
//! with MANAGE_APPEALS approves it, which lifts what the strike restricted, or rejects it
//! with a reason. Either way the person is mailed, and the decision is in the audit log.
//!
//! A suspended or disabled account cannot sign in, so it cannot appeal here: its owner
//! answers the mail the strike sent.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::{AppealId, Kind, StrikeId};
use crate::page::{Page, PageRequest};
use crate::service::account_actions::{bounded, undo};
use crate::service::{App, accounts, audit, mail};
use crate::store;
use crate::types::account_actions::APPEAL_WINDOW_DAYS;
use crate::types::{Appeal, AppealState, Permission, Strike, Viewer};
use crate::{DomainError, DomainResult};

/// The longest appeal.
pub const MAX_TEXT_CHARS: usize = 2000;

/// Until when `strike` may be appealed.
pub fn appealable_until(strike: &Strike) -> DateTime<Utc> {
    strike.created_at + chrono::Duration::days(APPEAL_WINDOW_DAYS)
}

/// Appeals one of the viewer's own strikes with `text`: once, within the window.
pub async fn file(
    app: &App,
    viewer: &Viewer,
    strike: StrikeId,
    text: &str,
) -> DomainResult<Strike> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        return Err(DomainError::validation(
            "text",
            format!("1 to {MAX_TEXT_CHARS} characters"),
        ));
    }
    let strike = store::account_strikes::by_id(&app.db, strike)
        .await?
        .filter(|strike| strike.account == viewer.account_id)
        .ok_or(DomainError::NotFound(Kind::Strike))?;
    let now = Utc::now();
    if now > appealable_until(&strike) {
        return Err(DomainError::validation(
            "strikeId",
            format!("a strike may be appealed within {APPEAL_WINDOW_DAYS} days"),
        ));
    }
    let appeal = Appeal {
        id: AppealId::new(),
        strike: strike.id,
        account: strike.account,
        text: text.to_owned(),
        state: AppealState::Pending,
        decided_by: None,
        decided_at: None,
        rejection_reason: String::new(),
        created_at: now,
    };
    let txn = app.write().await?;
    if !store::appeals::insert(&txn, &appeal).await? {
        return Err(DomainError::validation(
            "strikeId",
            "this strike was already appealed",
        ));
    }
    txn.commit().await?;
    Ok(strike)
}

/// The appeals of `strikes` (read by whoever may read those strikes).
pub async fn of_strikes(
    db: &impl ConnectionTrait,
    strikes: &[StrikeId],
) -> DomainResult<Vec<Appeal>> {
    Ok(store::appeals::of_strikes(db, strikes).await?)
}

/// The strike an appeal contests (for those who may read the appeal).
pub async fn strike_of(db: &impl ConnectionTrait, appeal: &Appeal) -> DomainResult<Strike> {
    store::account_strikes::by_id(db, appeal.strike)
        .await?
        .ok_or(DomainError::NotFound(Kind::Strike))
}

/// A page of the appeals in `state`, the newest first (needs MANAGE_APPEALS).
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    state: AppealState,
    request: &PageRequest,
) -> DomainResult<Page<Appeal>> {
    viewer.require(Permission::ManageAppeals)?;
    Ok(store::appeals::page(db, state, request).await?)
}

/// Approves a pending appeal: what its strike restricted is lifted, and its owner mailed.
pub async fn approve(app: &App, viewer: &Viewer, id: AppealId) -> DomainResult<Appeal> {
    decide(app, viewer, id, AppealState::Approved, "").await
}

/// Rejects a pending appeal with `reason`, which its owner is mailed.
pub async fn reject(
    app: &App,
    viewer: &Viewer,
    id: AppealId,
    reason: &str,
) -> DomainResult<Appeal> {
    let reason = bounded("reason", reason)?;
    decide(app, viewer, id, AppealState::Rejected, &reason).await
}

async fn decide(
    app: &App,
    viewer: &Viewer,
    id: AppealId,
    state: AppealState,
    reason: &str,
) -> DomainResult<Appeal> {
    viewer.require(Permission::ManageAppeals)?;
    let appeal = store::appeals::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Appeal))?;
    if appeal.account == viewer.account_id {
        return Err(DomainError::validation(
            "appealId",
            "moderators decide other people's appeals",
        ));
    }
    let strike = strike_of(&app.db, &appeal).await?;
    let target = accounts::get(&app.db, appeal.account).await?;
    let user = store::users::by_account_with_reason(&app.db, target.id)
        .await?
        .map(|(user, _)| user);
    let decided = Appeal {
        state,
        decided_by: Some(viewer.account_id),
        decided_at: Some(Utc::now()),
        rejection_reason: reason.to_owned(),
        ..appeal
    };
    let instance = app.outbox.instance();
    let mail = user.as_ref().map(|user| {
        mail::compose(
            &user.email,
            &format!("Your appeal on {}", instance.domain),
            decision_mail_body(instance, &decided),
        )
    });
    let txn = app.write().await?;
    if !store::appeals::decide(&txn, &decided).await? {
        return Err(DomainError::validation(
            "appealId",
            "this appeal was already decided",
        ));
    }
    if state == AppealState::Approved {
        undo(&txn, app, &target, user.as_ref(), strike.action).await?;
    }
    let mails: Vec<_> = mail.into_iter().collect();
    store::mails::insert_many(&txn, &mails).await?;
    audit::record(
        &txn,
        Some(viewer),
        &format!(
            "appeal.{}",
            if state == AppealState::Approved {
                "approve"
            } else {
                "reject"
            }
        ),
        Some(accounts::audit_target(&target)),
        serde_json::json!({
            "strike": strike.id.0.to_string(),
            "action": strike.action.as_str(),
            "reason": decided.rejection_reason,
        }),
    )
    .await?;
    txn.commit().await?;
    mail::queue(app.outbox.queue().as_ref(), &mails).await;
    Ok(decided)
}

fn decision_mail_body(instance: &crate::types::Instance, appeal: &Appeal) -> String {
    let outcome = match appeal.state {
        AppealState::Approved => "was approved: the moderators' action is undone".to_owned(),
        _ if appeal.rejection_reason.is_empty() => "was rejected".to_owned(),
        _ => format!(
            "was rejected.\n\nThe moderators' reason: {}",
            appeal.rejection_reason
        ),
    };
    format!(
        "Your appeal on {domain} {outcome}\n\nYour account's standing: {link}\n",
        domain = instance.domain,
        link = instance.url("/settings/strikes"),
    )
}
