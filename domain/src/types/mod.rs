//! Domain types handed out by services; never sea-orm models.

pub mod account;
pub mod account_actions;
pub mod announcement;
pub mod conversation;
pub mod domain_block;
pub mod emoji;
pub mod filter;
pub mod instance;
pub mod list;
pub mod media;
pub mod moderation;
pub mod outbox;
pub mod poll;
pub mod quote;
pub mod role;
pub mod sign_up;
pub mod status;
pub mod timeline;
pub mod user;
pub mod webhook;

pub use account::{Account, ProfileField, Relationship};
pub use account_actions::{
    AccountAction, AccountRestrictions, Appeal, AppealState, AuditEntry, AuditTarget,
    ModeratorNote, NoteSubject, Strike,
};
pub use announcement::Announcement;
pub use conversation::Conversation;
pub use domain_block::{DomainAllow, DomainBlock, DomainBlockSeverity, FederationMode};
pub use emoji::{CustomEmoji, RemoteEmoji};
pub use filter::{Filter, FilterAction, FilterContext, FilterKeyword, FilterMatch};
pub use instance::{Instance, InstanceAbout, InstanceThumbnail, RegistrationMode};
pub use list::List;
pub use media::{Focus, MediaAttachment, MediaState, RemoteMedia, StoredFile};
pub use moderation::{
    InstanceRule, Mail, Notification, NotificationFilter, NotificationKind, Report, ReportCategory,
};
pub use outbox::{ActivityKind, FailedDelivery, OutboxActivity, create_ap_id};
pub use poll::{Poll, PollOption};
pub use quote::{Audience, InteractionPolicy, PolicySubject, Quote, QuoteState, Standing};
pub use role::{Permission, Permissions, Rank, Role, RoleKey};
pub use sign_up::{EmailDomainBlock, Invite, IpBlock, IpBlockSeverity};
pub use status::{
    AccountStatusesFilter, NoteFilter, Status, StatusStats, StatusVersion, Visibility,
};
pub use timeline::{AccountTimeline, Timeline};
pub use user::{AccessToken, AccountStanding, Scope, Scopes, Session, TokenKind, User, Viewer};
pub use webhook::{PendingWebhookDelivery, Webhook, WebhookEvent};

/// The highest count shown: what clients read as a GraphQL `Int` (2^31 - 1). Counts other
/// servers publish are clamped to it when taken.
pub const MAX_COUNT: u64 = i32::MAX as u64;
