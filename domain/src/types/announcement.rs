//! Announcements: instance-wide messages to signed-in people.

use chrono::{DateTime, Utc};

use crate::ids::AnnouncementId;

#[derive(Debug, Clone, PartialEq)]
pub struct Announcement {
    pub id: AnnouncementId,
    /// Plain text, paragraphs split by blank lines.
    pub text: String,
    /// Shown from then on; None: at once.
    pub starts_at: Option<DateTime<Utc>>,
    /// Shown until then; None: until taken down.
    pub ends_at: Option<DateTime<Utc>>,
    /// A draft is not.
    pub published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Announcement {
    /// Whether people see it at `now`.
    pub fn shown_at(&self, now: DateTime<Utc>) -> bool {
        self.published
            && self.starts_at.is_none_or(|start| start <= now)
            && self.ends_at.is_none_or(|end| now < end)
    }
}
