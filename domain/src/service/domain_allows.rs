//! Allowlist mode: moderators with MANAGE_FEDERATION switch the instance to federate only
//! with the servers on its allowlist (blocks still apply), and keep that list. What is cut
//! off is checked in one place, `domain_blocks::first_blocked` and its `BlockList`.

use chrono::{SubsecRound, Utc};

use crate::ids::{DomainAllowId, Kind};
use crate::service::domain_blocks::{self, FEDERATION_MODE};
use crate::service::{App, audit};
use crate::store;
use crate::types::{DomainAllow, FederationMode, Permission, Viewer};
use crate::{DomainError, DomainResult};

/// Which servers this one federates with (needs MANAGE_FEDERATION).
pub async fn mode(app: &App, viewer: &Viewer) -> DomainResult<FederationMode> {
    viewer.require(Permission::ManageFederation)?;
    domain_blocks::mode(&app.db).await
}

/// Switches the federation mode; `viewer` None is the command line or the configuration.
pub async fn set_mode(
    app: &App,
    viewer: Option<&Viewer>,
    mode: FederationMode,
) -> DomainResult<FederationMode> {
    if let Some(viewer) = viewer {
        viewer.require(Permission::ManageFederation)?;
    }
    let before = domain_blocks::mode(&app.db).await?;
    if before == mode {
        return Ok(mode);
    }
    let txn = app.write().await?;
    store::instance_settings::set(&txn, FEDERATION_MODE, mode.as_str().into()).await?;
    let detail = audit::change(before.as_str().into(), mode.as_str().into());
    audit::record(&txn, viewer, "federation.mode", None, detail).await?;
    txn.commit().await?;
    domain_blocks::changed();
    Ok(mode)
}

/// The allowlist, alphabetically (needs MANAGE_FEDERATION).
pub async fn list(app: &App, viewer: &Viewer) -> DomainResult<Vec<DomainAllow>> {
    viewer.require(Permission::ManageFederation)?;
    Ok(store::domain_allows::all(&app.db).await?)
}

/// Puts a server (and its subdomains) on the allowlist.
pub async fn add(app: &App, viewer: &Viewer, domain: &str) -> DomainResult<DomainAllow> {
    viewer.require(Permission::ManageFederation)?;
    let allow = DomainAllow {
        id: DomainAllowId::new(),
        domain: domain_blocks::checked_domain(domain)?,
        created_at: Utc::now().trunc_subsecs(6),
    };
    let txn = app.write().await?;
    if !store::domain_allows::insert(&txn, &allow).await? {
        return Err(DomainError::validation(
            "domain",
            "this server is allowed already",
        ));
    }
    let detail = serde_json::json!({ "domain": allow.domain });
    audit::record(&txn, Some(viewer), "domain_allow.create", None, detail).await?;
    txn.commit().await?;
    domain_blocks::changed();
    Ok(allow)
}

/// Takes a server off the allowlist.
pub async fn remove(app: &App, viewer: &Viewer, id: DomainAllowId) -> DomainResult<()> {
    viewer.require(Permission::ManageFederation)?;
    let allow = store::domain_allows::by_id(&app.db, id)
        .await?
        .ok_or(DomainError::NotFound(Kind::DomainAllow))?;
    let txn = app.write().await?;
    if store::domain_allows::delete(&txn, id).await? {
        let detail = serde_json::json!({ "domain": allow.domain });
        audit::record(&txn, Some(viewer), "domain_allow.delete", None, detail).await?;
    }
    txn.commit().await?;
    domain_blocks::changed();
    Ok(())
}
