//! Interaction policies: who may quote, reply to or boost a status, decided once here.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, StatusId};
use crate::store;
use crate::types::{Audience, InteractionPolicy, PolicySubject, Standing, Status, Visibility};
use crate::{DomainError, DomainResult};

/// Something done with a status that its policy rules on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interaction {
    Quote,
    Reply,
    Boost,
}

/// What an author chooses for a new status, or changes in an edit; what is left out is
/// open (on a new status) or stays as it was (in an edit).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PolicyChoice {
    pub quote: Option<Audience>,
    pub reply: Option<Audience>,
    pub boost: Option<Audience>,
}

impl PolicyChoice {
    pub fn is_empty(&self) -> bool {
        self.quote.is_none() && self.reply.is_none() && self.boost.is_none()
    }

    /// `base` with the choices made, as stored for a status of `visibility`: only public
    /// and unlisted statuses are quoted or boosted, whatever was chosen.
    pub(crate) fn applied_to(
        self,
        base: InteractionPolicy,
        visibility: Visibility,
    ) -> InteractionPolicy {
        InteractionPolicy::in_force(
            Some(InteractionPolicy {
                can_quote: self.quote.unwrap_or(base.can_quote),
                can_reply: self.reply.unwrap_or(base.can_reply),
                can_boost: self.boost.unwrap_or(base.can_boost),
            }),
            visibility,
            true,
        )
    }
}

/// The policy in force for `status`.
pub async fn of(db: &impl ConnectionTrait, status: &Status) -> DomainResult<InteractionPolicy> {
    let stored = store::interaction_policies::by_status(db, status.id).await?;
    Ok(InteractionPolicy::in_force(
        stored,
        status.visibility,
        status.local,
    ))
}

/// The policies in force for `statuses`, in one query.
pub async fn of_statuses(
    db: &impl ConnectionTrait,
    statuses: &[Status],
) -> DomainResult<HashMap<StatusId, InteractionPolicy>> {
    let ids: Vec<StatusId> = statuses.iter().map(|s| s.id).collect();
    let mut stored = store::interaction_policies::by_statuses(db, &ids).await?;
    Ok(statuses
        .iter()
        .map(|s| {
            let policy = InteractionPolicy::in_force(stored.remove(&s.id), s.visibility, s.local);
            (s.id, policy)
        })
        .collect())
}

/// Where `account` stands with `status`'s author: whether it follows it, is it, or is
/// mentioned by the status (asked only when `interaction` needs it).
async fn standing(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: &Status,
    policy: &InteractionPolicy,
    interaction: Interaction,
) -> DomainResult<Standing> {
    let is_author = account == status.account_id;
    let audience = match interaction {
        Interaction::Quote => policy.can_quote,
        Interaction::Reply => policy.can_reply,
        Interaction::Boost => policy.can_boost,
    };
    let follows_author = !is_author
        && audience == Audience::Followers
        && store::follows::followed_among(db, account, &[status.account_id])
            .await?
            .contains(&status.account_id);
    let mentioned = interaction == Interaction::Reply
        && !is_author
        && store::mentions::mentioning(db, account, &[status.id])
            .await?
            .contains(&status.id);
    Ok(Standing {
        is_author,
        follows_author,
        mentioned,
    })
}

/// Whether `status`'s policy lets `account` do `interaction` (the caller made sure the
/// account may see it).
pub async fn allows(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: &Status,
    interaction: Interaction,
) -> DomainResult<bool> {
    let shared = InteractionPolicy::shared(status.visibility);
    if interaction != Interaction::Reply && !shared {
        return Ok(false);
    }
    let policy = of(db, status).await?;
    let standing = standing(db, account, status, &policy, interaction).await?;
    Ok(match interaction {
        Interaction::Quote => policy.may_quote(standing),
        Interaction::Reply => policy.may_reply(standing),
        Interaction::Boost => policy.may_boost(standing),
    })
}

/// Refuses (`FORBIDDEN`) what `status`'s policy does not let `account` do.
pub async fn check(
    db: &impl ConnectionTrait,
    account: AccountId,
    status: &Status,
    interaction: Interaction,
) -> DomainResult<()> {
    if allows(db, account, status, interaction).await? {
        Ok(())
    } else {
        Err(DomainError::Forbidden)
    }
}

/// A status's policy, and what one reader may do under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub policy: InteractionPolicy,
    pub quote: bool,
    pub reply: bool,
    pub boost: bool,
}

/// The policies of `subjects` and what `viewer` (which may see them) may do with each, in
/// at most three queries whatever their number; anonymous readers may do nothing.
pub async fn permissions(
    db: &impl ConnectionTrait,
    viewer: Option<AccountId>,
    subjects: &[PolicySubject],
) -> DomainResult<HashMap<StatusId, Permissions>> {
    let ids: Vec<StatusId> = subjects.iter().map(|s| s.id).collect();
    let mut stored = store::interaction_policies::by_statuses(db, &ids).await?;
    let (followed, mentioned) = match viewer {
        Some(viewer) if !subjects.is_empty() => {
            let authors: Vec<AccountId> = subjects.iter().map(|s| s.author).collect();
            (
                store::follows::followed_among(db, viewer, &authors).await?,
                store::mentions::mentioning(db, viewer, &ids).await?,
            )
        }
        _ => Default::default(),
    };
    Ok(subjects
        .iter()
        .map(|subject| {
            let policy = InteractionPolicy::in_force(
                stored.remove(&subject.id),
                subject.visibility,
                subject.local,
            );
            let standing = Standing {
                is_author: viewer == Some(subject.author),
                follows_author: followed.contains(&subject.author),
                mentioned: mentioned.contains(&subject.id),
            };
            let signed_in = viewer.is_some();
            let shared = signed_in && InteractionPolicy::shared(subject.visibility);
            let permissions = Permissions {
                policy,
                quote: shared && policy.may_quote(standing),
                reply: signed_in && policy.may_reply(standing),
                boost: shared && policy.may_boost(standing),
            };
            (subject.id, permissions)
        })
        .collect())
}
