//! Roles and the permissions they grant, as Mastodon 4 has them: built-in `owner`, `admin`,
//! `moderator` and `user`, and roles administrators make.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::ids::RoleId;

/// One thing a role may let its holders do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    ManageReports,
    ManageUsers,
    ManageFederation,
    ManageSettings,
    ManageRules,
    /// Roles below one's own position only.
    ManageRoles,
    ViewAuditLog,
    ManageInvites,
    ManageAnnouncements,
    ManageWebhooks,
    ViewDashboard,
    ManageAppeals,
    DeleteUserData,
    InviteUsers,
    ManageCustomEmojis,
    /// The job queues: failed jobs and retries.
    ManageJobs,
    /// Email-domain and IP blocks.
    ManageBlocks,
}

impl Permission {
    pub const ALL: [Permission; 17] = [
        Self::ManageReports,
        Self::ManageUsers,
        Self::ManageFederation,
        Self::ManageSettings,
        Self::ManageRules,
        Self::ManageRoles,
        Self::ViewAuditLog,
        Self::ManageInvites,
        Self::ManageAnnouncements,
        Self::ManageWebhooks,
        Self::ViewDashboard,
        Self::ManageAppeals,
        Self::DeleteUserData,
        Self::InviteUsers,
        Self::ManageCustomEmojis,
        Self::ManageJobs,
        Self::ManageBlocks,
    ];

    /// Its bit in a stored set: its place in `ALL`, which only grows at its end.
    fn bit(self) -> u64 {
        1 << (self as u32)
    }
}

/// A set of permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Permissions(u64);

impl Permissions {
    pub fn none() -> Self {
        Self(0)
    }

    pub fn all() -> Self {
        Permission::ALL.into_iter().collect()
    }

    pub fn contains(self, permission: Permission) -> bool {
        self.0 & permission.bit() != 0
    }

    /// Whether every permission of `other` is in this set.
    pub fn covers(self, other: Permissions) -> bool {
        other.0 & !self.0 == 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .into_iter()
            .filter(move |p| self.contains(*p))
    }

    /// As stored; bits of no known permission are dropped.
    pub fn from_bits(bits: i64) -> Self {
        Self(bits as u64 & Self::all().0)
    }

    pub fn bits(self) -> i64 {
        self.0 as i64
    }
}

impl FromIterator<Permission> for Permissions {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        Self(iter.into_iter().fold(0, |bits, p| bits | p.bit()))
    }
}

/// Which role a user holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleKey {
    /// Everything, above everyone; given by the command line and the first-run setup only.
    Owner,
    Admin,
    Moderator,
    /// Everyone's: no permissions.
    User,
    Custom(RoleId),
}

impl RoleKey {
    pub const BUILT_IN: [RoleKey; 4] = [Self::Owner, Self::Admin, Self::Moderator, Self::User];

    /// As `users.role` stores it: the built-in role's name, or the custom role's id.
    pub fn as_stored(self) -> String {
        match self {
            Self::Owner => "owner".into(),
            Self::Admin => "admin".into(),
            Self::Moderator => "moderator".into(),
            Self::User => "user".into(),
            Self::Custom(id) => id.0.to_string(),
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "owner" => Some(Self::Owner),
            "admin" => Some(Self::Admin),
            "moderator" => Some(Self::Moderator),
            "user" => Some(Self::User),
            other => Uuid::parse_str(other)
                .ok()
                .map(|id| Self::from_id(RoleId(id))),
        }
    }

    /// The role's id: a fixed one for each built-in role.
    pub fn id(self) -> RoleId {
        match self {
            Self::Custom(id) => id,
            builtin => {
                let n = Self::BUILT_IN
                    .iter()
                    .position(|key| *key == builtin)
                    .unwrap_or(0) as u128;
                RoleId(Uuid::from_u128(n + 1))
            }
        }
    }

    /// The key of the role with `id`: a built-in one's fixed id, else a custom role.
    pub fn from_id(id: RoleId) -> Self {
        Self::BUILT_IN
            .into_iter()
            .find(|key| key.id() == id)
            .unwrap_or(Self::Custom(id))
    }
}

/// A role with what it grants.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub key: RoleKey,
    pub name: String,
    /// `#rrggbb`.
    pub colour: Option<String>,
    /// Higher outranks lower: nobody acts on a person, or manages a role, at or above
    /// their own position.
    pub position: i32,
    pub permissions: Permissions,
    pub created_at: Option<DateTime<Utc>>,
}

/// The highest position a custom role may take: below the built-in administrators.
pub const MAX_CUSTOM_POSITION: i32 = 99;

impl Role {
    /// A built-in role; None for a custom key.
    pub fn built_in(key: RoleKey) -> Option<Role> {
        let (name, position, permissions) = match key {
            RoleKey::Owner => ("Owner", 1000, Permissions::all()),
            RoleKey::Admin => ("Admin", 100, Permissions::all()),
            RoleKey::Moderator => (
                "Moderator",
                10,
                [
                    Permission::ManageReports,
                    Permission::ManageUsers,
                    Permission::ManageAppeals,
                    Permission::ViewAuditLog,
                    Permission::ViewDashboard,
                    Permission::InviteUsers,
                ]
                .into_iter()
                .collect(),
            ),
            RoleKey::User => return Some(Self::user()),
            RoleKey::Custom(_) => return None,
        };
        Some(Role {
            key,
            name: name.into(),
            colour: None,
            position,
            permissions,
            created_at: None,
        })
    }

    pub fn user() -> Role {
        Role {
            key: RoleKey::User,
            name: "User".into(),
            colour: None,
            position: 0,
            permissions: Permissions::none(),
            created_at: None,
        }
    }

    pub fn is_built_in(&self) -> bool {
        !matches!(self.key, RoleKey::Custom(_))
    }

    /// What a viewer holding this role carries.
    pub fn rank(&self) -> Rank {
        Rank {
            key: self.key,
            position: self.position,
            permissions: self.permissions,
        }
    }
}

/// What a role grants its holder, as a request carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    pub key: RoleKey,
    pub position: i32,
    pub permissions: Permissions,
}

impl Rank {
    pub fn of(key: RoleKey) -> Option<Rank> {
        Role::built_in(key).map(|role| role.rank())
    }

    pub fn user() -> Rank {
        Role::user().rank()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_permission_keeps_its_place_in_all() {
        for (index, permission) in Permission::ALL.into_iter().enumerate() {
            assert_eq!(permission as usize, index);
        }
    }

    #[test]
    fn role_keys_and_permission_sets_round_trip() {
        for key in RoleKey::BUILT_IN {
            assert_eq!(RoleKey::parse(&key.as_stored()), Some(key));
            assert_eq!(RoleKey::from_id(key.id()), key);
        }
        let custom = RoleKey::Custom(RoleId::new());
        assert_eq!(RoleKey::parse(&custom.as_stored()), Some(custom));
        assert_eq!(RoleKey::from_id(custom.id()), custom);
        let set: Permissions = [Permission::ManageRules, Permission::ManageBlocks]
            .into_iter()
            .collect();
        assert_eq!(Permissions::from_bits(set.bits()), set);
        assert_eq!(set.iter().count(), 2);
        assert!(Permissions::all().covers(set));
        assert!(!set.covers(Permissions::all()));
        assert_eq!(Permissions::from_bits(-1), Permissions::all());
    }
}
