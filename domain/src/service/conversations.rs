//! Conversations: the direct statuses of a thread, grouped for each participant, with
//! whether they were read.

use std::collections::HashSet;

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, ConversationId, Kind, StatusId};
use crate::page::{Page, PageRequest};
use crate::store;
use crate::types::{Conversation, Status, Viewer, Visibility};
use crate::{DomainError, DomainResult};

/// Inside the transaction that stores `status`: when it is direct, every local account
/// among its author and `mentioned` (none across a block with the author) finds it in its
/// conversation, unread unless it wrote it.
pub(crate) async fn record(
    db: &impl ConnectionTrait,
    status: &Status,
    mentioned: &[AccountId],
) -> DomainResult<()> {
    record_unread_for(db, status, mentioned, |account| {
        account != status.account_id
    })
    .await
}

/// Inside the transaction that edits `status` to mention `mentioned`: when it is direct,
/// the newly mentioned (`added`) find it in their conversation, unread, and the others
/// see them among its participants (their conversations stay as read as they were).
pub(crate) async fn rementioned(
    db: &impl ConnectionTrait,
    status: &Status,
    mentioned: &[AccountId],
    added: &[AccountId],
) -> DomainResult<()> {
    record_unread_for(db, status, mentioned, |account| added.contains(&account)).await
}

/// [`record`], the conversation left unread for the accounts `unread` holds for.
async fn record_unread_for(
    db: &impl ConnectionTrait,
    status: &Status,
    mentioned: &[AccountId],
    unread: impl Fn(AccountId) -> bool,
) -> DomainResult<()> {
    if status.visibility != Visibility::Direct {
        return Ok(());
    }
    let (blocking, blocked_by) = store::blocks::between(db, status.account_id, mentioned).await?;
    let mut everyone = vec![status.account_id];
    for account in mentioned {
        if !everyone.contains(account)
            && !blocking.contains(account)
            && !blocked_by.contains(account)
        {
            everyone.push(*account);
        }
    }
    for account in store::accounts::by_ids(db, &everyone).await? {
        if !account.is_local() {
            continue;
        }
        let others: Vec<AccountId> = everyone
            .iter()
            .copied()
            .filter(|id| *id != account.id)
            .collect();
        let unread = unread(account.id);
        store::conversations::record(db, account.id, status.thread_id, &others, status.id, unread)
            .await?;
    }
    Ok(())
}

/// Inside the transaction that deletes `status`.
pub(crate) async fn forget(db: &impl ConnectionTrait, status: &Status) -> DomainResult<()> {
    if status.visibility == Visibility::Direct {
        store::conversations::forget_status(db, status.thread_id, status.id).await?;
    }
    Ok(())
}

/// Inside the transaction of a block between `a` and `b`: each loses its conversations
/// the other is in, which would otherwise end in statuses it may no longer see.
pub(crate) async fn forget_between(
    db: &impl ConnectionTrait,
    a: AccountId,
    b: AccountId,
) -> DomainResult<()> {
    for (account, other) in [(a, b), (b, a)] {
        let with: Vec<ConversationId> = store::conversations::all_of(db, account)
            .await?
            .into_iter()
            .filter(|c| c.participants.contains(&other))
            .map(|c| c.id)
            .collect();
        store::conversations::delete(db, &with).await?;
    }
    Ok(())
}

/// Inside the transaction of `account`'s block of `domain`: it loses its conversations
/// with accounts there.
pub(crate) async fn forget_domain(
    db: &impl ConnectionTrait,
    account: AccountId,
    domain: &str,
) -> DomainResult<()> {
    let conversations = store::conversations::all_of(db, account).await?;
    let mut participants: Vec<AccountId> = conversations
        .iter()
        .flat_map(|c| c.participants.iter().copied())
        .collect();
    participants.sort_unstable();
    participants.dedup();
    let there: HashSet<AccountId> = store::accounts::by_ids(db, &participants)
        .await?
        .into_iter()
        .filter(|a| a.domain.as_deref() == Some(domain))
        .map(|a| a.id)
        .collect();
    let with: Vec<ConversationId> = conversations
        .into_iter()
        .filter(|c| c.participants.iter().any(|p| there.contains(p)))
        .map(|c| c.id)
        .collect();
    Ok(store::conversations::delete(db, &with).await?)
}

/// The viewer's conversations, the latest first.
pub async fn page(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> DomainResult<Page<Conversation>> {
    Ok(store::conversations::page_of(db, viewer.account_id, request).await?)
}

/// The viewer's conversation about `thread`, when it has one.
pub async fn of_thread(
    db: &impl ConnectionTrait,
    viewer: AccountId,
    thread: StatusId,
) -> DomainResult<Option<Conversation>> {
    Ok(store::conversations::of_thread(db, viewer, thread).await?)
}

/// One of the viewer's conversations; another's is NOT_FOUND.
pub async fn get(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ConversationId,
) -> DomainResult<Conversation> {
    store::conversations::by_id(db, viewer.account_id, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Conversation))
}

/// How many of the viewer's conversations are unread.
pub async fn unread_count(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<u64> {
    Ok(store::conversations::unread_count(db, viewer.account_id).await?)
}

/// Marks one of the viewer's conversations read.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ConversationId,
) -> DomainResult<Conversation> {
    let conversation = get(db, viewer, id).await?;
    store::conversations::mark_read(db, id).await?;
    Ok(Conversation {
        unread: false,
        ..conversation
    })
}

/// Leaves one of the viewer's conversations: it leaves the list, and what is said there
/// later does not bring it back (statuses that mention the viewer still notify it).
pub async fn leave(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ConversationId,
) -> DomainResult<()> {
    get(db, viewer, id).await?;
    Ok(store::conversations::leave(db, id).await?)
}
