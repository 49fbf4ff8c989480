//! Local users (logins) and the viewer making a request.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, TokenId, UserId};
use crate::types::role::{Permission, Rank, RoleKey};

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub account_id: AccountId,
    pub email: String,
    pub role: RoleKey,
    pub approved: bool,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Queries (and subscriptions).
    Read,
    /// Mutations.
    Write,
    /// Follows, blocks, mutes and follow requests only.
    Follow,
    /// Administration and moderation, for admins and moderators.
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Self::Read, Self::Write, Self::Follow, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::Follow => "follow",
            Self::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == value)
    }

    fn bit(self) -> u8 {
        match self {
            Self::Read => 1,
            Self::Write => 2,
            Self::Follow => 4,
            Self::Admin => 8,
        }
    }
}

/// A set of scopes, stored as their names separated by spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes(u8);

impl Scopes {
    /// Every scope: what a log-in token carries.
    pub fn all() -> Self {
        Self::from_iter(Scope::ALL)
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    pub fn insert(&mut self, scope: Scope) {
        self.0 |= scope.bit();
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether every scope of `other` is in this set.
    pub fn covers(self, other: Scopes) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL
            .into_iter()
            .filter(move |scope| self.contains(*scope))
    }

    /// Parses stored names; unknown words are ignored.
    pub fn parse(value: &str) -> Self {
        value.split_whitespace().filter_map(Scope::parse).collect()
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        let mut scopes = Self::default();
        for scope in iter {
            scopes.insert(scope);
        }
        scopes
    }
}

impl std::fmt::Display for Scopes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.iter().map(Scope::as_str).collect();
        f.write_str(&names.join(" "))
    }
}

/// How a token came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Issued by logging in (or signing up); carries every scope.
    Login,
    /// Made by its owner for a script or bot, with a name and chosen scopes.
    Personal,
    /// Issued to a disabled or suspended person to read their strikes and appeal them;
    /// carries no scope and lasts an hour.
    Appeal,
}

impl TokenKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::Personal => "personal",
            Self::Appeal => "appeal",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "login" => Some(Self::Login),
            "personal" => Some(Self::Personal),
            "appeal" => Some(Self::Appeal),
            _ => None,
        }
    }
}

/// Why an account cannot log in, as an appeal token tells its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStanding {
    /// A moderator disabled (froze) the login.
    Disabled,
    /// A moderator suspended the account.
    Suspended,
}

/// A personal access token as its owner sees it; never its secret.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessToken {
    pub id: TokenId,
    pub name: String,
    pub scopes: Scopes,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// A log-in token as its owner sees it: where it was made, and when it was last used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: TokenId,
    /// The browser or app that logged in, as it named itself (its User-Agent), if known.
    pub device: Option<String>,
    /// The address it was signed in from, until the instance's IP retention forgets it.
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// Whether it is the token of the request asking.
    pub current: bool,
}

/// The authenticated user behind a request, the token it used and what that token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub account_id: AccountId,
    pub user_id: UserId,
    /// What the user's role grants, read when the request was authenticated.
    pub role: Rank,
    pub token_id: TokenId,
    pub scopes: Scopes,
    /// Whether the user's email address is confirmed (always, where the instance does not
    /// ask for confirmation).
    pub email_confirmed: bool,
    /// Whether the instance asks the viewer to turn on two-factor sign-in before they use
    /// their role's permissions (they have some, and no second factor).
    pub second_factor_missing: bool,
}

impl Viewer {
    /// Whether the token is an appeal token (no scope at all): it reaches only what a
    /// disabled or suspended person may do, reading their strikes and appealing them.
    pub fn appeals_only(&self) -> bool {
        self.scopes.is_empty()
    }

    /// Whether the token allows `scope`. `write` allows `follow` too. The role is checked
    /// apart: an `admin` scope does not make its owner an admin.
    pub fn has_scope(&self, scope: Scope) -> bool {
        self.scopes.contains(scope)
            || (scope == Scope::Follow && self.scopes.contains(Scope::Write))
    }

    /// Whether the viewer may do what `permission` covers: its role grants it, its token
    /// carries the `admin` scope, and it has a second factor where the instance asks staff
    /// for one. Every moderation and administration use case asks this (or
    /// [`Viewer::require`]).
    pub fn may(&self, permission: Permission) -> bool {
        self.role.permissions.contains(permission)
            && !self.second_factor_missing
            && self.has_scope(Scope::Admin)
    }

    /// The viewer's role granting `permission` (FORBIDDEN otherwise), with a second factor
    /// where the instance asks staff for one (TWO_FACTOR_REQUIRED otherwise) and a token
    /// that carries the `admin` scope (INSUFFICIENT_SCOPE otherwise), however the request
    /// reached here: through a top-level field or a nested one.
    pub fn require(&self, permission: Permission) -> crate::DomainResult<()> {
        if !self.role.permissions.contains(permission) {
            return Err(crate::DomainError::Forbidden);
        }
        if self.second_factor_missing {
            return Err(crate::DomainError::TwoFactorRequired);
        }
        self.require_scope(Scope::Admin)
    }

    /// [`Viewer::require`] for any one of `permissions`.
    pub fn require_any(&self, permissions: &[Permission]) -> crate::DomainResult<()> {
        match permissions
            .iter()
            .find(|p| self.role.permissions.contains(**p))
        {
            Some(permission) => self.require(*permission),
            None => Err(crate::DomainError::Forbidden),
        }
    }

    /// EMAIL_NOT_CONFIRMED until the user follows the link mailed to confirm their
    /// address: asked before posting, boosting, following and messaging.
    pub fn require_confirmed_email(&self) -> crate::DomainResult<()> {
        if self.email_confirmed {
            Ok(())
        } else {
            Err(crate::DomainError::EmailNotConfirmed)
        }
    }

    /// The viewer, or INSUFFICIENT_SCOPE when its token lacks `scope`.
    pub fn require_scope(&self, scope: Scope) -> crate::DomainResult<()> {
        if self.has_scope(scope) {
            Ok(())
        } else {
            Err(crate::DomainError::InsufficientScope(scope))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip_and_write_allows_follow() {
        let scopes = Scopes::parse("write read bogus");
        assert_eq!(scopes.to_string(), "read write");
        assert!(Scopes::all().covers(scopes));
        assert!(!scopes.covers(Scopes::all()));
        let viewer = Viewer {
            account_id: AccountId::new(),
            user_id: UserId::new(),
            role: Rank::user(),
            token_id: TokenId::new(),
            scopes,
            email_confirmed: true,
            second_factor_missing: false,
        };
        assert!(viewer.has_scope(Scope::Follow));
        assert!(!viewer.has_scope(Scope::Admin));
        let follow_only = Viewer {
            scopes: Scopes::parse("follow"),
            ..viewer
        };
        assert!(follow_only.has_scope(Scope::Follow));
        assert!(!follow_only.has_scope(Scope::Write));
        assert!(!follow_only.has_scope(Scope::Read));
    }
}
