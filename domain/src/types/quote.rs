//! Quote posts, and who may quote, reply to or boost a status (its interaction policy).

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, StatusId};
use crate::types::{Status, Visibility};

/// Who, besides the author, may do something with a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Anyone who may see it.
    Anyone,
    /// The author's followers.
    Followers,
    /// Nobody but the author (and, for replies, the accounts it mentions).
    Nobody,
}

impl Audience {
    const ALL: [Self; 3] = [Self::Anyone, Self::Followers, Self::Nobody];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Anyone => "anyone",
            Self::Followers => "followers",
            Self::Nobody => "nobody",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// Whether an account standing as `standing` with the author belongs to this audience.
    pub fn admits(self, standing: Standing) -> bool {
        standing.is_author
            || match self {
                Self::Anyone => true,
                Self::Followers => standing.follows_author,
                Self::Nobody => false,
            }
    }
}

/// Where an account stands with a status's author, for deciding what it may do with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub is_author: bool,
    pub follows_author: bool,
    /// The status mentions the account.
    pub mentioned: bool,
}

/// Who may quote, reply to and boost a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InteractionPolicy {
    pub can_quote: Audience,
    pub can_reply: Audience,
    pub can_boost: Audience,
}

impl InteractionPolicy {
    pub const OPEN: Self = Self {
        can_quote: Audience::Anyone,
        can_reply: Audience::Anyone,
        can_boost: Audience::Anyone,
    };

    /// Whether statuses of `visibility` are ever quoted or boosted, by anyone (their
    /// author included): public and unlisted ones only, as on Mastodon.
    pub fn shared(visibility: Visibility) -> bool {
        matches!(visibility, Visibility::Public | Visibility::Unlisted)
    }

    /// The policy in force for a status of `visibility`, from the one stored for it (if
    /// any): only public and unlisted statuses are ever quoted or boosted (as on Mastodon).
    /// A local status without a stored policy is open; a remote one without a published
    /// quote policy is not quoted (quotes are opt-in, as GoToSocial documents
    /// `canQuote`'s default), but replied to and boosted.
    pub fn in_force(stored: Option<Self>, visibility: Visibility, local: bool) -> Self {
        let mut policy = stored.unwrap_or(if local {
            Self::OPEN
        } else {
            Self {
                can_quote: Audience::Nobody,
                ..Self::OPEN
            }
        });
        if !Self::shared(visibility) {
            policy.can_quote = Audience::Nobody;
            policy.can_boost = Audience::Nobody;
        }
        policy
    }

    /// Whether an account standing as `standing` with the status may quote it.
    pub fn may_quote(&self, standing: Standing) -> bool {
        self.can_quote.admits(standing)
    }

    /// Whether it may reply to it: the accounts the status mentions always may.
    pub fn may_reply(&self, standing: Standing) -> bool {
        standing.mentioned || self.can_reply.admits(standing)
    }

    pub fn may_boost(&self, standing: Standing) -> bool {
        self.can_boost.admits(standing)
    }
}

/// The status a policy is about, as much of it as deciding needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PolicySubject {
    pub id: StatusId,
    pub author: AccountId,
    pub visibility: Visibility,
    pub local: bool,
}

impl From<&Status> for PolicySubject {
    fn from(status: &Status) -> Self {
        Self {
            id: status.id,
            author: status.account_id,
            visibility: status.visibility,
            local: status.local,
        }
    }
}

/// Where a quote stands with the quoted status's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteState {
    /// Asked for, not answered yet (or its stamp could not be checked).
    Pending,
    Accepted,
    Rejected,
    /// Allowed, then taken back by the quoted author.
    Revoked,
}

impl QuoteState {
    const ALL: [Self; 4] = [Self::Pending, Self::Accepted, Self::Rejected, Self::Revoked];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Revoked => "revoked",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// A quote post's quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quote post.
    pub status_id: StatusId,
    /// The status quoted, once known here.
    pub quoted_status_id: Option<StatusId>,
    pub quoted_ap_id: String,
    pub quoted_account_id: Option<AccountId>,
    pub state: QuoteState,
    /// The `QuoteAuthorization` stamp that allows it, once accepted.
    pub authorization_ap_id: Option<String>,
    /// The `QuoteRequest` that asked for it.
    pub request_ap_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_admit_as_named() {
        let stranger = Standing::default();
        let follower = Standing {
            follows_author: true,
            ..Standing::default()
        };
        let author = Standing {
            is_author: true,
            ..Standing::default()
        };
        for audience in Audience::ALL {
            assert_eq!(Audience::parse(audience.as_str()), Some(audience));
            assert!(audience.admits(author), "{audience:?}");
        }
        assert!(Audience::Anyone.admits(stranger));
        assert!(!Audience::Followers.admits(stranger));
        assert!(Audience::Followers.admits(follower));
        assert!(!Audience::Nobody.admits(follower));
    }

    #[test]
    fn only_public_and_unlisted_statuses_are_quoted_or_boosted() {
        for visibility in Visibility::ALL {
            let policy = InteractionPolicy::in_force(None, visibility, true);
            let open = matches!(visibility, Visibility::Public | Visibility::Unlisted);
            assert_eq!(policy.can_quote == Audience::Anyone, open, "{visibility:?}");
            assert_eq!(policy.can_boost == Audience::Anyone, open, "{visibility:?}");
            assert_eq!(policy.can_reply, Audience::Anyone);
        }
        let remote = InteractionPolicy::in_force(None, Visibility::Public, false);
        assert_eq!(remote.can_quote, Audience::Nobody);
        assert_eq!(remote.can_reply, Audience::Anyone);
        let mentioned = Standing {
            mentioned: true,
            ..Standing::default()
        };
        let closed = InteractionPolicy {
            can_quote: Audience::Nobody,
            can_reply: Audience::Nobody,
            can_boost: Audience::Nobody,
        };
        assert!(closed.may_reply(mentioned));
        assert!(!closed.may_quote(mentioned));
        assert!(!closed.may_boost(mentioned));
    }
}
