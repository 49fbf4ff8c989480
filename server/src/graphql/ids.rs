//! Relay global ids (`base64url("Kind:uuid")`) and opaque cursors.

use async_graphql::{ID, Result};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rookery_domain::ids::{
    AccountId, AnnouncementId, AppealId, ConversationId, CustomEmojiId, DomainAllowId,
    EmailDomainBlockId, FilterId, InviteId, IpBlockId, ListId, MediaId, NotificationId, ReportId,
    RoleId, RuleId, StatusId, StrikeId, TokenId, WebhookId,
};
use uuid::Uuid;

use super::error::invalid;

pub const ACCOUNT: &str = "Account";
pub const STATUS: &str = "Status";
pub const REPORT: &str = "Report";
pub const NOTIFICATION: &str = "Notification";
pub const LIST: &str = "List";
pub const MEDIA: &str = "MediaAttachment";
pub const FILTER: &str = "Filter";
pub const CONVERSATION: &str = "Conversation";
pub const ACCESS_TOKEN: &str = "AccessToken";
pub const SESSION: &str = "Session";
pub const WEBHOOK: &str = "Webhook";
pub const POLL: &str = "Poll";
pub const CUSTOM_EMOJI: &str = "CustomEmoji";
pub const RULE: &str = "InstanceRule";
pub const ROLE: &str = "Role";
pub const STRIKE: &str = "Strike";
pub const AUDIT_ENTRY: &str = "AuditEntry";
pub const MODERATOR_NOTE: &str = "ModeratorNote";
pub const FAILED_DELIVERY: &str = "FailedDelivery";
pub const APPEAL: &str = "Appeal";
pub const ANNOUNCEMENT: &str = "Announcement";
pub const INVITE: &str = "Invite";
pub const EMAIL_DOMAIN_BLOCK: &str = "EmailDomainBlock";
pub const IP_BLOCK: &str = "IpBlock";
pub const DOMAIN_ALLOW: &str = "DomainAllow";

pub fn encode(kind: &str, id: Uuid) -> ID {
    ID(rookery_domain::ids::global(kind, id))
}

/// The kind and uuid in a global id.
pub fn decode_any(id: &ID) -> Option<(String, Uuid)> {
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, uuid) = text.split_once(':')?;
    Some((kind.to_owned(), Uuid::parse_str(uuid).ok()?))
}

fn decode(field: &'static str, kind: &str, id: &ID) -> Result<Uuid> {
    match decode_any(id) {
        Some((found, uuid)) if found == kind => Ok(uuid),
        _ => {
            let article = if kind.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            Err(invalid(field, format!("not {article} {kind} id")))
        }
    }
}

pub fn account(field: &'static str, id: &ID) -> Result<AccountId> {
    decode(field, ACCOUNT, id).map(AccountId)
}

pub fn status(field: &'static str, id: &ID) -> Result<StatusId> {
    decode(field, STATUS, id).map(StatusId)
}

pub fn report(field: &'static str, id: &ID) -> Result<ReportId> {
    decode(field, REPORT, id).map(ReportId)
}

pub fn rule(field: &'static str, id: &ID) -> Result<RuleId> {
    decode(field, RULE, id).map(RuleId)
}

pub fn role(field: &'static str, id: &ID) -> Result<RoleId> {
    decode(field, ROLE, id).map(RoleId)
}

pub fn list(field: &'static str, id: &ID) -> Result<ListId> {
    decode(field, LIST, id).map(ListId)
}

pub fn custom_emoji(field: &'static str, id: &ID) -> Result<CustomEmojiId> {
    decode(field, CUSTOM_EMOJI, id).map(CustomEmojiId)
}

pub fn media(field: &'static str, id: &ID) -> Result<MediaId> {
    decode(field, MEDIA, id).map(MediaId)
}

pub fn filter(field: &'static str, id: &ID) -> Result<FilterId> {
    decode(field, FILTER, id).map(FilterId)
}

pub fn access_token(field: &'static str, id: &ID) -> Result<TokenId> {
    decode(field, ACCESS_TOKEN, id).map(TokenId)
}

pub fn session(field: &'static str, id: &ID) -> Result<TokenId> {
    decode(field, SESSION, id).map(TokenId)
}

pub fn webhook(field: &'static str, id: &ID) -> Result<WebhookId> {
    decode(field, WEBHOOK, id).map(WebhookId)
}

pub fn notification(field: &'static str, id: &ID) -> Result<NotificationId> {
    decode(field, NOTIFICATION, id).map(NotificationId)
}

pub fn conversation(field: &'static str, id: &ID) -> Result<ConversationId> {
    decode(field, CONVERSATION, id).map(ConversationId)
}

pub fn strike(field: &'static str, id: &ID) -> Result<StrikeId> {
    decode(field, STRIKE, id).map(StrikeId)
}

pub fn appeal(field: &'static str, id: &ID) -> Result<AppealId> {
    decode(field, APPEAL, id).map(AppealId)
}

pub fn announcement(field: &'static str, id: &ID) -> Result<AnnouncementId> {
    decode(field, ANNOUNCEMENT, id).map(AnnouncementId)
}

pub fn invite(field: &'static str, id: &ID) -> Result<InviteId> {
    decode(field, INVITE, id).map(InviteId)
}

pub fn email_domain_block(field: &'static str, id: &ID) -> Result<EmailDomainBlockId> {
    decode(field, EMAIL_DOMAIN_BLOCK, id).map(EmailDomainBlockId)
}

pub fn ip_block(field: &'static str, id: &ID) -> Result<IpBlockId> {
    decode(field, IP_BLOCK, id).map(IpBlockId)
}

pub fn domain_allow(field: &'static str, id: &ID) -> Result<DomainAllowId> {
    decode(field, DOMAIN_ALLOW, id).map(DomainAllowId)
}

pub fn encode_cursor(key: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

pub fn decode_cursor(field: &'static str, cursor: &str) -> Result<Uuid> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| Uuid::from_slice(&bytes).ok())
        .ok_or_else(|| invalid(field, "not a cursor from this list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_check_their_kind() {
        let uuid = Uuid::now_v7();
        let id = encode(ACCOUNT, uuid);
        assert_eq!(account("id", &id).unwrap(), AccountId(uuid));
        assert!(status("id", &id).is_err());
        assert!(account("id", &ID("garbage".into())).is_err());
    }

    #[test]
    fn id_errors_name_their_kind_with_its_article() {
        let id = ID("garbage".into());
        let message = |error: async_graphql::Error| error.message;
        assert_eq!(
            message(status("id", &id).unwrap_err()),
            "id: not a Status id"
        );
        assert_eq!(
            message(account("id", &id).unwrap_err()),
            "id: not an Account id"
        );
        assert_eq!(
            message(access_token("id", &id).unwrap_err()),
            "id: not an AccessToken id"
        );
        assert_eq!(
            message(media("id", &id).unwrap_err()),
            "id: not a MediaAttachment id"
        );
    }

    #[test]
    fn cursors_round_trip() {
        let uuid = Uuid::now_v7();
        assert_eq!(decode_cursor("after", &encode_cursor(uuid)).unwrap(), uuid);
        assert!(decode_cursor("after", "!!").is_err());
    }
}
