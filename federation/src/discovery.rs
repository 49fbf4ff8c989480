//! Discovery: WebFinger, host-meta and NodeInfo.

use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::Kind;
use rookery_domain::service::{accounts, instance as instance_service};
use rookery_domain::types::{Instance, RegistrationMode};
use serde_json::{Value, json};

use crate::objects::{FederationError, FederationResult};

pub const JRD_JSON: &str = "application/jrd+json; charset=utf-8";
pub const XRD_XML: &str = "application/xrd+xml; charset=utf-8";

/// The local username a WebFinger `resource` names: `acct:user@domain`, the actor URL or
/// the profile URL.
pub fn username_of<'a>(instance: &Instance, resource: &'a str) -> FederationResult<&'a str> {
    let bad = || FederationError::BadRequest(format!("not a resource of this server: {resource}"));
    if let Some(acct) = resource.strip_prefix("acct:") {
        let acct = acct.trim_start_matches('@');
        let (user, domain) = acct.split_once('@').ok_or_else(bad)?;
        return if instance.is_local_domain(domain) {
            Ok(user)
        } else {
            Err(FederationError::NotFound(Kind::Account))
        };
    }
    let base = instance.url("");
    let path = resource.strip_prefix(&base).ok_or_else(bad)?;
    path.strip_prefix("/users/")
        .or_else(|| path.strip_prefix("/@"))
        .filter(|user| !user.is_empty() && !user.contains('/'))
        .ok_or_else(bad)
}

/// The JRD for `resource`.
pub async fn webfinger(
    db: &DatabaseConnection,
    instance: &Instance,
    resource: &str,
) -> FederationResult<Value> {
    let username = username_of(instance, resource.trim())?;
    let account = accounts::local_by_username(db, username).await?;
    Ok(json!({
        "subject": format!("acct:{}@{}", account.username, instance.domain),
        "aliases": [account.url, account.actor_id],
        "links": [
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": account.url
            },
            {
                "rel": "self",
                "type": "application/activity+json",
                "href": account.actor_id
            }
        ]
    }))
}

/// host-meta, pointing at WebFinger.
pub fn host_meta(instance: &Instance) -> String {
    let template = instance.url("/.well-known/webfinger?resource={uri}");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n  \
         <Link rel=\"lrdd\" template=\"{}\"/>\n</XRD>\n",
        template.replace('&', "&amp;").replace('"', "&quot;")
    )
}

/// `/.well-known/nodeinfo`: where the NodeInfo documents are.
pub fn nodeinfo_links(instance: &Instance) -> Value {
    let links: Vec<Value> = NODEINFO_VERSIONS
        .iter()
        .map(|version| {
            json!({
                "rel": format!("http://nodeinfo.diaspora.software/ns/schema/{version}"),
                "href": instance.url(&format!("/nodeinfo/{version}")),
            })
        })
        .collect();
    json!({ "links": links })
}

/// The NodeInfo versions served.
pub const NODEINFO_VERSIONS: [&str; 2] = ["2.0", "2.1"];

/// The media type of a NodeInfo document.
pub fn nodeinfo_content_type(version: &str) -> String {
    format!("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/{version}#\"")
}

/// A NodeInfo document (`version` 2.0 or 2.1).
pub async fn nodeinfo(
    db: &DatabaseConnection,
    instance: &Instance,
    version: &str,
) -> FederationResult<Value> {
    if !NODEINFO_VERSIONS.contains(&version) {
        return Err(FederationError::BadRequest(format!(
            "NodeInfo {version} is not served"
        )));
    }
    let usage = instance_service::usage(db).await?;
    let mut software = json!({ "name": "rookery", "version": env!("CARGO_PKG_VERSION") });
    if version == "2.1" {
        software["homepage"] = json!(instance.url("/"));
    }
    Ok(json!({
        "version": version,
        "software": software,
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": instance.registration_mode != RegistrationMode::Closed,
        "usage": {
            "users": {
                "total": usage.local_accounts,
                "activeMonth": usage.active_month,
                "activeHalfyear": usage.active_half_year
            },
            "localPosts": usage.local_statuses
        },
        "metadata": {
            "nodeName": instance.name,
            "nodeDescription": instance.description
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance() -> Instance {
        Instance {
            domain: "localhost:8080".into(),
            base_url: url::Url::parse("http://localhost:8080/").unwrap(),
            name: "x".into(),
            description: String::new(),
            registration_mode: RegistrationMode::Open,
            max_status_chars: 500,
            max_media_attachments: 4,
            require_email_confirmation: false,
        }
    }

    #[test]
    fn resources_name_local_usernames() {
        let i = instance();
        assert_eq!(
            username_of(&i, "acct:alice@localhost:8080").unwrap(),
            "alice"
        );
        assert_eq!(
            username_of(&i, "acct:@alice@LOCALHOST:8080").unwrap(),
            "alice"
        );
        assert_eq!(
            username_of(&i, "http://localhost:8080/users/alice").unwrap(),
            "alice"
        );
        assert_eq!(
            username_of(&i, "http://localhost:8080/@alice").unwrap(),
            "alice"
        );
        assert!(matches!(
            username_of(&i, "acct:alice@elsewhere.example"),
            Err(FederationError::NotFound(_))
        ));
        for bad in [
            "alice",
            "acct:alice",
            "https://elsewhere.example/users/alice",
            "http://localhost:8080/users/a/b",
        ] {
            assert!(
                matches!(username_of(&i, bad), Err(FederationError::BadRequest(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn host_meta_points_at_webfinger() {
        assert!(
            host_meta(&instance())
                .contains("http://localhost:8080/.well-known/webfinger?resource={uri}")
        );
    }
}
