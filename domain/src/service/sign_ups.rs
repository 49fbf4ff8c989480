//! Who may sign up: the registration mode, invites (which open closed registrations and
//! skip approval), email domains sign-ups are refused from, and IP ranges whose sign-ups
//! wait for approval or are refused. Invites are made by those with INVITE_USERS (and
//! seen and revoked by their makers, or by anyone with MANAGE_INVITES); the blocks are
//! kept by those with MANAGE_BLOCKS, each change in the audit log.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, EmailDomainBlockId, InviteId, IpBlockId, Kind};
use crate::page::{Page, PageRequest};
use crate::ports::MailServers;
use crate::service::{App, accounts, audit};
use crate::store;
use crate::types::{
    EmailDomainBlock, Instance, Invite, IpBlock, IpBlockSeverity, Permission, RegistrationMode,
    Viewer,
};
use crate::{DomainError, DomainResult};

/// The most uses an invite may be given.
pub const MAX_INVITE_USES: u32 = 1000;
/// The furthest an invite's or a block's expiry may be.
pub const MAX_EXPIRY_DAYS: i64 = 366;
/// The most blocks of each kind listed or checked.
pub const MAX_BLOCKS: u64 = 10_000;
/// The longest comment on an IP block.
pub const MAX_COMMENT_CHARS: usize = 500;
/// The most distinct sign-up addresses an account search by range looks through.
pub const MAX_SEARCHED_ADDRESSES: u64 = 10_000;
/// The most mail servers of one email domain checked against the blocks.
const MAX_MAIL_SERVERS: usize = 10;
/// Characters of an invite code: no 0/O or 1/l/I to misread.
const CODE_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_CHARS: usize = 12;

/// Where a sign-up comes from.
#[derive(Clone, Default)]
pub struct SignUpFrom {
    pub ip: Option<std::net::IpAddr>,
    /// An invite's code, as given.
    pub invite_code: Option<String>,
    /// Where to look up the email domain's mail servers, which email domain blocks cover
    /// too; without it only the domain itself is checked.
    pub mail_servers: Option<Arc<dyn MailServers>>,
}

/// What the rules say of a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admission {
    /// May sign in at once; otherwise waits for a moderator.
    pub approved: bool,
    /// The invite it uses (counted when the account is written).
    pub invite: Option<InviteId>,
}

pub(crate) fn invalid_invite() -> DomainError {
    DomainError::validation("inviteCode", "this invite is not valid")
}

/// Whether someone with `email` may sign up `from` where they do, and whether they wait
/// for approval.
pub async fn admit(
    db: &impl ConnectionTrait,
    instance: &Instance,
    email: &str,
    from: &SignUpFrom,
) -> DomainResult<Admission> {
    let now = Utc::now();
    let invite = match from.invite_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => match store::invites::by_code(db, code).await? {
            Some(invite) if invite.valid_at(now) => Some(invite.id),
            _ => return Err(invalid_invite()),
        },
    };
    let mut approved = match (instance.registration_mode, invite) {
        (_, Some(_)) | (RegistrationMode::Open, None) => true,
        (RegistrationMode::Approval, None) => false,
        (RegistrationMode::Closed, None) => return Err(DomainError::RegistrationsClosed),
    };
    if email_domain_blocked(db, email, from.mail_servers.as_deref()).await? {
        return Err(DomainError::validation(
            "email",
            "sign-ups from this email domain are refused",
        ));
    }
    if let Some(ip) = from.ip {
        match ip_severity(db, ip, now).await? {
            Some(IpBlockSeverity::SignUpBlock) => return Err(DomainError::SignUpBlocked),
            Some(IpBlockSeverity::SignUpRequiresApproval) => approved = false,
            None => {}
        }
    }
    Ok(Admission { approved, invite })
}

/// `domain` and every domain above it, down to the last two labels: `a.b.example` gives
/// `a.b.example`, `b.example`.
fn domain_and_parents(domain: &str) -> Vec<String> {
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    (0..labels.len().saturating_sub(1))
        .map(|start| labels[start..].join("."))
        .collect()
}

/// Whether `email`'s domain, or a mail server of it, is under an email domain block (as
/// Mastodon's are: a throwaway domain served by a blocked provider is refused too). The
/// mail servers are looked up only when any block exists.
pub(crate) async fn email_domain_blocked(
    db: &impl ConnectionTrait,
    email: &str,
    mail_servers: Option<&dyn MailServers>,
) -> DomainResult<bool> {
    let Some((_, domain)) = email.rsplit_once('@') else {
        return Ok(false);
    };
    if store::email_domain_blocks::any_of(db, &domain_and_parents(domain))
        .await?
        .is_some()
    {
        return Ok(true);
    }
    let Some(mail_servers) = mail_servers else {
        return Ok(false);
    };
    if store::email_domain_blocks::all(db, 1).await?.is_empty() {
        return Ok(false);
    }
    let hosts: Vec<String> = mail_servers
        .of(domain.trim().trim_end_matches('.'))
        .await
        .iter()
        .take(MAX_MAIL_SERVERS)
        .flat_map(|host| domain_and_parents(host))
        .collect();
    Ok(!hosts.is_empty()
        && store::email_domain_blocks::any_of(db, &hosts)
            .await?
            .is_some())
}

/// The strictest block in force on `ip`.
async fn ip_severity(
    db: &impl ConnectionTrait,
    ip: IpAddr,
    now: DateTime<Utc>,
) -> DomainResult<Option<IpBlockSeverity>> {
    let ip = canonical(ip);
    Ok(store::ip_blocks::in_force(db, now, MAX_BLOCKS)
        .await?
        .into_iter()
        .filter(|block| block.range.contains(&ip))
        .map(|block| block.severity)
        .max())
}

/// An IPv4 address mapped into IPv6 as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn checked_expiry(
    field: &'static str,
    expires_at: Option<DateTime<Utc>>,
) -> DomainResult<Option<DateTime<Utc>>> {
    let now = Utc::now();
    match expires_at {
        Some(at) if at <= now || at > now + Duration::days(MAX_EXPIRY_DAYS) => Err(
            DomainError::validation(field, "in the future, within a year"),
        ),
        at => Ok(at),
    }
}

fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..CODE_CHARS)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect()
}

/// Makes an invite (needs INVITE_USERS).
pub async fn create_invite(
    app: &App,
    viewer: &Viewer,
    max_uses: Option<u32>,
    expires_at: Option<DateTime<Utc>>,
) -> DomainResult<Invite> {
    viewer.require(Permission::InviteUsers)?;
    if max_uses.is_some_and(|max| !(1..=MAX_INVITE_USES).contains(&max)) {
        return Err(DomainError::validation(
            "maxUses",
            format!("1 to {MAX_INVITE_USES}, or none for no limit"),
        ));
    }
    let expires_at = checked_expiry("expiresAt", expires_at)?;
    let invite = Invite {
        id: InviteId::new(),
        code: new_code(),
        creator: viewer.account_id,
        max_uses,
        uses: 0,
        expires_at,
        revoked_at: None,
        created_at: Utc::now(),
    };
    let txn = app.write().await?;
    store::invites::insert(&txn, &invite).await?;
    txn.commit().await?;
    Ok(invite)
}

/// Revokes an invite: one's own (INVITE_USERS), or anyone's (MANAGE_INVITES).
pub async fn revoke_invite(app: &App, viewer: &Viewer, id: InviteId) -> DomainResult<Invite> {
    viewer.require_any(&[Permission::InviteUsers, Permission::ManageInvites])?;
    let invite = store::invites::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Invite))?;
    if invite.creator != viewer.account_id {
        viewer.require(Permission::ManageInvites)?;
    }
    let now = Utc::now();
    let txn = app.write().await?;
    if store::invites::revoke(&txn, id, now).await? && invite.creator != viewer.account_id {
        let detail = serde_json::json!({ "code": invite.code });
        let target = accounts::audit_target(&accounts::get(&txn, invite.creator).await?);
        audit::record(&txn, Some(viewer), "invite.revoke", Some(target), detail).await?;
    }
    txn.commit().await?;
    Ok(Invite {
        revoked_at: invite.revoked_at.or(Some(now)),
        ..invite
    })
}

/// A page of invites, the newest first: the viewer's own, or (`all`, MANAGE_INVITES)
/// everyone's.
pub async fn invites(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    all: bool,
    request: &PageRequest,
) -> DomainResult<Page<Invite>> {
    let creator = if all {
        viewer.require(Permission::ManageInvites)?;
        None
    } else {
        viewer.require_any(&[Permission::InviteUsers, Permission::ManageInvites])?;
        Some(viewer.account_id)
    };
    Ok(store::invites::page(db, creator, request).await?)
}

/// What anyone may know of an invite code: whether it is valid, and who made it.
pub async fn check_invite(
    db: &impl ConnectionTrait,
    code: &str,
) -> DomainResult<Option<AccountId>> {
    let code = code.trim();
    if code.is_empty() || code.len() > 64 {
        return Ok(None);
    }
    Ok(store::invites::by_code(db, code)
        .await?
        .filter(|invite| invite.valid_at(Utc::now()))
        .map(|invite| invite.creator))
}

/// Where a local account signed up from, and who invited it (for moderators).
pub async fn origin(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account: AccountId,
) -> DomainResult<(Option<String>, Option<AccountId>)> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    let Some((ip, invite)) = store::users::sign_up_origin(db, account).await? else {
        return Ok((None, None));
    };
    let inviter = match invite {
        Some(id) => store::invites::by_id(db, id).await?.map(|i| i.creator),
        None => None,
    };
    Ok((ip, inviter))
}

/// The most addresses an account's view lists.
pub const MAX_LISTED_SIGN_INS: u64 = 20;

/// The addresses a local account signed in from lately, each with its latest time, the
/// latest first (for moderators).
pub async fn sign_ins(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    account: AccountId,
) -> DomainResult<Vec<(String, DateTime<Utc>)>> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageReports])?;
    let Some((user, _)) = store::users::by_account_with_reason(db, account).await? else {
        return Ok(Vec::new());
    };
    Ok(store::sign_ins::latest_of(db, user.id, MAX_LISTED_SIGN_INS).await?)
}

/// The sign-up addresses within `range` (an address or a CIDR range), for the accounts
/// search.
pub async fn addresses_within(db: &impl ConnectionTrait, range: &str) -> DomainResult<Vec<String>> {
    let range = parse_range("ip", range)?;
    Ok(store::users::sign_up_ips(db, MAX_SEARCHED_ADDRESSES)
        .await?
        .into_iter()
        .filter(|ip| {
            ip.parse::<IpAddr>()
                .is_ok_and(|ip| range.contains(&canonical(ip)))
        })
        .collect())
}

/// An address (as its one-address range) or a CIDR range, its host bits cleared.
pub(crate) fn parse_range(field: &'static str, text: &str) -> DomainResult<ipnet::IpNet> {
    let text = text.trim();
    let range = match text.parse::<ipnet::IpNet>() {
        Ok(range) => range,
        Err(_) => text
            .parse::<IpAddr>()
            .map(|ip| ipnet::IpNet::from(canonical(ip)))
            .map_err(|_| DomainError::validation(field, "an IP address or a CIDR range"))?,
    };
    Ok(range.trunc())
}

/// Every email domain block, the newest first (needs MANAGE_BLOCKS).
pub async fn email_domain_blocks(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> DomainResult<Vec<EmailDomainBlock>> {
    viewer.require(Permission::ManageBlocks)?;
    Ok(store::email_domain_blocks::all(db, MAX_BLOCKS).await?)
}

/// Refuses sign-ups with addresses at `domain` and its subdomains (needs MANAGE_BLOCKS).
pub async fn block_email_domain(
    app: &App,
    viewer: &Viewer,
    domain: &str,
) -> DomainResult<EmailDomainBlock> {
    viewer.require(Permission::ManageBlocks)?;
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    let valid = domain.len() <= 253
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !valid {
        return Err(DomainError::validation(
            "domain",
            "a domain such as spam.example",
        ));
    }
    let block = EmailDomainBlock {
        id: EmailDomainBlockId::new(),
        domain,
        created_at: Utc::now(),
    };
    let txn = app.write().await?;
    if !store::email_domain_blocks::insert(&txn, &block).await? {
        return Err(DomainError::validation(
            "domain",
            "this domain is blocked already",
        ));
    }
    let detail = serde_json::json!({ "domain": block.domain });
    audit::record(
        &txn,
        Some(viewer),
        "email_domain_block.create",
        None,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(block)
}

pub async fn unblock_email_domain(
    app: &App,
    viewer: &Viewer,
    id: EmailDomainBlockId,
) -> DomainResult<()> {
    viewer.require(Permission::ManageBlocks)?;
    let block = store::email_domain_blocks::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::EmailDomainBlock))?;
    let txn = app.write().await?;
    if store::email_domain_blocks::delete(&txn, id).await? {
        let detail = serde_json::json!({ "domain": block.domain });
        audit::record(
            &txn,
            Some(viewer),
            "email_domain_block.delete",
            None,
            detail,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Every IP block, the newest first (needs MANAGE_BLOCKS).
pub async fn ip_blocks(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<IpBlock>> {
    viewer.require(Permission::ManageBlocks)?;
    Ok(store::ip_blocks::all(db, MAX_BLOCKS).await?)
}

/// An IP block as asked.
#[derive(Debug, Clone)]
pub struct IpBlockInput {
    pub range: String,
    pub severity: IpBlockSeverity,
    pub comment: String,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn block_ip(app: &App, viewer: &Viewer, input: IpBlockInput) -> DomainResult<IpBlock> {
    viewer.require(Permission::ManageBlocks)?;
    let range = parse_range("range", &input.range)?;
    let comment = input.comment.trim().to_owned();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(DomainError::validation(
            "comment",
            format!("at most {MAX_COMMENT_CHARS} characters"),
        ));
    }
    let block = IpBlock {
        id: IpBlockId::new(),
        range,
        severity: input.severity,
        comment,
        expires_at: checked_expiry("expiresAt", input.expires_at)?,
        created_at: Utc::now(),
    };
    let txn = app.write().await?;
    if !store::ip_blocks::insert(&txn, &block).await? {
        return Err(DomainError::validation(
            "range",
            "this range is blocked already",
        ));
    }
    let detail = serde_json::json!({
        "range": block.range.to_string(),
        "severity": block.severity.as_str(),
        "comment": block.comment,
        "expiresAt": block.expires_at,
    });
    audit::record(&txn, Some(viewer), "ip_block.create", None, detail).await?;
    txn.commit().await?;
    Ok(block)
}

pub async fn unblock_ip(app: &App, viewer: &Viewer, id: IpBlockId) -> DomainResult<()> {
    viewer.require(Permission::ManageBlocks)?;
    let block = store::ip_blocks::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::IpBlock))?;
    let txn = app.write().await?;
    if store::ip_blocks::delete(&txn, id).await? {
        let detail = serde_json::json!({ "range": block.range.to_string() });
        audit::record(&txn, Some(viewer), "ip_block.delete", None, detail).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_domain_is_matched_with_the_domains_above_it() {
        assert_eq!(
            domain_and_parents("Mail.Spam.Example."),
            ["mail.spam.example", "spam.example"]
        );
        assert_eq!(domain_and_parents("example"), Vec::<String>::new());
    }

    #[test]
    fn ranges_are_read_as_written_or_as_one_address() {
        assert_eq!(
            parse_range("r", "192.0.2.7/24").unwrap().to_string(),
            "192.0.2.0/24"
        );
        assert_eq!(
            parse_range("r", " 192.0.2.7 ").unwrap().to_string(),
            "192.0.2.7/32"
        );
        assert_eq!(
            parse_range("r", "::ffff:192.0.2.7").unwrap().to_string(),
            "192.0.2.7/32"
        );
        assert_eq!(
            parse_range("r", "2001:db8::1/32").unwrap().to_string(),
            "2001:db8::/32"
        );
        assert!(parse_range("r", "192.0.2.0/33").is_err());
        assert!(parse_range("r", "everyone").is_err());
    }

    #[test]
    fn codes_are_long_and_unambiguous() {
        let code = new_code();
        assert_eq!(code.len(), CODE_CHARS);
        assert!(code.bytes().all(|c| CODE_ALPHABET.contains(&c)));
        assert_ne!(code, new_code());
    }
}
