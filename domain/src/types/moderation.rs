//! Reports to moderators, the instance's rules they cite, the notifications they cause, and
//! mail waiting to be sent.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, MailId, NotificationId, ReportId, RuleId, StatusId};
use crate::types::AccountAction;

/// One of the instance's rules, in the order they are kept: read at sign-up, cited in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceRule {
    pub id: RuleId,
    /// The rule in a line.
    pub text: String,
    /// What it means, at more length; may be empty.
    pub hint: String,
}

/// Why an account was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportCategory {
    Spam,
    Legal,
    Violation,
    Other,
}

impl ReportCategory {
    const ALL: [Self; 4] = [Self::Spam, Self::Legal, Self::Violation, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spam => "spam",
            Self::Legal => "legal",
            Self::Violation => "violation",
            Self::Other => "other",
        }
    }

    /// Unknown categories (other servers have their own) read as `Other`.
    pub fn parse(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == value)
            .unwrap_or(Self::Other)
    }
}

/// An account reported to this instance's moderators.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: ReportId,
    /// The `Flag` it came as, when another server sent it.
    pub ap_id: Option<String>,
    pub reporter: AccountId,
    pub target: AccountId,
    pub statuses: Vec<StatusId>,
    pub comment: String,
    pub category: ReportCategory,
    /// The instance's rules it says were broken (a report of a violation only).
    pub rules: Vec<RuleId>,
    /// The reporter asked that the target's server be told too.
    pub forward: bool,
    pub created_at: DateTime<Utc>,
    /// When moderators were told; unset, the moderation job has yet to run.
    pub notified_at: Option<DateTime<Utc>>,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The moderator who took it on.
    pub assigned_to: Option<AccountId>,
    /// What resolved it; None when dismissed (or open).
    pub action_taken: Option<AccountAction>,
    pub resolved_by: Option<AccountId>,
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// A status mentions the account.
    Mention,
    /// Someone follows the account.
    Follow,
    /// Someone asks to follow the (locked) account.
    FollowRequest,
    /// Someone liked the account's status.
    Favourite,
    /// Someone boosted the account's status.
    Reblog,
    /// For moderators: a report was filed.
    AdminReport,
    /// A status the account boosted or quoted was edited.
    Update,
    /// A poll the account voted in, or wrote, has ended.
    Poll,
    /// Someone quoted the account's status.
    Quote,
    /// A moderator acted on the account (a strike).
    ModerationWarning,
    /// A report the account filed was acted on (how is not said).
    ReportResolved,
}

impl NotificationKind {
    const ALL: [Self; 11] = [
        Self::Mention,
        Self::Follow,
        Self::FollowRequest,
        Self::Favourite,
        Self::Reblog,
        Self::AdminReport,
        Self::Update,
        Self::Poll,
        Self::Quote,
        Self::ModerationWarning,
        Self::ReportResolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Follow => "follow",
            Self::FollowRequest => "follow_request",
            Self::Favourite => "favourite",
            Self::Reblog => "reblog",
            Self::AdminReport => "admin.report",
            Self::Update => "update",
            Self::Poll => "poll",
            Self::Quote => "quote",
            Self::ModerationWarning => "moderation_warning",
            Self::ReportResolved => "report_resolved",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// Which notifications a reader asks for: of `types` only (all when empty), none of
/// `exclude`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationFilter {
    pub types: Vec<NotificationKind>,
    pub exclude: Vec<NotificationKind>,
}

/// Something an account is told of.
#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: NotificationId,
    pub recipient: AccountId,
    pub kind: NotificationKind,
    pub from: Option<AccountId>,
    pub status: Option<StatusId>,
    pub report: Option<ReportId>,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A plain-text message to one address.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    pub id: MailId,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub attempts: u32,
}
