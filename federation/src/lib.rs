//! Everything ActivityPub: wire types (`protocol`), documents built from domain types
//! (`objects`), and discovery (WebFinger, host-meta, NodeInfo). It depends on the domain and
//! never on the server's HTTP or GraphQL layers, which only route requests here.
//!
//! It covers discovery, the documents other servers fetch, HTTP signatures, guarded
//! fetching, inboxes, remote lookups, and building and sending outgoing activities.

pub mod activities;
pub mod context;
pub mod discovery;
mod documents;
pub mod error;
mod featured;
pub mod fetch;
pub mod host_budgets;
pub mod inbox;
pub mod key_fetches;
pub mod nodeinfo;
pub mod objects;
pub mod outgoing;
mod policies;
pub mod protocol;
pub mod references;
pub mod rel_me;
mod remote_statuses;
pub mod resolve;
pub mod signature_schemes;
pub mod signatures;
pub mod signers;
mod totals;

/// The media type of ActivityPub documents.
pub const ACTIVITY_JSON: &str = "application/activity+json; charset=utf-8";

pub use rookery_domain::origin::{authority, same_origin};

/// Whether an `Accept` header asks for ActivityPub JSON rather than a web page.
pub fn wants_activity_json(accept: &str) -> bool {
    accept.split(',').any(|part| {
        let media = part.split(';').next().unwrap_or_default().trim();
        media.eq_ignore_ascii_case("application/activity+json")
            || (media.eq_ignore_ascii_case("application/ld+json")
                && part.contains("https://www.w3.org/ns/activitystreams"))
    })
}

#[cfg(test)]
mod tests {
    use super::wants_activity_json;

    #[test]
    fn content_negotiation() {
        assert!(wants_activity_json("application/activity+json"));
        assert!(wants_activity_json(
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""
        ));
        assert!(wants_activity_json(
            "text/html, application/activity+json;q=0.9"
        ));
        assert!(!wants_activity_json("application/ld+json"));
        assert!(!wants_activity_json(
            "text/html,application/xhtml+xml,*/*;q=0.8"
        ));
        assert!(!wants_activity_json(""));
    }
}
