//! What moderators do to accounts: the restrictions an account is under, the strikes its
//! owner is told of, moderators' notes and the audit log.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::ids::{AccountId, AuditEntryId, ModeratorNoteId, ReportId, StatusId, StrikeId};

/// How long a suspended account's data is kept before the moderation sweep purges it;
/// an unsuspension within it restores everything.
pub const SUSPENSION_KEPT_DAYS: i64 = 30;

/// A moderator's action on an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountAction {
    /// A strike and nothing more.
    Warn,
    /// Its media is marked sensitive from now on.
    Sensitive,
    /// A local account can neither sign in nor act.
    Disable,
    /// Its posts reach its followers only (Mastodon's silence).
    Limit,
    /// Its profile and posts are hidden from everyone.
    Suspend,
}

impl AccountAction {
    pub const ALL: [Self; 5] = [
        Self::Warn,
        Self::Sensitive,
        Self::Disable,
        Self::Limit,
        Self::Suspend,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warn => "warn",
            Self::Sensitive => "sensitive",
            Self::Disable => "disable",
            Self::Limit => "limit",
            Self::Suspend => "suspend",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// Whether it leaves a restriction that can be lifted (all but a warning).
    pub fn restricts(self) -> bool {
        self != Self::Warn
    }
}

/// The restrictions an account is under, each since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AccountRestrictions {
    pub suspended_at: Option<DateTime<Utc>>,
    pub limited_at: Option<DateTime<Utc>>,
    pub sensitized_at: Option<DateTime<Utc>>,
}

impl AccountRestrictions {
    pub fn suspended(&self) -> bool {
        self.suspended_at.is_some()
    }

    pub fn limited(&self) -> bool {
        self.limited_at.is_some()
    }

    pub fn sensitized(&self) -> bool {
        self.sensitized_at.is_some()
    }

    /// When a suspended account's data goes for good.
    pub fn purge_at(&self) -> Option<DateTime<Utc>> {
        self.suspended_at
            .map(|at| at + chrono::Duration::days(SUSPENSION_KEPT_DAYS))
    }
}

/// An action taken on an account, as its owner is told of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Strike {
    pub id: StrikeId,
    pub account: AccountId,
    /// None when the command line acted.
    pub moderator: Option<AccountId>,
    pub action: AccountAction,
    /// Shown to the account's owner.
    pub reason: String,
    /// For moderators only.
    pub internal_note: String,
    pub statuses: Vec<StatusId>,
    pub reports: Vec<ReportId>,
    pub created_at: DateTime<Utc>,
}

/// What a moderator's note is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSubject {
    Account(AccountId),
    Report(ReportId),
}

/// A moderator's internal note.
#[derive(Debug, Clone, PartialEq)]
pub struct ModeratorNote {
    pub id: ModeratorNoteId,
    pub subject: NoteSubject,
    pub author: AccountId,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// What an audit entry acted on.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditTarget {
    /// The GraphQL type of the target's id (`Account`, `Report`, `Role`, …).
    pub kind: &'static str,
    pub id: Uuid,
    /// A short name a person reads: `@spam@example.com`, a role's name.
    pub name: String,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: AuditEntryId,
    pub actor: Option<AccountId>,
    /// `account.suspend`, `report.assign`, `role.update`, `instance.update`, …
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<Uuid>,
    pub target_name: Option<String>,
    /// JSON: `{"before": …, "after": …}` for changes of settings, else details.
    pub detail: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// How many days after a strike its owner may appeal it.
pub const APPEAL_WINDOW_DAYS: i64 = 20;

/// What became of an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppealState {
    Pending,
    /// The strike was overturned: what it restricted is lifted.
    Approved,
    Rejected,
}

impl AppealState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|state| state.as_str() == value)
    }
}

/// A person's appeal of a strike on their account.
#[derive(Debug, Clone, PartialEq)]
pub struct Appeal {
    pub id: crate::ids::AppealId,
    pub strike: StrikeId,
    pub account: AccountId,
    pub text: String,
    pub state: AppealState,
    pub decided_by: Option<AccountId>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Told to the person; empty unless rejected with a reason.
    pub rejection_reason: String,
    pub created_at: DateTime<Utc>,
}
