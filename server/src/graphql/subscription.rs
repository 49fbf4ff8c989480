//! The subscription root: live timelines and notifications, over `/graphql/ws`.

use std::sync::Arc;

use async_graphql::{Context, Enum, ID, Result, SimpleObject, Subscription};
use futures::{Stream, StreamExt, stream};
use rookery_domain::ids::AccountId;
use rookery_domain::service::live::{FiltersOf, StatusChange};
use rookery_domain::service::{announcements, conversations};
use rookery_domain::types::FilterContext;

use super::context::ContextExt;
use super::error::ApiResult;
use super::ids;
use super::types::announcement::AnnouncementNode;
use super::types::conversation::ConversationNode;
use super::types::{NotificationNode, StatusNode};
use crate::live::{Listening, LiveItem, LiveStream};
use crate::state::AppState;

/// What happened to a status on a live timeline.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "StatusEventKind")]
pub enum StatusEventKindValue {
    Created,
    Edited,
    Deleted,
    /// Events were lost because the client read too slowly: refetch the timeline.
    Lagged,
}

#[derive(SimpleObject)]
pub struct StatusEvent {
    pub kind: StatusEventKindValue,
    /// The status's id (none for `LAGGED`).
    pub status_id: Option<ID>,
    /// The status as it is now; none when deleted.
    pub status: Option<StatusNode>,
}

/// What happened on the live notification stream.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "NotificationEventKind")]
pub enum NotificationEventKindValue {
    Received,
    /// Notifications were lost because the client read too slowly: refetch them.
    Lagged,
}

#[derive(SimpleObject)]
pub struct NotificationEvent {
    pub kind: NotificationEventKindValue,
    pub notification: Option<NotificationNode>,
}

#[derive(Default)]
pub struct Subscription;

#[Subscription]
impl Subscription {
    /// New, edited and deleted statuses of the viewer's home timeline.
    async fn home_timeline_updates(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = StatusEvent> + use<>> {
        let viewer = ctx.require_viewer()?.account_id;
        status_events(ctx, Some(viewer), LiveStream::Home, FilterContext::Home).await
    }

    /// New, edited and deleted public statuses, of this server only with `localOnly`.
    async fn public_timeline_updates(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] local_only: bool,
    ) -> Result<impl Stream<Item = StatusEvent> + use<>> {
        let viewer = ctx.viewer_id();
        let stream = LiveStream::Public { local_only };
        status_events(ctx, viewer, stream, FilterContext::Public).await
    }

    /// New, edited and deleted public statuses with the hashtag `tag` (with or without `#`).
    async fn hashtag_updates(
        &self,
        ctx: &Context<'_>,
        tag: String,
    ) -> Result<impl Stream<Item = StatusEvent> + use<>> {
        let tag = tag.trim().trim_start_matches('#').to_lowercase();
        let viewer = ctx.viewer_id();
        status_events(ctx, viewer, LiveStream::Hashtag(tag), FilterContext::Public).await
    }

    /// The viewer's conversations as new direct statuses come.
    async fn conversation_updates(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = ConversationNode> + use<>> {
        let viewer = ctx.require_viewer()?.account_id;
        let state = ctx.data_unchecked::<Arc<AppState>>().clone();
        let listening = state.live.listen(Some(viewer), LiveStream::Conversations);
        Ok(stream::unfold(
            (listening, state),
            move |(mut listening, state)| async move {
                loop {
                    let LiveItem::Status(reach) = listening.next().await? else {
                        continue;
                    };
                    let thread = reach.status.thread_id;
                    if let Ok(Some(conversation)) =
                        conversations::of_thread(&state.app.db, viewer, thread).await
                    {
                        return Some((ConversationNode(conversation), (listening, state)));
                    }
                }
            },
        ))
    }

    /// Announcements created, edited, published, unpublished or deleted.
    async fn announcement_updates(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = AnnouncementEvent> + use<>> {
        let viewer = *ctx.require_viewer()?;
        let state = ctx.data_unchecked::<Arc<AppState>>().clone();
        let listening = state
            .live
            .listen(Some(viewer.account_id), LiveStream::Announcements);
        Ok(stream::unfold(
            (listening, viewer, state),
            |(mut listening, viewer, state)| async move {
                loop {
                    let LiveItem::Announcement(id) = listening.next().await? else {
                        continue;
                    };
                    let seen = match announcements::seen(&state.app.db, &viewer, id).await {
                        Ok(seen) => seen,
                        Err(error) => {
                            tracing::warn!(%error, "announcement not read for a live event");
                            continue;
                        }
                    };
                    let event = AnnouncementEvent {
                        announcement_id: ids::encode(ids::ANNOUNCEMENT, id.0),
                        announcement: seen.map(AnnouncementNode),
                    };
                    return Some((event, (listening, viewer, state)));
                }
            },
        ))
    }

    /// The viewer's new notifications.
    async fn notification_received(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = NotificationEvent> + use<>> {
        let viewer = ctx.require_viewer()?.account_id;
        let state = ctx.data_unchecked::<Arc<AppState>>().clone();
        let filters = FiltersOf::read(&state.app.db, viewer, FilterContext::Notifications)
            .await
            .api()?;
        let listening = state.live.listen(Some(viewer), LiveStream::Notifications);
        Ok(stream::unfold(
            (listening, filters, state),
            |(mut listening, mut filters, state)| async move {
                loop {
                    let event = match listening.next().await? {
                        LiveItem::Notification(n) => {
                            let hidden = match filters.get(&state.app.db).await {
                                Ok(filters) => n.hidden_by(filters),
                                Err(_) => false,
                            };
                            if hidden {
                                continue;
                            }
                            NotificationEvent {
                                kind: NotificationEventKindValue::Received,
                                notification: Some(NotificationNode(n.notification.clone())),
                            }
                        }
                        LiveItem::Lagged => NotificationEvent {
                            kind: NotificationEventKindValue::Lagged,
                            notification: None,
                        },
                        LiveItem::Status(_) | LiveItem::Removed(_) | LiveItem::Announcement(_) => {
                            continue;
                        }
                    };
                    return Some((event, (listening, filters, state)));
                }
            },
        ))
    }
}

/// A change to the announcements, live.
#[derive(SimpleObject)]
pub struct AnnouncementEvent {
    pub announcement_id: ID,
    /// The announcement as it is now; null once deleted or unpublished.
    pub announcement: Option<AnnouncementNode>,
}

/// The status events of `stream` as `viewer` gets them: what its filters hide left out.
async fn status_events(
    ctx: &Context<'_>,
    viewer: Option<AccountId>,
    stream: LiveStream,
    context: FilterContext,
) -> Result<impl Stream<Item = StatusEvent> + use<>> {
    let state = ctx.data_unchecked::<Arc<AppState>>().clone();
    let filters = match viewer {
        Some(viewer) => Some(
            FiltersOf::read(&state.app.db, viewer, context)
                .await
                .api()?,
        ),
        None => None,
    };
    let listening: Listening = state.live.listen(viewer, stream);
    Ok(stream::unfold(
        (listening, filters, state),
        |(mut listening, mut filters, state)| async move {
            loop {
                let event = match listening.next().await? {
                    LiveItem::Status(reach) => {
                        let kind = match reach.change {
                            StatusChange::Created => StatusEventKindValue::Created,
                            StatusChange::Edited => StatusEventKindValue::Edited,
                            StatusChange::Deleted => StatusEventKindValue::Deleted,
                        };
                        if kind != StatusEventKindValue::Deleted
                            && let Some(filters) = filters.as_mut()
                            && let Ok(filters) = filters.get(&state.app.db).await
                            && reach.hidden_by(filters)
                        {
                            continue;
                        }
                        StatusEvent {
                            kind,
                            status_id: Some(ids::encode(ids::STATUS, reach.status.id.0)),
                            status: (kind != StatusEventKindValue::Deleted)
                                .then(|| StatusNode(reach.status.clone())),
                        }
                    }
                    LiveItem::Removed(id) => StatusEvent {
                        kind: StatusEventKindValue::Deleted,
                        status_id: Some(ids::encode(ids::STATUS, id.0)),
                        status: None,
                    },
                    LiveItem::Lagged => StatusEvent {
                        kind: StatusEventKindValue::Lagged,
                        status_id: None,
                        status: None,
                    },
                    LiveItem::Notification(_) | LiveItem::Announcement(_) => continue,
                };
                return Some((event, (listening, filters, state)));
            }
        },
    ))
}
