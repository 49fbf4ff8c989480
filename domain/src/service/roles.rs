//! Roles: what each grants, who holds which, and the rule that nobody gives a permission
//! they lack or acts on a person or role at or above their own position.

use sea_orm::ConnectionTrait;

use crate::ids::{AccountId, Kind, RoleId};
use crate::service::{App, accounts, audit};
use crate::store;
use crate::types::role::MAX_CUSTOM_POSITION;
use crate::types::{AuditTarget, Permission, Permissions, Rank, Role, RoleKey, User, Viewer};
use crate::{DomainError, DomainResult};

/// The most custom roles an instance keeps.
pub const MAX_ROLES: usize = 100;
/// The most characters of a role's name.
pub const MAX_NAME_CHARS: usize = 64;

/// A role as an administrator writes it.
#[derive(Debug, Clone)]
pub struct RoleInput {
    pub name: String,
    pub colour: Option<String>,
    pub position: i32,
    pub permissions: Permissions,
}

/// The role behind `key`: built in, or as stored (a role since deleted reads as `user`).
pub async fn get(db: &impl ConnectionTrait, key: RoleKey) -> DomainResult<Role> {
    if let Some(role) = Role::built_in(key) {
        return Ok(role);
    }
    Ok(store::roles::by_id(db, key.id())
        .await?
        .unwrap_or_else(Role::user))
}

/// What `key` grants a request.
pub async fn rank(db: &impl ConnectionTrait, key: RoleKey) -> DomainResult<Rank> {
    match Rank::of(key) {
        Some(rank) => Ok(rank),
        None => Ok(get(db, key).await?.rank()),
    }
}

/// The viewer's own role.
pub async fn of_viewer(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Role> {
    get(db, viewer.role.key).await
}

/// Every role, highest first, for those who manage roles or people.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> DomainResult<Vec<Role>> {
    viewer.require_any(&[Permission::ManageRoles, Permission::ManageUsers])?;
    let mut roles: Vec<Role> = RoleKey::BUILT_IN
        .into_iter()
        .filter_map(Role::built_in)
        .collect();
    roles.extend(store::roles::all(db).await?);
    roles.sort_by(|a, b| b.position.cmp(&a.position).then(a.name.cmp(&b.name)));
    Ok(roles)
}

/// The local users whose role grants `permission`, with their logins in use.
pub async fn holders(db: &impl ConnectionTrait, permission: Permission) -> DomainResult<Vec<User>> {
    let mut keys: Vec<RoleKey> = RoleKey::BUILT_IN
        .into_iter()
        .filter(|key| Rank::of(*key).is_some_and(|r| r.permissions.contains(permission)))
        .collect();
    keys.extend(
        store::roles::granting(db, permission)
            .await?
            .into_iter()
            .map(RoleKey::Custom),
    );
    Ok(store::users::with_roles(db, &keys).await?)
}

/// Makes a role (needs MANAGE_ROLES; below the viewer's position, granting only what the
/// viewer holds).
pub async fn create(app: &App, viewer: &Viewer, input: RoleInput) -> DomainResult<Role> {
    viewer.require(Permission::ManageRoles)?;
    if store::roles::all(&app.db).await?.len() >= MAX_ROLES {
        return Err(DomainError::validation(
            "role",
            format!("at most {MAX_ROLES} roles"),
        ));
    }
    let id = RoleId::new();
    let role = checked(&app.db, viewer, input, None).await?;
    let role = Role {
        key: RoleKey::Custom(id),
        ..role
    };
    let txn = app.write().await?;
    store::roles::save(&txn, id, &role).await?;
    audit::record(
        &txn,
        Some(viewer),
        "role.create",
        Some(target(&role)),
        audit::change(serde_json::Value::Null, describe(&role)),
    )
    .await?;
    txn.commit().await?;
    get(&app.db, role.key).await
}

/// Changes a custom role below the viewer's position.
pub async fn update(
    app: &App,
    viewer: &Viewer,
    id: RoleId,
    input: RoleInput,
) -> DomainResult<Role> {
    viewer.require(Permission::ManageRoles)?;
    let before = managed(&app.db, viewer, id).await?;
    let role = checked(&app.db, viewer, input, Some(id)).await?;
    let role = Role {
        key: before.key,
        created_at: before.created_at,
        ..role
    };
    let txn = app.write().await?;
    store::roles::save(&txn, id, &role).await?;
    audit::record(
        &txn,
        Some(viewer),
        "role.update",
        Some(target(&role)),
        audit::change(describe(&before), describe(&role)),
    )
    .await?;
    txn.commit().await?;
    get(&app.db, role.key).await
}

/// Deletes a custom role below the viewer's position; its holders become users.
pub async fn delete(app: &App, viewer: &Viewer, id: RoleId) -> DomainResult<()> {
    viewer.require(Permission::ManageRoles)?;
    let role = managed(&app.db, viewer, id).await?;
    let txn = app.write().await?;
    let holders = store::users::replace_role(&txn, role.key, RoleKey::User).await?;
    store::roles::delete(&txn, id).await?;
    audit::record(
        &txn,
        Some(viewer),
        "role.delete",
        Some(target(&role)),
        serde_json::json!({ "before": describe(&role), "holders": holders }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Gives a local account the role `id`: both its present role and the new one must be
/// below the viewer's position (needs MANAGE_USERS or MANAGE_ROLES).
pub async fn assign(
    app: &App,
    viewer: &Viewer,
    account: AccountId,
    id: RoleId,
) -> DomainResult<()> {
    viewer.require_any(&[Permission::ManageUsers, Permission::ManageRoles])?;
    let target_account = accounts::get(&app.db, account).await?;
    let (user, _) = store::users::by_account_with_reason(&app.db, account)
        .await?
        .ok_or_else(|| DomainError::validation("accountId", "only local accounts hold roles"))?;
    let key = RoleKey::from_id(id);
    let role = match Role::built_in(key) {
        Some(role) => role,
        None => store::roles::by_id(&app.db, id)
            .await?
            .ok_or(DomainError::NotFound(Kind::Role))?,
    };
    let present = get(&app.db, user.role).await?;
    if user.account_id == viewer.account_id
        || present.position >= viewer.role.position
        || role.position >= viewer.role.position
    {
        return Err(DomainError::Forbidden);
    }
    let txn = app.write().await?;
    store::users::set_role(&txn, user.id, key).await?;
    audit::record(
        &txn,
        Some(viewer),
        "account.role",
        Some(accounts::audit_target(&target_account)),
        audit::change(present.name.clone().into(), role.name.clone().into()),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A custom role the viewer may change: below its own position.
async fn managed(db: &impl ConnectionTrait, viewer: &Viewer, id: RoleId) -> DomainResult<Role> {
    let key = RoleKey::from_id(id);
    if Role::built_in(key).is_some() {
        return Err(DomainError::validation(
            "roleId",
            "built-in roles cannot be changed",
        ));
    }
    let role = store::roles::by_id(db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::Role))?;
    if role.position >= viewer.role.position {
        return Err(DomainError::Forbidden);
    }
    Ok(role)
}

/// `input` as a role, refused when it names a taken name, a bad colour, a position at or
/// above the viewer's, or a permission the viewer lacks.
async fn checked(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    input: RoleInput,
    except: Option<RoleId>,
) -> DomainResult<Role> {
    let name = input.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(DomainError::validation(
            "name",
            format!("1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    let built_in_name = RoleKey::BUILT_IN
        .into_iter()
        .filter_map(Role::built_in)
        .any(|role| role.name.eq_ignore_ascii_case(&name));
    if built_in_name || store::roles::name_taken(db, &name, except).await? {
        return Err(DomainError::validation(
            "name",
            "another role has this name",
        ));
    }
    let colour = input
        .colour
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty());
    if let Some(colour) = &colour
        && !(colour.len() == 7
            && colour.starts_with('#')
            && colour[1..].chars().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(DomainError::validation("colour", "a colour as #rrggbb"));
    }
    let highest = MAX_CUSTOM_POSITION.min(viewer.role.position - 1);
    if !(0..=highest).contains(&input.position) {
        return Err(DomainError::validation(
            "position",
            format!("0 to {highest}: below your own role"),
        ));
    }
    if !viewer.role.permissions.covers(input.permissions) {
        return Err(DomainError::Forbidden);
    }
    Ok(Role {
        key: RoleKey::User,
        name,
        colour,
        position: input.position,
        permissions: input.permissions,
        created_at: None,
    })
}

fn target(role: &Role) -> AuditTarget {
    AuditTarget {
        kind: "Role",
        id: role.key.id().0,
        name: role.name.clone(),
    }
}

fn describe(role: &Role) -> serde_json::Value {
    serde_json::json!({
        "name": role.name,
        "colour": role.colour,
        "position": role.position,
        "permissions": role.permissions.iter().map(permission_name).collect::<Vec<_>>(),
    })
}

/// A permission's name as the API and the audit log spell it.
pub fn permission_name(permission: Permission) -> &'static str {
    match permission {
        Permission::ManageReports => "MANAGE_REPORTS",
        Permission::ManageUsers => "MANAGE_USERS",
        Permission::ManageFederation => "MANAGE_FEDERATION",
        Permission::ManageSettings => "MANAGE_SETTINGS",
        Permission::ManageRules => "MANAGE_RULES",
        Permission::ManageRoles => "MANAGE_ROLES",
        Permission::ViewAuditLog => "VIEW_AUDIT_LOG",
        Permission::ManageInvites => "MANAGE_INVITES",
        Permission::ManageAnnouncements => "MANAGE_ANNOUNCEMENTS",
        Permission::ManageWebhooks => "MANAGE_WEBHOOKS",
        Permission::ViewDashboard => "VIEW_DASHBOARD",
        Permission::ManageAppeals => "MANAGE_APPEALS",
        Permission::DeleteUserData => "DELETE_USER_DATA",
        Permission::InviteUsers => "INVITE_USERS",
        Permission::ManageCustomEmojis => "MANAGE_CUSTOM_EMOJIS",
        Permission::ManageJobs => "MANAGE_JOBS",
        Permission::ManageBlocks => "MANAGE_BLOCKS",
    }
}
