//! The live subscriptions of this process: who listens to what, and every event from the
//! bus routed to the listeners it reaches, each through a bounded buffer of its own.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

use futures::Stream;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{AccountId, AnnouncementId, NotificationId, StatusId};
use rookery_domain::ports::{EventBus, LiveEvent};
use rookery_domain::service::live::{self, LiveNotification, StatusChange, StatusReach};
use tokio::sync::{broadcast, mpsc};

/// Events one listener may have waiting before it lags (and is told so).
const LISTENER_BUFFER: usize = 64;

/// What a listener follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveStream {
    Home,
    Notifications,
    Conversations,
    Public {
        local_only: bool,
    },
    /// A hashtag, lowercased.
    Hashtag(String),
    /// Announcements, for signed-in people.
    Announcements,
}

/// What reaches a listener.
#[derive(Debug, Clone)]
pub enum LiveItem {
    Status(Arc<StatusReach>),
    /// A status gone for good (a boost taken back), known by its id alone.
    Removed(StatusId),
    Notification(Arc<LiveNotification>),
    /// An announcement was created, changed or deleted.
    Announcement(AnnouncementId),
    /// Events were lost because this listener was slow; it should refetch.
    Lagged,
}

struct Listener {
    viewer: Option<AccountId>,
    stream: LiveStream,
    sender: mpsc::Sender<LiveItem>,
    lagged: Arc<AtomicBool>,
}

impl Listener {
    fn send(&self, item: LiveItem) {
        if let Err(mpsc::error::TrySendError::Full(_)) = self.sender.try_send(item) {
            self.lagged.store(true, Ordering::Release);
        }
    }

    fn wants(&self, reach: &StatusReach) -> bool {
        match (&self.stream, self.viewer) {
            (LiveStream::Home, Some(viewer)) => reach.reaches_home(viewer),
            (LiveStream::Conversations, Some(viewer)) => reach.reaches_conversation(viewer),
            (LiveStream::Public { local_only }, viewer) => {
                reach.reaches_public(viewer, *local_only)
            }
            (LiveStream::Hashtag(tag), viewer) => reach.reaches_hashtag(viewer, tag),
            _ => false,
        }
    }
}

/// Every listener of this process.
pub struct LiveHub {
    db: DatabaseConnection,
    listeners: RwLock<HashMap<u64, Listener>>,
    next_id: AtomicU64,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub").finish_non_exhaustive()
    }
}

impl LiveHub {
    /// A hub routing what `bus` carries, from now on.
    pub fn start(db: DatabaseConnection, bus: &dyn EventBus) -> Arc<Self> {
        let hub = Arc::new(Self {
            db,
            listeners: RwLock::new(HashMap::new()),
            next_id: AtomicU64::new(0),
        });
        tokio::spawn(route_all(Arc::downgrade(&hub), bus.subscribe()));
        hub
    }

    /// Starts listening to `stream` as `viewer`; dropping the result stops it.
    pub fn listen(self: &Arc<Self>, viewer: Option<AccountId>, stream: LiveStream) -> Listening {
        let (sender, receiver) = mpsc::channel(LISTENER_BUFFER);
        let lagged = Arc::new(AtomicBool::new(false));
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let listener = Listener {
            viewer,
            stream,
            sender,
            lagged: lagged.clone(),
        };
        if let Ok(mut listeners) = self.listeners.write() {
            listeners.insert(id, listener);
        }
        Listening {
            hub: Arc::downgrade(self),
            id,
            receiver,
            lagged,
        }
    }

    /// How many listen now.
    pub fn listener_count(&self) -> usize {
        self.listeners.read().map_or(0, |l| l.len())
    }

    fn each_listener(&self, mut f: impl FnMut(&Listener)) {
        if let Ok(listeners) = self.listeners.read() {
            listeners.values().for_each(&mut f);
        }
    }

    async fn route(&self, events: Vec<LiveEvent>) {
        // Nobody listens: nothing to read.
        if self.listener_count() == 0 {
            return;
        }
        let mut notified: Vec<NotificationId> = Vec::new();
        for event in events {
            let (change, id) = match event {
                LiveEvent::StatusCreated(id) => (StatusChange::Created, id),
                LiveEvent::StatusEdited(id) => (StatusChange::Edited, id),
                LiveEvent::StatusDeleted(id) => (StatusChange::Deleted, id),
                LiveEvent::Notified(id) => {
                    notified.push(id);
                    continue;
                }
                LiveEvent::AnnouncementChanged(id) => {
                    self.each_listener(|listener| {
                        if listener.stream == LiveStream::Announcements && listener.viewer.is_some()
                        {
                            listener.send(LiveItem::Announcement(id));
                        }
                    });
                    continue;
                }
            };
            match StatusReach::load(&self.db, change, id).await {
                Ok(Some(reach)) => {
                    let reach = Arc::new(reach);
                    self.each_listener(|listener| {
                        if listener.wants(&reach) {
                            listener.send(LiveItem::Status(reach.clone()));
                        }
                    });
                }
                // Gone without a trace: a boost taken back. Its id tells nothing.
                Ok(None) if change == StatusChange::Deleted => self.each_listener(|listener| {
                    if listener.stream == LiveStream::Home {
                        listener.send(LiveItem::Removed(id));
                    }
                }),
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, status = %id, "live event not routed"),
            }
        }
        if notified.is_empty() {
            return;
        }
        match live::notifications(&self.db, &notified).await {
            Ok(notifications) => {
                let mut by_recipient: HashMap<AccountId, Vec<Arc<LiveNotification>>> =
                    HashMap::new();
                for n in notifications {
                    by_recipient
                        .entry(n.notification.recipient)
                        .or_default()
                        .push(Arc::new(n));
                }
                self.each_listener(|listener| {
                    if listener.stream != LiveStream::Notifications {
                        return;
                    }
                    let mine = listener.viewer.and_then(|v| by_recipient.get(&v));
                    for n in mine.into_iter().flatten() {
                        listener.send(LiveItem::Notification(n.clone()));
                    }
                });
            }
            Err(error) => tracing::warn!(%error, "live notifications not routed"),
        }
    }

    fn lag_all(&self) {
        self.each_listener(|listener| listener.send(LiveItem::Lagged));
    }
}

/// Routes every event the bus carries until the hub is gone; events that arrive together
/// are routed together.
async fn route_all(hub: std::sync::Weak<LiveHub>, mut events: broadcast::Receiver<LiveEvent>) {
    loop {
        let first = match events.recv().await {
            Ok(event) => event,
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                tracing::warn!(missed, "live events came faster than they were routed");
                if let Some(hub) = hub.upgrade() {
                    hub.lag_all();
                }
                continue;
            }
            Err(broadcast::error::RecvError::Closed) => return,
        };
        let mut batch = vec![first];
        while batch.len() < 256 {
            match events.try_recv() {
                Ok(event) => batch.push(event),
                Err(_) => break,
            }
        }
        let Some(hub) = hub.upgrade() else {
            return;
        };
        hub.route(batch).await;
    }
}

/// One listener's events; dropping it stops the listening.
pub struct Listening {
    hub: std::sync::Weak<LiveHub>,
    id: u64,
    receiver: mpsc::Receiver<LiveItem>,
    lagged: Arc<AtomicBool>,
}

impl Stream for Listening {
    type Item = LiveItem;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<LiveItem>> {
        match self.receiver.poll_recv(cx) {
            Poll::Pending if self.lagged.swap(false, Ordering::AcqRel) => {
                Poll::Ready(Some(LiveItem::Lagged))
            }
            other => other,
        }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade()
            && let Ok(mut listeners) = hub.listeners.write()
        {
            listeners.remove(&self.id);
        }
    }
}
