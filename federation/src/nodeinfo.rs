//! What another server runs, read from its NodeInfo: `/.well-known/nodeinfo` names the
//! 2.x document, whose `software` says the name and version.

use rookery_domain::db::DatabaseConnection;
use rookery_domain::service::known_servers;
use serde_json::Value;
use url::Url;

use crate::error::ResolveError;
use crate::fetch::Fetcher;

/// The NodeInfo schemas read, the newest first.
const SCHEMAS: [&str; 3] = [
    "http://nodeinfo.diaspora.software/ns/schema/2.1",
    "http://nodeinfo.diaspora.software/ns/schema/2.0",
    "http://nodeinfo.diaspora.software/ns/schema/2.2",
];

/// Reads what `domain` runs and keeps it: https first, plain http only where the fetch
/// policy allows private addresses (development and tests). The document must be on the
/// server itself; a blocked server is not asked.
pub async fn read_software(
    db: &DatabaseConnection,
    fetcher: &Fetcher,
    domain: &str,
) -> Result<(), ResolveError> {
    if rookery_domain::service::domain_blocks::is_blocked(db, domain).await? {
        return Err(ResolveError::Blocked(domain.into()));
    }
    let path = "/.well-known/nodeinfo";
    let mut links = fetcher.get_json(&format!("https://{domain}{path}")).await;
    if links.is_err() && fetcher.allows_private() {
        links = fetcher.get_json(&format!("http://{domain}{path}")).await;
    }
    let links = links.map_err(|error| ResolveError::fetching(path, error))?;
    let document = document_url(&links, domain, fetcher.allows_private())
        .ok_or_else(|| ResolveError::Remote(format!("{domain} links no NodeInfo 2.x")))?;
    let document = fetcher
        .get_json(document.as_str())
        .await
        .map_err(|error| ResolveError::fetching(document.as_str(), error))?;
    let software = &document["software"];
    let name = software["name"]
        .as_str()
        .ok_or_else(|| ResolveError::Remote(format!("{domain}'s NodeInfo names no software")))?;
    let version = software["version"].as_str().unwrap_or_default();
    known_servers::record_software(db, domain, name, version).await?;
    Ok(())
}

/// The 2.x document `links` names, when it is on `domain` itself, over https (or plain
/// http, with `allow_http`).
fn document_url(links: &Value, domain: &str, allow_http: bool) -> Option<Url> {
    let links = links["links"].as_array()?;
    SCHEMAS.iter().find_map(|schema| {
        links
            .iter()
            .filter(|link| link["rel"].as_str() == Some(schema))
            .filter_map(|link| Url::parse(link["href"].as_str()?).ok())
            .find(|url| {
                (url.scheme() == "https" || (allow_http && url.scheme() == "http"))
                    && crate::authority(url.as_str()).as_deref() == Some(domain)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_newest_schema_on_the_server_itself_is_read() {
        let links = json!({ "links": [
            { "rel": SCHEMAS[1], "href": "https://a.example/nodeinfo/2.0" },
            { "rel": SCHEMAS[0], "href": "https://elsewhere.example/nodeinfo/2.1" },
            { "rel": SCHEMAS[0], "href": "https://a.example/nodeinfo/2.1" },
        ]});
        assert_eq!(
            document_url(&links, "a.example", false).unwrap().as_str(),
            "https://a.example/nodeinfo/2.1"
        );
        let elsewhere = json!({ "links": [
            { "rel": SCHEMAS[0], "href": "https://elsewhere.example/nodeinfo/2.1" },
            { "rel": SCHEMAS[0], "href": "file:///etc/passwd" },
        ]});
        assert!(document_url(&elsewhere, "a.example", true).is_none());
        assert!(document_url(&json!({ "links": "no" }), "a.example", true).is_none());
        let port = json!({ "links": [{ "rel": SCHEMAS[1], "href": "http://127.0.0.1:8080/ni" }] });
        assert!(document_url(&port, "127.0.0.1:8080", true).is_some());
        assert!(
            document_url(&port, "127.0.0.1:8080", false).is_none(),
            "plain http only where private addresses are allowed"
        );
    }
}
