//! One server, as a newcomer runs it: sign up, follow, post, see, refuse, restart.

use rookery_domain::testing::TestDb;
use serde_json::json;

use super::process::{Server, free_port};

const HOME: &str = "{ homeTimeline { edges { node { content } } } }";
const STATUSES: &str =
    "query($id: ID!) { accountStatuses(accountId: $id) { edges { node { content } } } }";

fn count(data: &serde_json::Value, field: &str) -> usize {
    data[field]["edges"].as_array().unwrap().len()
}

async fn register(server: &Server, name: &str) -> (String, String) {
    let data = server
        .ok(
            None,
            "mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"correct horse\"}) { token account { id } } }",
            json!({ "u": name, "e": format!("{name}@example.org") }),
        )
        .await;
    let payload = &data["register"];
    (
        payload["token"].as_str().unwrap().to_owned(),
        payload["account"]["id"].as_str().unwrap().to_owned(),
    )
}

async fn post(server: &Server, token: &str, text: &str, visibility: &str) {
    server
        .ok(
            Some(token),
            "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { id } } }",
            json!({ "t": text, "v": visibility }),
        )
        .await;
}

/// The foundation's "done" scenario; returns B's credentials and A's id for after a restart.
async fn scenario(server: &Server) -> (String, String) {
    let (a, a_id) = register(server, "alice").await;
    let (b, _) = register(server, "bob").await;
    let (c, _) = register(server, "carol").await;
    server
        .ok(
            Some(&b),
            "mutation($id: ID!) { follow(input: {accountId: $id}) { relationship { following } } }",
            json!({ "id": a_id }),
        )
        .await;
    post(server, &a, "public hello", "PUBLIC").await;
    post(server, &a, "followers only", "FOLLOWERS").await;
    post(server, &a, "just for @bob", "DIRECT").await;
    assert_eq!(
        count(&server.ok(Some(&b), HOME, json!({})).await, "homeTimeline"),
        3
    );
    assert_eq!(
        count(
            &server.ok(None, STATUSES, json!({ "id": a_id })).await,
            "accountStatuses"
        ),
        1
    );
    assert_eq!(
        count(
            &server.ok(Some(&c), STATUSES, json!({ "id": a_id })).await,
            "accountStatuses"
        ),
        1
    );

    let create = "mutation($t: String!, $v: Visibility!) { createStatus(input: {text: $t, visibility: $v}) { status { id } } }";
    let public = server.ok(None, STATUSES, json!({ "id": a_id })).await;
    let public_id = server
        .ok(
            None,
            "query($id: ID!) { accountStatuses(accountId: $id) { edges { node { id } } } }",
            json!({ "id": a_id }),
        )
        .await["accountStatuses"]["edges"][0]["node"]["id"]
        .clone();
    assert_eq!(
        server
            .code(Some(&a), create, json!({ "t": "", "v": "PUBLIC" }))
            .await,
        "VALIDATION"
    );
    assert_eq!(
        server
            .code(
                Some(&a),
                create,
                json!({ "t": "x".repeat(6000), "v": "PUBLIC" })
            )
            .await,
        "VALIDATION"
    );
    assert_eq!(
        server
            .code(Some(&a), create, json!({ "t": "hi", "v": "EVERYONE" }))
            .await,
        "VALIDATION"
    );
    assert_eq!(
        server
            .code(
                Some(&b),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": public_id })
            )
            .await,
        "FORBIDDEN"
    );
    assert_eq!(
        server.code(None, "mutation { login(input: {username: \"alice\", password: \"not it at all\"}) { token } }", json!({})).await,
        "INVALID_CREDENTIALS"
    );
    assert_eq!(
        server.ok(None, STATUSES, json!({ "id": a_id })).await,
        public
    );
    assert_eq!(
        count(
            &server.ok(Some(&a), STATUSES, json!({ "id": a_id })).await,
            "accountStatuses"
        ),
        3
    );
    (b, a_id)
}

async fn after_restart(server: &Server, b: &str, a_id: &str) {
    assert_eq!(
        count(&server.ok(Some(b), HOME, json!({})).await, "homeTimeline"),
        3
    );
    assert_eq!(
        count(
            &server.ok(None, STATUSES, json!({ "id": a_id })).await,
            "accountStatuses"
        ),
        1
    );
    server
        .ok(None, "mutation { login(input: {username: \"carol\", password: \"correct horse\"}) { token } }", json!({}))
        .await;
}

#[tokio::test]
async fn zero_config_sqlite_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let server = Server::start(dir.path(), port, &[]).await;
    assert!(dir.path().join("data/rookery.db").is_file());
    let (b, a_id) = scenario(&server).await;
    server.stop();
    let server = Server::start(dir.path(), port, &[]).await;
    after_restart(&server, &b, &a_id).await;
    server.stop();
}

#[tokio::test]
async fn postgres_by_url_alone_survives_a_restart() {
    let Some(test) = TestDb::postgres_empty().await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let env = [("ROOKERY_DATABASE__URL", test.url.clone())];
    let server = Server::start(dir.path(), port, &env).await;
    assert!(
        !dir.path().join("data").exists(),
        "PostgreSQL needs no data dir"
    );
    let (b, a_id) = scenario(&server).await;
    server.stop();
    let server = Server::start(dir.path(), port, &env).await;
    after_restart(&server, &b, &a_id).await;
    server.stop();
}
