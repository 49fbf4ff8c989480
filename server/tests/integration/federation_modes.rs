//! Allowlist mode across two servers: a server not on the allowlist is cut off (no look-ups
//! of its accounts, nothing received from it) until it is allowed; moderators read what this
//! server holds of each server it knows.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::domain_blocks::home;
use super::federation::{admin, eventually, federating, follow_accepted, remote_id};

const MODE: &str =
    "mutation($m: FederationMode!) { setFederationMode(input: {mode: $m}) { mode } }";
const ALLOW: &str =
    "mutation($d: String!) { addDomainAllow(input: {domain: $d}) { domainAllow { id domain } } }";
const DISALLOW: &str = "mutation($i: ID!) { removeDomainAllow(input: {id: $i}) { removedId } }";
const RESOLVE: &str = "query($h: String!) { resolveAccount(handle: $h) { id } }";
const SERVER: &str = "query($d: String!) { knownServer(domain: $d) { domain accounts statuses following followers failedDeliveries unavailable lastSeenAt allowed block { severity } software { name } } }";
const SERVERS: &str = "query($q: String) { knownServers(query: $q) { domain accounts } }";

#[tokio::test]
async fn in_allowlist_mode_only_allowed_servers_federate() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let root = admin(&a).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    b.register("carl").await;
    let bob_on_a = remote_id(&a, &alice, "bob", &b).await;
    follow_accepted(&a, &alice, &bob_on_a).await;
    b.post(&bob, "before the allowlist", "PUBLIC").await;
    eventually(Duration::from_secs(10), "bob's first post", || async {
        home(&a, &alice).await.len() == 1
    })
    .await;

    // What this server holds of b.
    let domain = b.instance.domain.clone();
    let known = a.ok(Some(&root), SERVER, json!({ "d": domain })).await;
    let known = &known["knownServer"];
    assert_eq!(known["accounts"], 1, "{known}");
    assert_eq!(known["statuses"], 1, "{known}");
    assert_eq!(known["following"], 1, "{known}");
    assert_eq!(known["followers"], 0, "{known}");
    assert_eq!(known["failedDeliveries"], 0, "{known}");
    assert_eq!(known["unavailable"], false, "{known}");
    assert!(known["lastSeenAt"].is_string(), "{known}");
    assert!(known["block"].is_null(), "{known}");
    // What b runs is read from its NodeInfo once asked for, and kept.
    assert!(known["software"].is_null(), "{known}");
    let software =
        "query($d: String!) { knownServer(domain: $d) { software { name version fetchedAt } } }";
    eventually(Duration::from_secs(20), "b's software is read", || async {
        let data = a.ok(Some(&root), software, json!({ "d": domain })).await;
        data["knownServer"]["software"]["name"] == "rookery"
    })
    .await;
    let data = a.ok(Some(&root), software, json!({ "d": domain })).await;
    let version = &data["knownServer"]["software"]["version"];
    assert_eq!(version, env!("CARGO_PKG_VERSION"), "{data}");
    let listed = a.ok(Some(&root), SERVERS, json!({ "q": null })).await;
    assert_eq!(
        listed["knownServers"],
        json!([{ "domain": domain, "accounts": 1 }])
    );
    let none = a.ok(Some(&root), SERVERS, json!({ "q": "nowhere" })).await;
    assert_eq!(none["knownServers"], json!([]));
    let nothing = a
        .ok(Some(&root), SERVER, json!({ "d": "nowhere.example" }))
        .await;
    assert_eq!(nothing["knownServer"]["accounts"], 0);
    assert!(nothing["knownServer"]["lastSeenAt"].is_null());
    assert_eq!(
        a.error_code(Some(&alice), SERVER, json!({ "d": domain }))
            .await,
        "FORBIDDEN"
    );

    // Allowlist mode with an empty list: b is cut off.
    assert_eq!(
        a.error_code(Some(&alice), MODE, json!({ "m": "ALLOWLIST" }))
            .await,
        "FORBIDDEN"
    );
    let set = a.ok(Some(&root), MODE, json!({ "m": "ALLOWLIST" })).await;
    assert_eq!(set["setFederationMode"]["mode"], "ALLOWLIST");
    let read = a.ok(Some(&root), "{ federationMode }", json!({})).await;
    assert_eq!(read["federationMode"], "ALLOWLIST");
    let handle = format!("@carl@{domain}");
    let refused = a.gql(Some(&alice), RESOLVE, json!({ "h": handle })).await;
    assert!(refused["data"]["resolveAccount"].is_null(), "{refused}");
    b.post(&bob, "while cut off", "PUBLIC").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(home(&a, &alice).await, ["<p>before the allowlist</p>"]);

    // Allowed, it federates again.
    for bad in ["", "not a domain"] {
        let answer = a.gql(Some(&root), ALLOW, json!({ "d": bad })).await;
        assert_eq!(
            answer["errors"][0]["extensions"]["field"], "domain",
            "{answer}"
        );
    }
    let allowed = a.ok(Some(&root), ALLOW, json!({ "d": domain })).await;
    let allow = allowed["addDomainAllow"]["domainAllow"].clone();
    let twice = a.gql(Some(&root), ALLOW, json!({ "d": domain })).await;
    assert_eq!(
        twice["errors"][0]["extensions"]["field"], "domain",
        "{twice}"
    );
    let known = a.ok(Some(&root), SERVER, json!({ "d": domain })).await;
    assert_eq!(known["knownServer"]["allowed"], true);
    let found = a.ok(Some(&alice), RESOLVE, json!({ "h": handle })).await;
    assert!(found["resolveAccount"]["id"].is_string(), "{found}");
    b.post(&bob, "allowed again", "PUBLIC").await;
    eventually(
        Duration::from_secs(10),
        "bob's post once allowed",
        || async {
            home(&a, &alice)
                .await
                .contains(&"<p>allowed again</p>".to_owned())
        },
    )
    .await;
    let allows = a
        .ok(Some(&root), "{ domainAllows { domain } }", json!({}))
        .await;
    assert_eq!(
        allows["domainAllows"],
        json!([{ "domain": allow["domain"] }])
    );

    // Back to the blocklist; the audit log has every change.
    a.ok(Some(&root), DISALLOW, json!({ "i": allow["id"] }))
        .await;
    a.ok(Some(&root), MODE, json!({ "m": "BLOCKLIST" })).await;
    let audit = "{ auditLog(first: 20) { edges { node { action } } } }";
    let log: Value = a.ok(Some(&root), audit, json!({})).await;
    let log = log.to_string();
    for action in [
        "federation.mode",
        "domain_allow.create",
        "domain_allow.delete",
    ] {
        assert!(log.contains(action), "{action}: {log}");
    }
}
