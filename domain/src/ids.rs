//! Typed ids (UUIDv7, so they sort by creation time).

use std::fmt;
use uuid::Uuid;

/// What kind of thing an id names; used in errors and global ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Account,
    User,
    Status,
    FollowRequest,
    AccessToken,
    /// A log-in token, as its owner's list of sessions shows it.
    Session,
    Activity,
    Report,
    Notification,
    Mail,
    /// Whatever a pasted URL names: an account or a post.
    Object,
    List,
    Media,
    Filter,
    Conversation,
    Webhook,
    CustomEmoji,
    Role,
    Strike,
    Appeal,
    Announcement,
    Invite,
    EmailDomainBlock,
    IpBlock,
    DomainAllow,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Account => "account",
            Self::User => "user",
            Self::Status => "status",
            Self::FollowRequest => "follow request",
            Self::AccessToken => "access token",
            Self::Session => "session",
            Self::Activity => "activity",
            Self::Report => "report",
            Self::Notification => "notification",
            Self::Mail => "mail",
            Self::Object => "account or post",
            Self::List => "list",
            Self::Media => "media attachment",
            Self::Filter => "filter",
            Self::Conversation => "conversation",
            Self::Webhook => "webhook",
            Self::CustomEmoji => "custom emoji",
            Self::Role => "role",
            Self::Strike => "strike",
            Self::Appeal => "appeal",
            Self::Announcement => "announcement",
            Self::Invite => "invite",
            Self::EmailDomainBlock => "email domain block",
            Self::IpBlock => "IP block",
            Self::DomainAllow => "allowed server",
        })
    }
}

macro_rules! typed_id {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

typed_id!(
    AccountId,
    UserId,
    StatusId,
    TokenId,
    TagId,
    FollowId,
    ActivityId,
    ReportId,
    NotificationId,
    MailId,
    ListId,
    MediaId,
    FilterId,
    ConversationId,
    WebhookId,
    WebhookDeliveryId,
    PollId,
    CustomEmojiId,
    RuleId,
    RoleId,
    AuditEntryId,
    StrikeId,
    ModeratorNoteId,
    AppealId,
    AnnouncementId,
    InviteId,
    EmailDomainBlockId,
    IpBlockId,
    DomainAllowId
);

/// A Relay global id as the API gives it out: unpadded base64url of `<Type>:<uuid>`, where
/// `<Type>` names the GraphQL type. Webhook payloads carry the same ids.
pub fn global(type_name: &str, id: Uuid) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{type_name}:{id}"))
}
