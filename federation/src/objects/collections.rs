//! Outbox, followers and following as `OrderedCollection`s with pages; the pinned
//! statuses as the `featured` collection; a note's replies; a thread (its `context`).

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{AccountId, Kind, StatusId};
use rookery_domain::page::{Page, PageRequest};
use rookery_domain::service::{accounts, follows, pins, statuses, timelines};
use rookery_domain::types::{Account, Instance};
use serde_json::Value;
use uuid::Uuid;

use super::{FederationError, FederationResult, note};
use crate::activities::Create;
use crate::protocol::collection::{OrderedCollection, OrderedCollectionPage};
use crate::protocol::context;

const PAGE_SIZE: u64 = 20;

/// Which collection of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Outbox,
    Followers,
    Following,
}

impl Collection {
    fn path(self) -> &'static str {
        match self {
            Self::Outbox => "outbox",
            Self::Followers => "followers",
            Self::Following => "following",
        }
    }
}

/// The collection (`page` None) or one of its pages, starting after `max_id`. An outbox's
/// pages hold what `viewer` (the signer of the fetch, if any) may see.
pub async fn collection(
    db: &DatabaseConnection,
    instance: &Instance,
    username: &str,
    which: Collection,
    viewer: Option<AccountId>,
    page: Option<Option<Uuid>>,
) -> FederationResult<Value> {
    let account = accounts::local_by_username(db, username).await?;
    let id = format!("{}/{}", account.actor_id, which.path());
    let to_value = |value: Result<Value, serde_json::Error>| {
        value.map_err(|e| FederationError::Internal(e.to_string()))
    };
    let Some(max_id) = page else {
        let counts = accounts::counts(db, &[account.id]).await?;
        let counts = counts.get(&account.id).copied().unwrap_or_default();
        let total_items = match which {
            Collection::Outbox => counts.statuses,
            Collection::Followers => counts.followers,
            Collection::Following => counts.following,
        };
        return to_value(serde_json::to_value(OrderedCollection {
            context: context::activity_streams(),
            first: format!("{id}?page=true"),
            id,
            kind: "OrderedCollection".into(),
            total_items,
        }));
    };
    let request = PageRequest {
        limit: PAGE_SIZE,
        backwards: false,
        cursor: max_id,
    };
    let page_id = match max_id {
        Some(max_id) => format!("{id}?page=true&max_id={max_id}"),
        None => format!("{id}?page=true"),
    };
    let (items, next): (Vec<Value>, Option<Uuid>) = match which {
        Collection::Outbox => {
            let page = timelines::account(db, viewer, account.id, &request).await?;
            let next = next_key(&page);
            // Boosts are announced, not notes of the account's own; private and local
            // statuses never leave this server.
            let statuses: Vec<_> = page
                .items
                .into_iter()
                .map(|(_, s)| s)
                .filter(|s| s.reblog_of_id.is_none() && s.visibility.federates())
                .collect();
            let notes = note::notes(db, instance, &account, &statuses).await?;
            let items = notes
                .iter()
                .map(|n| serde_json::to_value(Create::of_note(n)?))
                .collect::<Result<_, _>>()?;
            (items, next)
        }
        Collection::Followers | Collection::Following => {
            let followers = which == Collection::Followers;
            let page = follows::list(db, account.id, followers, &request).await?;
            let next = next_key(&page);
            let ids: Vec<AccountId> = page.items.iter().map(|(_, id)| *id).collect();
            let found: Vec<Account> = accounts::by_ids(db, &ids).await?;
            let items = ids
                .iter()
                .filter_map(|id| found.iter().find(|a| a.id == *id))
                .map(|a| Value::String(a.actor_id.clone()))
                .collect();
            (items, next)
        }
    };
    // A page that embeds notes reads them with their own terms.
    let page_context = match which {
        Collection::Outbox => context::note(),
        Collection::Followers | Collection::Following => context::activity_streams(),
    };
    to_value(serde_json::to_value(OrderedCollectionPage {
        context: page_context,
        id: page_id,
        kind: "OrderedCollectionPage".into(),
        next: next.map(|key| format!("{id}?page=true&max_id={key}")),
        prev: None,
        part_of: id,
        ordered_items: items,
    }))
}

/// The account's pinned statuses that anyone may see, in one `OrderedCollection`, as
/// Mastodon serves its `featured` collection: notes embedded, with the context of notes;
/// polls (`Question`s, which Mastodon skips when embedded) by id.
pub async fn featured(
    db: &DatabaseConnection,
    instance: &Instance,
    username: &str,
) -> FederationResult<Value> {
    let account = accounts::local_by_username(db, username).await?;
    let pinned = pins::of(db, None, account.id).await?;
    let notes = note::notes(db, instance, &account, &pinned).await?;
    let items: Vec<Value> = notes
        .into_iter()
        .map(|n| match n.kind.as_str() {
            "Note" => serde_json::to_value(n),
            _ => Ok(Value::String(n.id)),
        })
        .collect::<Result<_, _>>()?;
    Ok(serde_json::json!({
        "@context": context::note(),
        "id": format!("{}/collections/featured", account.actor_id),
        "type": "OrderedCollection",
        "totalItems": items.len(),
        "orderedItems": items,
    }))
}

/// The replies to the local note `id` of `username` that `viewer` (the signer of the
/// fetch, if any) may see, by id, oldest first: the note's `replies` collection. Not found
/// when the viewer may not see the note itself.
pub async fn replies(
    db: &DatabaseConnection,
    username: &str,
    id: StatusId,
    viewer: Option<AccountId>,
) -> FederationResult<Value> {
    let author = accounts::local_by_username(db, username).await?;
    let thread = statuses::thread(db, viewer, id).await?;
    let status = thread.status;
    if status.account_id != author.id
        || !status.local
        || status.reblog_of_id.is_some()
        || !status.visibility.federates()
    {
        return Err(FederationError::NotFound(Kind::Status));
    }
    let items: Vec<Value> = thread
        .descendants
        .into_iter()
        .filter(|reply| reply.in_reply_to_id == Some(status.id) && reply.visibility.federates())
        .map(|reply| Value::String(reply.ap_id))
        .collect();
    Ok(serde_json::json!({
        "@context": context::activity_streams(),
        "id": note::replies_of(&status),
        "type": "OrderedCollection",
        "totalItems": items.len(),
        "orderedItems": items,
    }))
}

/// The thread `thread` as `viewer` (the signer of the fetch, if any) may see it: the ids
/// of its statuses, oldest first, in the `OrderedCollection` its notes name as their
/// `context` (FEP-7888). Not found when the viewer may see none of it.
pub async fn thread_context(
    db: &DatabaseConnection,
    instance: &Instance,
    thread: StatusId,
    viewer: Option<AccountId>,
) -> FederationResult<Value> {
    let items: Vec<Value> = statuses::in_context(db, viewer, thread)
        .await?
        .into_iter()
        .map(|status| Value::String(status.ap_id))
        .collect();
    if items.is_empty() {
        return Err(FederationError::NotFound(Kind::Status));
    }
    Ok(serde_json::json!({
        "@context": context::activity_streams(),
        "id": note::context_of(instance, thread),
        "type": "OrderedCollection",
        "totalItems": items.len(),
        "orderedItems": items,
    }))
}

fn next_key<T>(page: &Page<T>) -> Option<Uuid> {
    page.has_next
        .then(|| page.items.last().map(|(key, _)| *key))
        .flatten()
}
