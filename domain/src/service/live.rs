//! Live events: the bus inside one process, and which listening viewers a status reaches.
//!
//! A status event is routed by the rules of the timelines it would appear on
//! (`store::timelines::timeline_page` in SQL, here in memory for every listener at once:
//! home timelines by [`belongs_on_home`], the twin of their SQL), and always by
//! [`visibility::may_view`]. The integration tests check that both agree.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;
use tokio::sync::broadcast;

use crate::DomainResult;
use crate::ids::{AccountId, NotificationId, StatusId};
use crate::ports::{EventBus, LiveEvent, PortFuture};
use crate::service::filters::{self, ActiveFilters};
use crate::service::visibility::{self, Ties};
use crate::store;
use crate::store::timelines::{HomeTies, belongs_on_home, reaches_tag_followers};
use crate::types::{FilterContext, Notification, Status, Visibility};

/// Events a process keeps for its slowest reader before that reader lags.
const BUS_CAPACITY: usize = 16_384;

/// The bus of one process alone: what is published here is heard here.
#[derive(Debug, Clone)]
pub struct LocalBus {
    sender: broadcast::Sender<LiveEvent>,
}

impl Default for LocalBus {
    fn default() -> Self {
        Self {
            sender: broadcast::Sender::new(BUS_CAPACITY),
        }
    }
}

impl LocalBus {
    /// Hands events to this process's readers (used by buses that receive them from
    /// elsewhere too).
    pub fn deliver(&self, events: impl IntoIterator<Item = LiveEvent>) {
        for event in events {
            // No reader is no error: nobody listens.
            let _ = self.sender.send(event);
        }
    }
}

impl EventBus for LocalBus {
    fn publish(&self, events: Vec<LiveEvent>) -> PortFuture<'_, ()> {
        self.deliver(events);
        Box::pin(async {})
    }

    fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }
}

/// What a status event is: new, edited or deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    Created,
    Edited,
    Deleted,
}

/// A status event with what deciding its listeners takes, read once for all of them.
#[derive(Debug, Clone)]
pub struct StatusReach {
    pub change: StatusChange,
    pub status: Status,
    /// The status a boost carries.
    pub boosted: Option<Status>,
    /// Its hashtags, lowercased (none once deleted: tags are detached then).
    tags: Vec<String>,
    /// Whose home timeline it belongs on, before visibility and silencing.
    home: HashSet<AccountId>,
    /// The author's followers and the mentioned, for followers-only and direct statuses.
    followers: HashSet<AccountId>,
    mentioned: HashSet<AccountId>,
    /// On either side of a block with the author (or the boosted author).
    blocked: HashSet<AccountId>,
    /// Muting the author (or the boosted author), or blocking their server.
    silencing: HashSet<AccountId>,
}

impl StatusReach {
    /// Reads what routing `id` takes; None when the status is unknown.
    pub async fn load(
        db: &impl ConnectionTrait,
        change: StatusChange,
        id: StatusId,
    ) -> DomainResult<Option<Self>> {
        let Some(status) = store::statuses::by_id(db, id).await? else {
            return Ok(None);
        };
        let boosted = match status.reblog_of_id {
            Some(original) => store::statuses::by_id(db, original).await?,
            None => None,
        };
        let mut authors = vec![status.account_id];
        authors.extend(boosted.as_ref().map(|b| b.account_id));
        let mut blocked = HashSet::new();
        let mut silencing = HashSet::new();
        for author in store::accounts::by_ids(db, &authors).await? {
            blocked.extend(store::blocks::either_side_of(db, author.id).await?);
            silencing.extend(store::mutes::muters_of(db, author.id).await?);
            if let Some(domain) = &author.domain {
                silencing.extend(store::account_domain_blocks::blockers_of(db, domain).await?);
            }
        }
        let followers: HashSet<AccountId> = store::follows::local_followers(db, status.account_id)
            .await?
            .into_iter()
            .collect();
        let mentioned: HashSet<AccountId> = store::mentions::by_statuses(db, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .collect();
        let tags = store::tags::names_by_statuses(db, &[id])
            .await?
            .remove(&id)
            .unwrap_or_default();
        let replied_to = status
            .in_reply_to_account_id
            .filter(|account| *account != status.account_id);
        let following_replied_to: HashSet<AccountId> = match replied_to {
            Some(replied_to) => store::follows::local_followers(db, replied_to)
                .await?
                .into_iter()
                .collect(),
            None => HashSet::new(),
        };
        let following_a_tag = if reaches_tag_followers(&status) {
            store::followed_tags::followers_of(db, &tags).await?
        } else {
            HashSet::new()
        };
        let mut readers = followers.clone();
        readers.insert(status.account_id);
        readers.extend(following_a_tag.iter().copied());
        let home = readers
            .into_iter()
            .filter(|reader| {
                let ties = HomeTies {
                    follows_author: followers.contains(reader),
                    follows_replied_to: following_replied_to.contains(reader),
                    follows_a_tag: following_a_tag.contains(reader),
                };
                belongs_on_home(*reader, &status, ties)
            })
            .collect();
        Ok(Some(Self {
            change,
            status,
            boosted,
            tags,
            home,
            followers,
            mentioned,
            blocked,
            silencing,
        }))
    }

    /// Whether `viewer` may see the status (and what it boosts).
    pub fn visible_to(&self, viewer: Option<AccountId>) -> bool {
        let ties = |status: &Status| Ties {
            follows_author: viewer.is_some_and(|v| {
                status.account_id == self.status.account_id && self.followers.contains(&v)
            }),
            mentioned: viewer
                .is_some_and(|v| status.id == self.status.id && self.mentioned.contains(&v)),
            blocked: viewer.is_some_and(|v| self.blocked.contains(&v)),
            // Only accounts of this instance sign in to listen.
            viewer_local: viewer.is_some(),
            // A suspended account posts nothing new: its sessions end, and what its server
            // sends is dropped (`inbox.rs`).
            author_suspended: false,
        };
        visibility::may_view(viewer, &self.status, ties(&self.status))
            && self
                .boosted
                .as_ref()
                .is_none_or(|boosted| visibility::may_view(viewer, boosted, ties(boosted)))
    }

    /// Whether `viewer` may see it where timelines show it: not archived, not by someone
    /// it silenced.
    fn heard_by(&self, viewer: Option<AccountId>) -> bool {
        self.status.archived_at.is_none()
            && self.visible_to(viewer)
            && !viewer.is_some_and(|v| self.silencing.contains(&v))
    }

    /// A listed original that is not a reply to someone else: what public timelines show.
    fn is_listed(&self) -> bool {
        is_listed(self.status.visibility)
            && self.status.reblog_of_id.is_none()
            && self
                .status
                .in_reply_to_account_id
                .is_none_or(|to| to == self.status.account_id)
    }

    /// Whether it belongs on `viewer`'s home timeline. A deleted public status is told to
    /// every home that may see it (its hashtags are gone, so who had it is not known).
    pub fn reaches_home(&self, viewer: AccountId) -> bool {
        let on_home = self.home.contains(&viewer)
            || (self.change == StatusChange::Deleted && is_listed(self.status.visibility));
        on_home && self.heard_by(Some(viewer))
    }

    /// Whether it belongs on the public timeline (of this server only, with `local_only`).
    pub fn reaches_public(&self, viewer: Option<AccountId>, local_only: bool) -> bool {
        self.is_listed() && (!local_only || self.status.local) && self.heard_by(viewer)
    }

    /// Whether it is a new direct status of a conversation of `viewer`'s.
    pub fn reaches_conversation(&self, viewer: AccountId) -> bool {
        self.change == StatusChange::Created
            && self.status.visibility == Visibility::Direct
            && (viewer == self.status.account_id || self.mentioned.contains(&viewer))
            && self.visible_to(Some(viewer))
    }

    /// Whether it belongs on the timeline of `tag` (lowercased). Deleted public statuses
    /// are told to every hashtag's listeners, as their tags are gone.
    pub fn reaches_hashtag(&self, viewer: Option<AccountId>, tag: &str) -> bool {
        let tagged = self.change == StatusChange::Deleted || self.tags.iter().any(|t| t == tag);
        tagged
            && is_listed(self.status.visibility)
            && self.status.reblog_of_id.is_none()
            && self.heard_by(viewer)
    }
}

/// Whether statuses of `visibility` show on public and hashtag timelines (to whoever may
/// see them: local ones to this instance's accounts).
fn is_listed(visibility: Visibility) -> bool {
    matches!(visibility, Visibility::Public | Visibility::Local)
}

/// A notification with the status it is about, for its recipient's live stream.
#[derive(Debug, Clone)]
pub struct LiveNotification {
    pub notification: Notification,
    pub status: Option<Status>,
}

impl LiveNotification {
    /// Whether the recipient's notification filters hide it.
    pub fn hidden_by(&self, filters: &ActiveFilters) -> bool {
        self.status.as_ref().is_some_and(|s| filters.hides(s))
    }
}

/// The notifications among `ids`, for their recipients' live streams.
pub async fn notifications(
    db: &impl ConnectionTrait,
    ids: &[NotificationId],
) -> DomainResult<Vec<LiveNotification>> {
    let notifications = store::notifications::by_ids(db, ids).await?;
    let about: Vec<StatusId> = notifications.iter().filter_map(|n| n.status).collect();
    let mut statuses: HashMap<StatusId, Status> = store::statuses::by_ids(db, &about)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(notifications
        .into_iter()
        .map(|notification| LiveNotification {
            status: notification.status.and_then(|id| statuses.remove(&id)),
            notification,
        })
        .collect())
}

/// The filters of `viewer` for one context, read again when they are older than a while:
/// a live stream checks every event against them without a query each.
#[derive(Debug)]
pub struct FiltersOf {
    viewer: AccountId,
    context: FilterContext,
    filters: ActiveFilters,
    read_at: Option<Instant>,
}

impl FiltersOf {
    const FRESH_FOR: Duration = Duration::from_secs(30);

    /// Reads them now, so that the first event does not wait for them.
    pub async fn read(
        db: &impl ConnectionTrait,
        viewer: AccountId,
        context: FilterContext,
    ) -> DomainResult<Self> {
        Ok(Self {
            viewer,
            context,
            filters: filters::active(db, Some(viewer), context).await?,
            read_at: Some(Instant::now()),
        })
    }

    pub async fn get(&mut self, db: &impl ConnectionTrait) -> DomainResult<&ActiveFilters> {
        if self.read_at.is_none_or(|at| at.elapsed() > Self::FRESH_FOR) {
            self.filters = filters::active(db, Some(self.viewer), self.context).await?;
            self.read_at = Some(Instant::now());
        }
        Ok(&self.filters)
    }
}

impl StatusReach {
    /// Whether `filters` hide it (a boost by what it carries).
    pub fn hidden_by(&self, filters: &ActiveFilters) -> bool {
        filters.hides(&self.status) || self.boosted.as_ref().is_some_and(|b| filters.hides(b))
    }
}
