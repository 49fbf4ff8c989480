//! Instance-level domain blocks, by severity: a suspended server is cut off (nothing is
//! received from, fetched from or sent to it) and its accounts suspended here; a limited
//! one's accounts are limited; any block may refuse its media or its reports.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{SubsecRound, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::Value;

use crate::service::audit;
use crate::store;
use crate::types::{
    AccountAction, AuditTarget, DomainBlock, DomainBlockSeverity, FederationMode, Permission,
    Viewer,
};
use crate::{DomainError, DomainResult};

/// The host part of a domain as blocks compare it: lowercased, without port or dot.
fn normalise(domain: &str) -> String {
    let host = domain.trim().trim_end_matches('.').to_lowercase();
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) && !name.contains(':') => {
            name.to_owned()
        }
        _ => host,
    }
}

/// The longest comment a block keeps.
pub const MAX_COMMENT_CHARS: usize = 1000;
/// The most lines an import reads.
pub const MAX_IMPORT_LINES: usize = 10_000;

/// A block as a moderator (or the command line) sets it.
#[derive(Debug, Clone)]
pub struct BlockInput {
    pub domain: String,
    pub severity: DomainBlockSeverity,
    pub reject_media: bool,
    pub reject_reports: bool,
    pub obfuscate: bool,
    pub private_comment: String,
    pub public_comment: String,
}

impl BlockInput {
    /// A suspension with a private comment: what `rookery admin block-domain` sets.
    pub fn suspend(domain: &str, reason: Option<String>) -> Self {
        Self {
            domain: domain.to_owned(),
            severity: DomainBlockSeverity::Suspend,
            reject_media: false,
            reject_reports: false,
            obfuscate: false,
            private_comment: reason.unwrap_or_default(),
            public_comment: String::new(),
        }
    }
}

/// `domain` as blocks keep it, or VALIDATION.
pub(crate) fn checked_domain(domain: &str) -> DomainResult<String> {
    let domain = normalise(domain);
    let valid = !domain.is_empty()
        && domain.len() <= 253
        && domain.contains('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if valid || domain == "localhost" {
        Ok(domain)
    } else {
        Err(DomainError::validation("domain", "not a domain name"))
    }
}

fn checked_comment(field: &'static str, comment: &str) -> DomainResult<String> {
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(DomainError::validation(
            field,
            format!("at most {MAX_COMMENT_CHARS} characters"),
        ));
    }
    Ok(comment.to_owned())
}

/// What `input` makes of the block there is on its domain (if any), checked.
fn block_of(input: BlockInput, before: Option<&DomainBlock>) -> DomainResult<DomainBlock> {
    Ok(DomainBlock {
        domain: checked_domain(&input.domain)?,
        severity: input.severity,
        reject_media: input.reject_media,
        reject_reports: input.reject_reports,
        obfuscate: input.obfuscate,
        private_comment: checked_comment("privateComment", &input.private_comment)?,
        public_comment: checked_comment("publicComment", &input.public_comment)?,
        // Kept, so that what a block set on accounts is told apart by its time; stored to
        // the microsecond, as both databases keep it.
        created_at: before.map_or_else(|| Utc::now().trunc_subsecs(6), |b| b.created_at),
    })
}

/// Blocks a server, or changes its block, with what the new severity does to its accounts
/// at once: a suspension suspends them and ends follows with them; a limit limits them.
/// What the earlier severity set is lifted first. `viewer` None is the command line.
pub async fn set(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    input: BlockInput,
) -> DomainResult<DomainBlock> {
    if let Some(viewer) = viewer {
        viewer.require(Permission::ManageFederation)?;
    }
    let domain = checked_domain(&input.domain)?;
    let before = store::domain_blocks::by_domain(db, &domain).await?;
    let block = block_of(input, before.as_ref())?;
    let txn = crate::db::begin_write(db).await?;
    if let Some(before) = &before {
        lift_effects(&txn, before).await?;
    }
    store::domain_blocks::save(&txn, &block).await?;
    apply_effects(&txn, &block).await?;
    audit::record(
        &txn,
        viewer,
        "domain_block.set",
        Some(audit_target(&block.domain)),
        audit::change(
            before.as_ref().map_or(Value::Null, describe),
            describe(&block),
        ),
    )
    .await?;
    txn.commit().await?;
    changed();
    Ok(block)
}

/// Lifts a server's block and what it set on its accounts (their content shows again);
/// false when there was none. Follows it ended stay ended.
pub async fn remove(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    domain: &str,
) -> DomainResult<bool> {
    if let Some(viewer) = viewer {
        viewer.require(Permission::ManageFederation)?;
    }
    let Some(before) = store::domain_blocks::by_domain(db, &normalise(domain)).await? else {
        return Ok(false);
    };
    let txn = crate::db::begin_write(db).await?;
    lift_effects(&txn, &before).await?;
    store::domain_blocks::delete(&txn, &before.domain).await?;
    audit::record(
        &txn,
        viewer,
        "domain_block.remove",
        Some(audit_target(&before.domain)),
        audit::change(describe(&before), Value::Null),
    )
    .await?;
    txn.commit().await?;
    changed();
    Ok(true)
}

async fn apply_effects(db: &impl ConnectionTrait, block: &DomainBlock) -> DomainResult<()> {
    let began = block.created_at;
    match block.severity {
        DomainBlockSeverity::Noop => {}
        DomainBlockSeverity::Limit => {
            store::accounts::restrict_domain(db, &block.domain, AccountAction::Limit, began, false)
                .await?;
        }
        DomainBlockSeverity::Suspend => {
            store::accounts::restrict_domain(
                db,
                &block.domain,
                AccountAction::Suspend,
                began,
                false,
            )
            .await?;
            store::severed_follows::sever_on_domain(db, &block.domain, began).await?;
            store::follow_requests::delete_all_with_domain(db, &block.domain).await?;
        }
    }
    Ok(())
}

async fn lift_effects(db: &impl ConnectionTrait, block: &DomainBlock) -> DomainResult<()> {
    let action = match block.severity {
        DomainBlockSeverity::Noop => return Ok(()),
        DomainBlockSeverity::Limit => AccountAction::Limit,
        DomainBlockSeverity::Suspend => AccountAction::Suspend,
    };
    store::accounts::restrict_domain(db, &block.domain, action, block.created_at, true).await?;
    if action == AccountAction::Suspend {
        store::severed_follows::restore_on_domain(db, &block.domain).await?;
    }
    Ok(())
}

/// How the audit log names a blocked server: by a stable id made from its name.
fn audit_target(domain: &str) -> AuditTarget {
    use std::hash::{Hash, Hasher};
    let mut first = std::collections::hash_map::DefaultHasher::new();
    ("domain_block", domain).hash(&mut first);
    let mut second = std::collections::hash_map::DefaultHasher::new();
    (domain, "domain_block").hash(&mut second);
    let bits = (u128::from(first.finish()) << 64) | u128::from(second.finish());
    AuditTarget {
        kind: "DomainBlock",
        id: uuid::Uuid::from_u128(bits),
        name: domain.to_owned(),
    }
}

fn describe(block: &DomainBlock) -> Value {
    serde_json::json!({
        "severity": block.severity.as_str(),
        "rejectMedia": block.reject_media,
        "rejectReports": block.reject_reports,
        "obfuscate": block.obfuscate,
        "privateComment": block.private_comment,
        "publicComment": block.public_comment,
    })
}

/// Every block, for moderators (or the command line).
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
) -> DomainResult<Vec<DomainBlock>> {
    if let Some(viewer) = viewer {
        viewer.require(Permission::ManageFederation)?;
    }
    Ok(store::domain_blocks::all(db).await?)
}

/// Every block as anyone may read it (the domain obfuscated where asked).
pub async fn public_list(db: &impl ConnectionTrait) -> DomainResult<Vec<DomainBlock>> {
    Ok(store::domain_blocks::all(db).await?)
}

/// How many accounts of a blocked server this instance knows.
pub async fn accounts_count(db: &impl ConnectionTrait, domain: &str) -> DomainResult<u64> {
    Ok(store::accounts::count_on_domain(db, domain).await?)
}

/// The block on `domain` or a domain above it, the nearest first.
async fn nearest(db: &impl ConnectionTrait, domain: &str) -> DomainResult<Option<DomainBlock>> {
    let candidates = candidates(domain);
    let mut found = store::domain_blocks::among(db, candidates.clone()).await?;
    found.sort_by_key(|b| candidates.iter().position(|c| *c == b.domain));
    Ok(found.into_iter().next())
}

/// Since when accounts of `domain` are limited by a block, if they are.
pub async fn limited_since(
    db: &impl ConnectionTrait,
    domain: &str,
) -> DomainResult<Option<chrono::DateTime<Utc>>> {
    Ok(nearest(db, domain)
        .await?
        .filter(|b| b.severity == DomainBlockSeverity::Limit)
        .map(|b| b.created_at))
}

/// Whether reports (Flags) from `domain` are dropped.
pub async fn rejects_reports(db: &impl ConnectionTrait, domain: &str) -> DomainResult<bool> {
    Ok(nearest(db, domain).await?.is_some_and(|b| b.reject_reports))
}

/// Whether media from `domain` is not fetched.
pub async fn rejects_media(db: &impl ConnectionTrait, domain: &str) -> DomainResult<bool> {
    Ok(nearest(db, domain)
        .await?
        .is_some_and(|b| b.reject_media || b.severity == DomainBlockSeverity::Suspend))
}

/// Mastodon's CSV header for domain blocks.
pub const CSV_HEADER: &str =
    "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";

/// Every block as Mastodon's CSV (for moderators).
pub async fn export(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<String> {
    let blocks = list(db, Some(viewer)).await?;
    let mut csv = String::from(CSV_HEADER);
    csv.push('\n');
    for block in blocks {
        let severity = match block.severity {
            DomainBlockSeverity::Limit => "silence",
            other => other.as_str(),
        };
        csv.push_str(&format!(
            "{},{},{},{},{},{}\n",
            block.domain,
            severity,
            block.reject_media,
            block.reject_reports,
            csv_field(&block.public_comment),
            block.obfuscate,
        ));
    }
    Ok(csv)
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The fields of one CSV line, quotes understood.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(field) = fields.last_mut() {
                    field.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

/// One line of an import, read by the header's column names.
struct CsvRow<'a> {
    columns: &'a [String],
    fields: &'a [String],
}

impl CsvRow<'_> {
    fn get(&self, name: &str) -> Option<String> {
        self.columns
            .iter()
            .position(|c| c == name)
            .and_then(|i| self.fields.get(i))
            .map(|v| v.trim().to_owned())
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

fn refused(line: usize, why: &str) -> DomainError {
    DomainError::validation("csv", format!("line {line}: {why}"))
}

/// What an import does to one domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChange {
    Add,
    Update,
    Unchanged,
}

/// Reads Mastodon's CSV of domain blocks (a header line naming its columns, as Mastodon
/// exports it, or the bare domain per line) and says what each line would change; with
/// `apply`, makes those changes. A line that does not read refuses the whole import
/// (VALIDATION naming the line) and changes nothing.
pub async fn import(
    db: &DatabaseConnection,
    viewer: &Viewer,
    csv: &str,
    apply: bool,
) -> DomainResult<Vec<(DomainBlock, ImportChange)>> {
    viewer.require(Permission::ManageFederation)?;
    let lines: Vec<&str> = csv.lines().filter(|l| !l.trim().is_empty()).collect();
    let (columns, body): (Vec<String>, &[&str]) = match lines.split_first() {
        Some((first, rest)) if first.trim_start().starts_with('#') => (
            csv_fields(first)
                .into_iter()
                .map(|c| c.trim().trim_start_matches('#').to_lowercase())
                .collect(),
            rest,
        ),
        _ => (vec!["domain".into()], &lines),
    };
    // Numbered as an editor shows them, counting the header.
    let first_line = lines.len() - body.len() + 1;
    let mut changes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, line) in body.iter().enumerate() {
        let number = n + first_line;
        if n >= MAX_IMPORT_LINES {
            return Err(DomainError::validation(
                "csv",
                format!("at most {MAX_IMPORT_LINES} lines"),
            ));
        }
        let fields = csv_fields(line);
        let row = CsvRow {
            columns: &columns,
            fields: &fields,
        };
        let domain = row
            .get("domain")
            .ok_or_else(|| refused(number, "no domain"))?;
        let severity = match row.get("severity").filter(|s| !s.is_empty()) {
            Some(s) => {
                DomainBlockSeverity::parse(&s).ok_or_else(|| refused(number, "unknown severity"))?
            }
            None => DomainBlockSeverity::Suspend,
        };
        let input = BlockInput {
            domain: domain.clone(),
            severity,
            reject_media: row.flag("reject_media"),
            reject_reports: row.flag("reject_reports"),
            obfuscate: row.flag("obfuscate"),
            private_comment: String::new(),
            public_comment: row.get("public_comment").unwrap_or_default(),
        };
        let normalised =
            checked_domain(&domain).map_err(|_| refused(number, "not a domain name"))?;
        if !seen.insert(normalised.clone()) {
            return Err(refused(number, "the domain is given twice"));
        }
        let mut block =
            block_of(input, None).map_err(|error| refused(number, &error.to_string()))?;
        let before = store::domain_blocks::by_domain(db, &normalised).await?;
        if let Some(before) = &before {
            // An import keeps when a block began, and a moderator's private comment.
            block.created_at = before.created_at;
            block.private_comment = before.private_comment.clone();
        }
        let change = match &before {
            None => ImportChange::Add,
            Some(before) if *before == block => ImportChange::Unchanged,
            Some(_) => ImportChange::Update,
        };
        changes.push((block, change));
    }
    if apply {
        for (block, change) in &changes {
            if *change != ImportChange::Unchanged {
                let input = BlockInput {
                    domain: block.domain.clone(),
                    severity: block.severity,
                    reject_media: block.reject_media,
                    reject_reports: block.reject_reports,
                    obfuscate: block.obfuscate,
                    private_comment: block.private_comment.clone(),
                    public_comment: block.public_comment.clone(),
                };
                set(db, Some(viewer), input).await?;
            }
        }
    }
    Ok(changes)
}

/// Counts the blocks (and allows, and mode changes) made or lifted by this process, so that
/// its [`RecentBlockList`]s read the list again at once (other processes' changes apply
/// within [`RecentBlockList::FOR`]).
static BLOCKS_CHANGED: AtomicU64 = AtomicU64::new(0);

/// The instance setting that holds the federation mode.
pub const FEDERATION_MODE: &str = "federation_mode";

/// Which servers this one federates with (blocklist mode unless set otherwise).
pub async fn mode(db: &impl ConnectionTrait) -> DomainResult<FederationMode> {
    Ok(store::instance_settings::get(db, FEDERATION_MODE)
        .await?
        .and_then(|value| value.as_str().and_then(FederationMode::parse))
        .unwrap_or_default())
}

/// Tells this process's [`RecentBlockList`]s that what is cut off changed.
pub(crate) fn changed() {
    BLOCKS_CHANGED.fetch_add(1, Ordering::Relaxed);
}

/// `domain` and every domain it is a subdomain of (not the bare top-level domain).
pub(crate) fn candidates(domain: &str) -> Vec<String> {
    let host = normalise(domain);
    let mut candidates = Vec::new();
    let mut rest = host.as_str();
    loop {
        candidates.push(rest.to_owned());
        match rest.split_once('.') {
            Some((_, parent)) if parent.contains('.') => rest = parent,
            _ => break,
        }
    }
    candidates
}

/// Whether `domain` (a host, with or without port) is cut off: it or a domain above it is
/// blocked, or, in allowlist mode, neither it nor a domain above it is allowed.
pub async fn is_blocked(db: &impl ConnectionTrait, domain: &str) -> DomainResult<bool> {
    Ok(first_blocked(db, &[domain.to_owned()]).await?.is_some())
}

/// The first of `domains` that is cut off (see [`is_blocked`]), asking once.
pub async fn first_blocked(
    db: &impl ConnectionTrait,
    domains: &[String],
) -> DomainResult<Option<String>> {
    let all: Vec<String> = domains.iter().flat_map(|d| candidates(d)).collect();
    let blocked = store::domain_blocks::blocked_among(db, all.clone()).await?;
    let allowed = match mode(db).await? {
        FederationMode::Blocklist => None,
        FederationMode::Allowlist => Some(store::domain_allows::allowed_among(db, all).await?),
    };
    Ok(domains
        .iter()
        .find(|d| {
            let candidates = candidates(d);
            candidates.iter().any(|c| blocked.contains(c))
                || allowed
                    .as_ref()
                    .is_some_and(|allowed| !candidates.iter().any(|c| allowed.contains(c)))
        })
        .cloned())
}

/// Every block (and, in allowlist mode, the allowlist), read once, for checking many
/// domains without asking the database.
#[derive(Debug, Clone, Default)]
pub struct BlockList {
    blocked: HashSet<String>,
    /// In allowlist mode, the servers allowed.
    allowed: Option<HashSet<String>>,
}

impl BlockList {
    pub async fn load(db: &impl ConnectionTrait) -> DomainResult<Self> {
        let blocked = store::domain_blocks::all(db)
            .await?
            .into_iter()
            .filter(|block| block.severity == DomainBlockSeverity::Suspend)
            .map(|block| block.domain)
            .collect();
        let allowed = match mode(db).await? {
            FederationMode::Blocklist => None,
            FederationMode::Allowlist => Some(
                store::domain_allows::all(db)
                    .await?
                    .into_iter()
                    .map(|allow| allow.domain)
                    .collect(),
            ),
        };
        Ok(Self { blocked, allowed })
    }

    /// The same answer as [`is_blocked`] gave when the list was read.
    pub fn blocks(&self, domain: &str) -> bool {
        let candidates = candidates(domain);
        candidates.iter().any(|c| self.blocked.contains(c))
            || self
                .allowed
                .as_ref()
                .is_some_and(|allowed| !candidates.iter().any(|c| allowed.contains(c)))
    }
}

/// The block list as one process read it a moment ago: inboxes check every request
/// against it without asking the database each time. A block made or lifted by another
/// process (`rookery admin block-domain`) applies within [`RecentBlockList::FOR`]; one made
/// by this process, at once.
#[derive(Debug, Default)]
pub struct RecentBlockList(tokio::sync::Mutex<Option<ReadList>>);

#[derive(Debug)]
struct ReadList {
    at: std::time::Instant,
    changes_seen: u64,
    list: BlockList,
}

impl RecentBlockList {
    /// How long a list read is used.
    pub const FOR: std::time::Duration = std::time::Duration::from_secs(5);

    /// The first of `domains` that is blocked (itself or a domain above it).
    pub async fn first_blocked(
        &self,
        db: &impl ConnectionTrait,
        domains: &[String],
    ) -> DomainResult<Option<String>> {
        let mut recent = self.0.lock().await;
        let changes = BLOCKS_CHANGED.load(Ordering::Relaxed);
        let fresh = recent
            .as_ref()
            .is_some_and(|read| read.at.elapsed() < Self::FOR && read.changes_seen == changes);
        if !fresh {
            *recent = Some(ReadList {
                at: std::time::Instant::now(),
                changes_seen: changes,
                list: BlockList::load(db).await?,
            });
        }
        Ok(recent
            .as_ref()
            .and_then(|read| domains.iter().find(|d| read.list.blocks(d)).cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn block_lists_cover_subdomains() {
        let list = super::BlockList {
            blocked: ["evil.example".to_owned()].into_iter().collect(),
            allowed: None,
        };
        assert!(list.blocks("evil.example"));
        assert!(list.blocks("Social.Evil.Example:8443"));
        assert!(!list.blocks("notevil.example"));
        assert!(!list.blocks("example"));
    }

    #[test]
    fn in_allowlist_mode_only_allowed_servers_and_their_subdomains_pass() {
        let list = super::BlockList {
            blocked: ["bad.friends.example".to_owned()].into_iter().collect(),
            allowed: Some(["friends.example".to_owned()].into_iter().collect()),
        };
        assert!(!list.blocks("friends.example"));
        assert!(!list.blocks("Social.Friends.Example:8443"));
        assert!(list.blocks("bad.friends.example"));
        assert!(list.blocks("strangers.example"));
        assert!(list.blocks("notfriends.example"));
    }

    #[test]
    fn domains_compare_without_case_port_or_dot() {
        assert_eq!(normalise("Evil.Example."), "evil.example");
        assert_eq!(normalise("evil.example:8443"), "evil.example");
        assert_eq!(normalise("127.0.0.1:3000"), "127.0.0.1");
    }
}
