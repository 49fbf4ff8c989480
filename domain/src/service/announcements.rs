//! Announcements: messages administrators with MANAGE_ANNOUNCEMENTS show to every
//! signed-in person between a start and an end, until each dismisses them; every change
//! goes out live.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ids::{AnnouncementId, Kind};
use crate::ports::LiveEvent;
use crate::service::{App, audit};
use crate::store;
use crate::types::{Announcement, Permission, Viewer};
use crate::{DomainError, DomainResult};

/// The longest announcement.
pub const MAX_TEXT_CHARS: usize = 2000;
/// The most announcements listed at once.
pub const LIST_LIMIT: u64 = 200;
/// The most shown to people at once.
pub const SHOWN_LIMIT: u64 = 20;

/// An announcement as an administrator writes it.
#[derive(Debug, Clone)]
pub struct AnnouncementInput {
    pub text: String,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub published: bool,
}

/// An announcement as one person sees it.
#[derive(Debug, Clone)]
pub struct SeenAnnouncement {
    pub announcement: Announcement,
    /// Whether they dismissed it.
    pub read: bool,
}

fn checked(input: AnnouncementInput) -> DomainResult<AnnouncementInput> {
    let text = input.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        return Err(DomainError::validation(
            "text",
            format!("1 to {MAX_TEXT_CHARS} characters"),
        ));
    }
    if let (Some(start), Some(end)) = (input.starts_at, input.ends_at)
        && end <= start
    {
        return Err(DomainError::validation("endsAt", "after its start"));
    }
    Ok(AnnouncementInput {
        text: text.to_owned(),
        ..input
    })
}

/// Every announcement, drafts and past ones included, newest first.
pub async fn all(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> DomainResult<Vec<SeenAnnouncement>> {
    viewer.require(Permission::ManageAnnouncements)?;
    let announcements = store::announcements::all(db, LIST_LIMIT).await?;
    seen_by(db, viewer, announcements).await
}

/// The announcements shown now, newest first, with whether the viewer dismissed each.
pub async fn shown(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> DomainResult<Vec<SeenAnnouncement>> {
    let announcements = store::announcements::shown(db, Utc::now(), SHOWN_LIMIT).await?;
    seen_by(db, viewer, announcements).await
}

/// The announcement `id` as the viewer may see it now: None when gone or a draft (to
/// administrators too, for whom the live stream is what people see).
pub async fn seen(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: AnnouncementId,
) -> DomainResult<Option<SeenAnnouncement>> {
    let Some(announcement) = store::announcements::by_id(db, id).await? else {
        return Ok(None);
    };
    if !announcement.published {
        return Ok(None);
    }
    Ok(seen_by(db, viewer, vec![announcement]).await?.pop())
}

async fn seen_by(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    announcements: Vec<Announcement>,
) -> DomainResult<Vec<SeenAnnouncement>> {
    let ids: Vec<_> = announcements.iter().map(|a| a.id).collect();
    let dismissed = store::announcements::dismissed(db, viewer.account_id, &ids).await?;
    Ok(announcements
        .into_iter()
        .map(|announcement| SeenAnnouncement {
            read: dismissed.contains(&announcement.id),
            announcement,
        })
        .collect())
}

pub async fn create(
    app: &App,
    viewer: &Viewer,
    input: AnnouncementInput,
) -> DomainResult<SeenAnnouncement> {
    viewer.require(Permission::ManageAnnouncements)?;
    let input = checked(input)?;
    let now = Utc::now();
    let announcement = Announcement {
        id: AnnouncementId::new(),
        text: input.text,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        published: input.published,
        created_at: now,
        updated_at: now,
    };
    let txn = app.write().await?;
    store::announcements::insert(&txn, &announcement).await?;
    record(&txn, viewer, "announcement.create", &announcement).await?;
    txn.tell([LiveEvent::AnnouncementChanged(announcement.id)]);
    txn.commit().await?;
    Ok(SeenAnnouncement {
        announcement,
        read: false,
    })
}

pub async fn update(
    app: &App,
    viewer: &Viewer,
    id: AnnouncementId,
    input: AnnouncementInput,
) -> DomainResult<SeenAnnouncement> {
    viewer.require(Permission::ManageAnnouncements)?;
    let input = checked(input)?;
    let before = store::announcements::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Announcement))?;
    let announcement = Announcement {
        text: input.text,
        starts_at: input.starts_at,
        ends_at: input.ends_at,
        published: input.published,
        updated_at: Utc::now(),
        ..before
    };
    let txn = app.write().await?;
    if !store::announcements::update(&txn, &announcement).await? {
        return Err(DomainError::NotFound(Kind::Announcement));
    }
    record(&txn, viewer, "announcement.update", &announcement).await?;
    txn.tell([LiveEvent::AnnouncementChanged(id)]);
    txn.commit().await?;
    let read = !store::announcements::dismissed(&app.db, viewer.account_id, &[id])
        .await?
        .is_empty();
    Ok(SeenAnnouncement { announcement, read })
}

pub async fn delete(app: &App, viewer: &Viewer, id: AnnouncementId) -> DomainResult<()> {
    viewer.require(Permission::ManageAnnouncements)?;
    let announcement = store::announcements::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Announcement))?;
    let txn = app.write().await?;
    if !store::announcements::delete(&txn, id).await? {
        return Err(DomainError::NotFound(Kind::Announcement));
    }
    record(&txn, viewer, "announcement.delete", &announcement).await?;
    txn.tell([LiveEvent::AnnouncementChanged(id)]);
    txn.commit().await?;
    Ok(())
}

/// Marks an announcement the viewer sees as read by them.
pub async fn dismiss(
    app: &App,
    viewer: &Viewer,
    id: AnnouncementId,
) -> DomainResult<SeenAnnouncement> {
    let announcement = store::announcements::by_id(&app.db, id)
        .await?
        .filter(|a| a.published)
        .ok_or(DomainError::NotFound(Kind::Announcement))?;
    let txn = app.write().await?;
    store::announcements::dismiss(&txn, id, viewer.account_id).await?;
    txn.commit().await?;
    Ok(SeenAnnouncement {
        announcement,
        read: true,
    })
}

async fn record(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    action: &str,
    announcement: &Announcement,
) -> DomainResult<()> {
    audit::record(
        db,
        Some(viewer),
        action,
        None,
        serde_json::json!({
            "id": announcement.id.0.to_string(),
            "text": announcement.text,
            "startsAt": announcement.starts_at,
            "endsAt": announcement.ends_at,
            "published": announcement.published,
        }),
    )
    .await
}
