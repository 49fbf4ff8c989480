//! Inputs that are refused with a clear code and change nothing: blank passwords, one's own
//! server as a blocked domain, filters and mutes that end in the past, another's
//! notification; empty profile fields are dropped; request errors point at no place.

use serde_json::{Value, json};

use super::support::servers;

const REGISTER: &str = "mutation($p: String!) { register(input: {username: \"blank\", email: \"blank@example.org\", password: $p}) { token } }";
const PROFILE: &str = "mutation($f: [ProfileFieldInput!]) { updateProfile(input: {fields: $f}) { account { fields { name value } } } }";
const BLOCK_DOMAIN: &str = "mutation($d: String!) { blockDomain(input: {domain: $d}) { domain } }";
const FILTER: &str = "mutation($e: Int) { createFilter(input: {title: \"t\", contexts: [HOME], action: HIDE, keywords: [{keyword: \"k\"}], expiresInSeconds: $e}) { filter { id } } }";
const MUTE: &str = "mutation($id: ID!, $d: Int) { mute(input: {accountId: $id, durationSeconds: $d}) { account { relationship { muting } } } }";
const NOTIFICATIONS: &str = "{ notifications(first: 10) { edges { node { id read } } } }";
const MARK_READ: &str =
    "mutation($id: ID) { markNotificationsRead(input: {upToId: $id}) { marked } }";

#[tokio::test]
async fn a_password_of_only_whitespace_is_refused() {
    for server in servers().await {
        for password in ["        ", " \t\n \u{3000}   "] {
            let response = server.gql(None, REGISTER, json!({ "p": password })).await;
            assert_eq!(
                response["errors"][0]["extensions"]["code"], "VALIDATION",
                "{}: {response}",
                server.backend
            );
            assert_eq!(response["errors"][0]["extensions"]["field"], "password");
        }
        // A password with spaces inside is fine.
        server
            .ok(None, REGISTER, json!({ "p": "  two words  " }))
            .await;
    }
}

#[tokio::test]
async fn an_empty_profile_field_is_dropped() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let fields = json!([
            { "name": "", "value": "" },
            { "name": "Site", "value": "https://example.org" },
            { "name": "  ", "value": " " },
        ]);
        let data = server
            .ok(Some(&alice), PROFILE, json!({ "f": fields }))
            .await;
        assert_eq!(
            data["updateProfile"]["account"]["fields"],
            json!([{ "name": "Site", "value": "https://example.org" }]),
            "{}",
            server.backend
        );
    }
}

#[tokio::test]
async fn blocking_ones_own_domain_is_refused() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        for domain in [
            server.instance.domain.clone(),
            server.instance.domain.to_uppercase(),
            format!("{}.", server.instance.domain),
        ] {
            assert_eq!(
                server
                    .error_code(Some(&alice), BLOCK_DOMAIN, json!({ "d": domain }))
                    .await,
                "VALIDATION",
                "{}: {domain}",
                server.backend
            );
        }
        let data = server
            .ok(Some(&alice), "{ blockedDomains }", json!({}))
            .await;
        assert_eq!(data["blockedDomains"], json!([]));
    }
}

#[tokio::test]
async fn a_filter_that_expires_at_once_or_before_is_refused() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        for seconds in [0, -1, -3600] {
            assert_eq!(
                server
                    .error_code(Some(&alice), FILTER, json!({ "e": seconds }))
                    .await,
                "VALIDATION",
                "{}: {seconds}",
                server.backend
            );
        }
        let data = server
            .ok(Some(&alice), "{ filters { id } }", json!({}))
            .await;
        assert_eq!(data["filters"], json!([]));
        server.ok(Some(&alice), FILTER, json!({ "e": 60 })).await;
    }
}

#[tokio::test]
async fn a_negative_mute_duration_is_a_validation_error() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (_, bob_id) = server.register("bob").await;
        for seconds in [-1, 0] {
            let response = server
                .gql(Some(&alice), MUTE, json!({ "id": bob_id, "d": seconds }))
                .await;
            let error = &response["errors"][0];
            assert_eq!(error["extensions"]["code"], "VALIDATION", "{response}");
            // The rule answers, naming its field, not the parser of `Int`.
            assert_eq!(
                error["extensions"]["field"], "durationSeconds",
                "{response}"
            );
            assert_eq!(
                error["message"], "durationSeconds: must be between 1 second and a year",
                "{}: {response}",
                server.backend
            );
        }
        let data = server
            .ok(
                Some(&alice),
                "query($id: ID!) { account(id: $id) { relationship { muting } } }",
                json!({ "id": bob_id }),
            )
            .await;
        assert_eq!(data["account"]["relationship"]["muting"], false);
    }
}

#[tokio::test]
async fn marking_read_up_to_anothers_notification_is_not_found() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        server.post(&carol, "@alice hi", "PUBLIC").await;
        server.post(&carol, "@bob hi", "PUBLIC").await;
        let data = server.ok(Some(&bob), NOTIFICATIONS, json!({})).await;
        let bobs = data["notifications"]["edges"][0]["node"]["id"].clone();
        assert!(bobs.is_string());
        assert_eq!(
            server
                .error_code(Some(&alice), MARK_READ, json!({ "id": bobs }))
                .await,
            "NOT_FOUND",
            "{}",
            server.backend
        );
        let data = server
            .ok(Some(&alice), "{ unreadNotificationCount }", json!({}))
            .await;
        assert_eq!(data["unreadNotificationCount"], 1, "{}", server.backend);
        let data = server
            .ok(Some(&bob), MARK_READ, json!({ "id": bobs }))
            .await;
        assert_eq!(data["markNotificationsRead"]["marked"], 1);
    }
}

#[tokio::test]
async fn revoking_a_quote_as_the_quoting_author_is_forbidden() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let post = server.post(&alice, "quote me", "PUBLIC").await;
        let data = server
            .ok(
                Some(&bob),
                "mutation($q: ID!) { createStatus(input: {text: \"quoting\", quoteOfId: $q}) { status { id } } }",
                json!({ "q": post }),
            )
            .await;
        let quote = data["createStatus"]["status"]["id"].clone();
        let revoke = "mutation($id: ID!) { revokeQuote(input: {statusId: $id}) { status { id } } }";
        assert_eq!(
            server
                .error_code(Some(&bob), revoke, json!({ "id": quote }))
                .await,
            "FORBIDDEN",
            "{}",
            server.backend
        );
        assert_eq!(
            server
                .error_code(Some(&carol), revoke, json!({ "id": quote }))
                .await,
            "NOT_FOUND",
            "{}",
            server.backend
        );
    }
}

#[tokio::test]
async fn request_errors_point_at_no_place_in_the_document() {
    let server = servers().await.remove(0);
    let response = server
        .gql(Some("not-a-token"), "{ viewer { id } }", json!({}))
        .await;
    let error = &response["errors"][0];
    assert_eq!(error["extensions"]["code"], "UNAUTHENTICATED", "{response}");
    assert_eq!(error.get("locations"), None, "{response}");
}

#[tokio::test]
async fn id_errors_name_the_kind_with_its_article() {
    let server = servers().await.remove(0);
    let (alice, alice_id) = server.register("alice").await;
    let post = server.post(&alice, "hello", "PUBLIC").await;
    let message = |response: Value| {
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let response = server
        .gql(
            Some(&alice),
            "query($id: ID!) { status(id: $id) { id } }",
            json!({ "id": alice_id }),
        )
        .await;
    assert!(
        message(response.clone()).contains("not a Status id"),
        "{response}"
    );
    let response = server
        .gql(
            Some(&alice),
            "query($id: ID!) { account(id: $id) { id } }",
            json!({ "id": post }),
        )
        .await;
    assert!(
        message(response.clone()).contains("not an Account id"),
        "{response}"
    );
}
