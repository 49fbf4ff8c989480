//! Personal access tokens: each scope allows what it names and nothing more, `admin` is for
//! staff, and revoked or expired tokens stop working; secrets are shown once.

use serde_json::{Value, json};

use super::federation::admin;
use super::support::{TestServer, servers};

const CREATE: &str = "mutation($n: String!, $s: [AccessTokenScope!]!, $e: Int) { createAccessToken(input: {name: $n, scopes: $s, expiresInSeconds: $e}) { secret accessToken { id name scopes createdAt lastUsedAt expiresAt } } }";
const LIST: &str = "{ accessTokens { id name scopes createdAt lastUsedAt expiresAt } }";
const VIEWER: &str = "{ viewer { username } }";
const POST: &str = "mutation { createStatus(input: {text: \"from a script\"}) { status { id } } }";
const FOLLOW: &str =
    "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following } } }";
const RELATIONSHIP: &str =
    "query($id: ID!) { account(id: $id) { relationship { following blocking } } }";

/// Makes a token with `token`; returns (secret, the token as listed).
async fn create(
    server: &TestServer,
    token: &str,
    name: &str,
    scopes: Value,
    expires: Option<u64>,
) -> (String, Value) {
    let data = server
        .ok(
            Some(token),
            CREATE,
            json!({ "n": name, "s": scopes, "e": expires }),
        )
        .await;
    let created = &data["createAccessToken"];
    (
        created["secret"].as_str().unwrap().to_owned(),
        created["accessToken"].clone(),
    )
}

async fn statuses_count(server: &TestServer, token: &str) -> u64 {
    let data = server
        .ok(Some(token), "{ viewer { statusesCount } }", json!({}))
        .await;
    data["viewer"]["statusesCount"].as_u64().unwrap()
}

#[tokio::test]
async fn scopes_allow_what_they_name_and_nothing_more() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (_, bob_id) = server.register("bob").await;
        let (_, carol_id) = server.register("carol").await;

        // A read token reads, and cannot post.
        let (reader, listed) = create(&server, &alice, "reader", json!(["READ"]), None).await;
        assert!(reader.starts_with("rkp_"), "{reader}");
        assert_eq!(listed["name"], "reader");
        assert_eq!(listed["scopes"], json!(["READ"]));
        assert_eq!(listed["expiresAt"], Value::Null);
        let data = server.ok(Some(&reader), VIEWER, json!({})).await;
        assert_eq!(data["viewer"]["username"], "alice", "{}", server.backend);
        let response = server.gql(Some(&reader), POST, json!({})).await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "INSUFFICIENT_SCOPE",
            "{}: {response}",
            server.backend
        );
        assert_eq!(response["data"], Value::Null);
        assert_eq!(statuses_count(&server, &alice).await, 0);
        // Nor make itself a stronger token.
        assert_eq!(
            server
                .error_code(
                    Some(&reader),
                    CREATE,
                    json!({ "n": "more", "s": ["WRITE"] })
                )
                .await,
            "INSUFFICIENT_SCOPE"
        );

        // A write token posts, but does not read.
        let (writer, _) = create(&server, &alice, "writer", json!(["WRITE"]), None).await;
        let data = server.ok(Some(&writer), POST, json!({})).await;
        assert!(data["createStatus"]["status"]["id"].is_string());
        assert_eq!(statuses_count(&server, &alice).await, 1);
        assert_eq!(
            server.error_code(Some(&writer), VIEWER, json!({})).await,
            "INSUFFICIENT_SCOPE"
        );
        // It may make tokens of its own scopes only.
        assert_eq!(
            server
                .error_code(
                    Some(&writer),
                    CREATE,
                    json!({ "n": "reader too", "s": ["READ"] })
                )
                .await,
            "INSUFFICIENT_SCOPE"
        );
        create(&server, &writer, "follower", json!(["FOLLOW"]), None).await;
        // Write covers follows.
        let data = server
            .ok(Some(&writer), FOLLOW, json!({ "id": carol_id }))
            .await;
        assert_eq!(data["follow"]["relationship"]["following"], true);

        // A follow token follows and blocks, and neither posts nor reads.
        let (follower, _) = create(&server, &alice, "follows", json!(["FOLLOW"]), None).await;
        let data = server
            .ok(Some(&follower), FOLLOW, json!({ "id": bob_id }))
            .await;
        assert_eq!(data["follow"]["relationship"]["following"], true);
        let data = server
            .ok(
                Some(&follower),
                "mutation($id: ID!) { mute(input: {accountId: $id}) { account { id } } unfollow(input: {accountId: $id}) { relationship { following } } }",
                json!({ "id": bob_id }),
            )
            .await;
        assert_eq!(data["unfollow"]["relationship"]["following"], false);
        assert_eq!(
            server.error_code(Some(&follower), POST, json!({})).await,
            "INSUFFICIENT_SCOPE"
        );
        assert_eq!(
            server.error_code(Some(&follower), VIEWER, json!({})).await,
            "INSUFFICIENT_SCOPE"
        );
        // A request with one field it may not ask for is refused whole: nothing changes.
        let both = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } createStatus(input: {text: \"sneaky\"}) { status { id } } }";
        assert_eq!(
            server
                .error_code(Some(&follower), both, json!({ "id": bob_id }))
                .await,
            "INSUFFICIENT_SCOPE"
        );
        let data = server
            .ok(Some(&alice), RELATIONSHIP, json!({ "id": bob_id }))
            .await;
        assert_eq!(data["account"]["relationship"]["blocking"], false);
        assert_eq!(statuses_count(&server, &alice).await, 1);

        // The tokens were used, and none of their secrets is ever listed again.
        let response = server.gql(Some(&alice), LIST, json!({})).await;
        let listed = response["data"]["accessTokens"].as_array().unwrap().clone();
        let names: Vec<&str> = listed.iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["follows", "follower", "writer", "reader"]);
        assert!(
            listed
                .iter()
                .all(|t| t["lastUsedAt"].is_string() || t["name"] == "follower")
        );
        let text = response.to_string();
        for secret in [&reader, &writer, &follower] {
            assert!(!text.contains(secret.as_str()));
        }
        assert_eq!(
            server
                .error_code(Some(&alice), "{ accessTokens { secret } }", json!({}))
                .await,
            "GRAPHQL_VALIDATION_FAILED"
        );
        // Another's list is its own.
        let (bob, _) = {
            let data = server
                .ok(
                    None,
                    "mutation { login(input: {username: \"bob\", password: \"correct horse\"}) { token account { id } } }",
                    json!({}),
                )
                .await;
            (data["login"]["token"].as_str().unwrap().to_owned(), ())
        };
        let data = server.ok(Some(&bob), LIST, json!({})).await;
        assert_eq!(data["accessTokens"], json!([]));
    }
}

#[tokio::test]
async fn admin_scope_is_for_staff_and_needed_by_administration() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        assert_eq!(
            server
                .error_code(
                    Some(&alice),
                    CREATE,
                    json!({ "n": "root", "s": ["READ", "ADMIN"] })
                )
                .await,
            "FORBIDDEN"
        );
        let data = server.ok(Some(&alice), LIST, json!({})).await;
        assert_eq!(data["accessTokens"], json!([]), "nothing was made");

        let moira = admin(&server).await;
        let (staff, listed) =
            create(&server, &moira, "dashboard", json!(["READ", "ADMIN"]), None).await;
        assert_eq!(listed["scopes"], json!(["READ", "ADMIN"]));
        let (plain, _) = create(&server, &moira, "plain", json!(["READ"]), None).await;
        let reports = "{ reports { id } jobQueues { name } }";
        let data = server.ok(Some(&staff), reports, json!({})).await;
        assert_eq!(data["reports"], json!([]), "{}", server.backend);
        assert_eq!(
            server.error_code(Some(&plain), reports, json!({})).await,
            "INSUFFICIENT_SCOPE"
        );
        // Log-in tokens keep every scope; the role is still checked apart.
        server.ok(Some(&moira), reports, json!({})).await;
        assert_eq!(
            server.error_code(Some(&alice), reports, json!({})).await,
            "FORBIDDEN"
        );
    }
}

#[tokio::test]
async fn revoked_and_expired_tokens_stop_working() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (kept, _) = create(&server, &alice, "kept", json!(["READ"]), None).await;
        let (revoked, listed) = create(&server, &alice, "gone", json!(["READ"]), None).await;
        let id = listed["id"].as_str().unwrap().to_owned();
        let (expiring, listed) =
            create(&server, &alice, "short", json!(["READ"]), Some(3600)).await;
        let expires: chrono::DateTime<chrono::Utc> =
            listed["expiresAt"].as_str().unwrap().parse().unwrap();
        let in_an_hour = chrono::Utc::now() + chrono::Duration::hours(1);
        assert!((expires - in_an_hour).num_seconds().abs() < 60, "{expires}");
        for token in [&kept, &revoked, &expiring] {
            server.ok(Some(token), VIEWER, json!({})).await;
        }

        let revoke =
            "mutation($id: ID!) { revokeAccessToken(input: {id: $id}) { revokedAccessTokenId } }";
        // Only by its owner.
        assert_eq!(
            server
                .error_code(Some(&bob), revoke, json!({ "id": id }))
                .await,
            "NOT_FOUND"
        );
        server.ok(Some(&revoked), VIEWER, json!({})).await;
        let data = server.ok(Some(&alice), revoke, json!({ "id": id })).await;
        assert_eq!(data["revokeAccessToken"]["revokedAccessTokenId"], id);
        assert_eq!(
            server.error_code(Some(&revoked), VIEWER, json!({})).await,
            "UNAUTHENTICATED"
        );

        server
            .db
            .execute(
                "UPDATE access_tokens SET expires_at = '2020-01-01 00:00:00+00:00' WHERE name = 'short'",
            )
            .await;
        assert_eq!(
            server.error_code(Some(&expiring), VIEWER, json!({})).await,
            "UNAUTHENTICATED"
        );
        server.ok(Some(&kept), VIEWER, json!({})).await;

        // Bad input changes nothing.
        for vars in [
            json!({ "n": " ", "s": ["READ"] }),
            json!({ "n": "none", "s": [] }),
            json!({ "n": "never", "s": ["READ"], "e": 0 }),
        ] {
            assert_eq!(
                server.error_code(Some(&alice), CREATE, vars).await,
                "VALIDATION"
            );
        }
        let data = server.ok(Some(&alice), LIST, json!({})).await;
        let names: Vec<&str> = data["accessTokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["short", "kept"]);
    }
}

#[tokio::test]
async fn a_token_made_by_a_token_ends_no_later_than_it() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (parent, listed) =
            create(&server, &alice, "parent", json!(["READ", "WRITE"]), Some(3)).await;
        let parent_expires: chrono::DateTime<chrono::Utc> =
            listed["expiresAt"].as_str().unwrap().parse().unwrap();

        // Left without an end, the child ends with its parent; a later end is refused.
        let (child, listed) = create(&server, &parent, "child", json!(["READ"]), None).await;
        let child_expires: chrono::DateTime<chrono::Utc> = listed["expiresAt"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: the child never ends: {listed}", server.backend))
            .parse()
            .unwrap();
        assert!(
            child_expires <= parent_expires,
            "{child_expires} > {parent_expires}"
        );
        let code = server
            .error_code(
                Some(&parent),
                CREATE,
                json!({ "n": "later", "s": ["READ"], "e": 3600 }),
            )
            .await;
        assert_eq!(code, "VALIDATION", "{}", server.backend);
        server.ok(Some(&child), VIEWER, json!({})).await;

        tokio::time::sleep(std::time::Duration::from_millis(3500)).await;
        for token in [&parent, &child] {
            assert_eq!(
                server.error_code(Some(token), VIEWER, json!({})).await,
                "UNAUTHENTICATED",
                "{}",
                server.backend
            );
        }
        let data = server.ok(Some(&alice), LIST, json!({})).await;
        let names: Vec<&str> = data["accessTokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["child", "parent"], "{}", server.backend);
    }
}
