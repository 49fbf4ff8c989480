//! Servers this instance cuts off, and how far; and, in allowlist mode, those it federates with.

use chrono::{DateTime, Utc};

/// How far a server is cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomainBlockSeverity {
    /// Nothing is cut off; only media or reports may be refused.
    Noop,
    /// Its accounts are limited: their posts reach their followers here only.
    Limit,
    /// Nothing is received from, fetched from or sent to it; its accounts are suspended.
    Suspend,
}

impl DomainBlockSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Noop => "noop",
            Self::Limit => "limit",
            Self::Suspend => "suspend",
        }
    }

    /// Read as stored, and as Mastodon's CSV writes it (`silence` is a limit).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_lowercase().as_str() {
            "noop" => Some(Self::Noop),
            "limit" | "silence" => Some(Self::Limit),
            "suspend" => Some(Self::Suspend),
            _ => None,
        }
    }
}

/// A blocked server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainBlock {
    /// Lowercased host; the block covers its subdomains.
    pub domain: String,
    pub severity: DomainBlockSeverity,
    pub reject_media: bool,
    pub reject_reports: bool,
    pub obfuscate: bool,
    pub private_comment: String,
    pub public_comment: String,
    pub created_at: DateTime<Utc>,
}

impl DomainBlock {
    /// The name the public list shows: with some letters as `*` when asked (Mastodon's
    /// way: every other letter of the name's first label, keeping the first and last).
    pub fn public_domain(&self) -> String {
        if !self.obfuscate {
            return self.domain.clone();
        }
        let (label, rest) = self
            .domain
            .split_once('.')
            .map_or((self.domain.as_str(), ""), |(l, r)| (l, r));
        let count = label.chars().count();
        let hidden: String = label
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i > 0 && i + 1 < count && i % 2 == 1 {
                    '*'
                } else {
                    c
                }
            })
            .collect();
        if rest.is_empty() {
            hidden
        } else {
            format!("{hidden}.{rest}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obfuscated_names_hide_letters_of_the_first_label() {
        let mut block = DomainBlock {
            domain: "example.com".into(),
            severity: DomainBlockSeverity::Suspend,
            reject_media: false,
            reject_reports: false,
            obfuscate: true,
            private_comment: String::new(),
            public_comment: String::new(),
            created_at: Utc::now(),
        };
        assert_eq!(block.public_domain(), "e*a*p*e.com");
        block.obfuscate = false;
        assert_eq!(block.public_domain(), "example.com");
        assert_eq!(
            DomainBlockSeverity::parse("Silence"),
            Some(DomainBlockSeverity::Limit)
        );
        assert_eq!(DomainBlockSeverity::parse("ban"), None);
    }
}

/// Which servers this one federates with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FederationMode {
    /// Every server but those blocked.
    #[default]
    Blocklist,
    /// Only the servers on the allowlist, and not blocked.
    Allowlist,
}

impl FederationMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Blocklist => "blocklist",
            Self::Allowlist => "allowlist",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Blocklist, Self::Allowlist]
            .into_iter()
            .find(|mode| mode.as_str() == value)
    }
}

/// A server on the allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainAllow {
    pub id: crate::ids::DomainAllowId,
    /// Lowercased host; its subdomains are allowed too.
    pub domain: String,
    pub created_at: DateTime<Utc>,
}
