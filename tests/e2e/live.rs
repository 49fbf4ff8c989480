//! Live subscriptions across processes: two `rookery serve` on one PostgreSQL and one
//! Redis, a status posted through one reaching a subscription held on the other.

use std::time::Duration;

use rookery_domain::testing::live::LiveClient;
use rookery_domain::testing::{TestDb, skip_unless_required};
use serde_json::json;

use super::process::{Server, free_port};

const WAIT: Duration = Duration::from_secs(10);

async fn register(server: &Server, name: &str) -> (String, String) {
    let data = server
        .ok(
            None,
            "mutation($u: String!, $e: String!) { register(input: {username: $u, email: $e, password: \"correct horse\"}) { token account { id } } }",
            json!({ "u": name, "e": format!("{name}@example.org") }),
        )
        .await;
    (
        data["register"]["token"].as_str().unwrap().to_owned(),
        data["register"]["account"]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

#[tokio::test]
async fn a_status_posted_through_one_process_reaches_a_subscription_on_another() {
    let redis = std::env::var("ROOKERY_TEST_REDIS_URL").unwrap_or("redis://127.0.0.1:6379".into());
    if std::net::TcpStream::connect("127.0.0.1:6379").is_err() && redis.contains("127.0.0.1:6379") {
        skip_unless_required(&format!("Redis is not reachable at {redis}"));
        return;
    }
    let Some(test) = TestDb::postgres_empty().await else {
        return;
    };
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (port_a, port_b) = (free_port(), free_port());
    let env = [
        ("ROOKERY_DATABASE__URL", test.url.clone()),
        ("ROOKERY_REDIS__URL", redis),
        (
            "ROOKERY_REDIS__NAMESPACE",
            format!("rookery-test-live-{port_a}-{}", std::process::id()),
        ),
        // One instance served by both processes.
        ("ROOKERY_INSTANCE__DOMAIN", format!("127.0.0.1:{port_a}")),
    ];
    let a = Server::start(dir_a.path(), port_a, &env).await;
    let b = Server::start_with(dir_b.path(), port_b, &env, &["serve", "--no-workers"]).await;

    let (alice, alice_id) = register(&a, "alice").await;
    let (bob, _) = register(&a, "bob").await;
    let follow = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
    a.ok(Some(&bob), follow, json!({ "id": alice_id })).await;

    let mut bob_on_b = LiveClient::connect(&b.base, Some(&bob)).await.unwrap();
    bob_on_b
        .subscribe(
            "home",
            "subscription { homeTimelineUpdates { kind status { content author { username } } } }",
            json!({}),
        )
        .await;
    bob_on_b
        .subscribe(
            "notifications",
            "subscription { notificationReceived { notification { type } } }",
            json!({}),
        )
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let post = "mutation($t: String!) { createStatus(input: {text: $t, visibility: FOLLOWERS}) { status { id } } }";
    a.ok(Some(&alice), post, json!({ "t": "across processes @bob" }))
        .await;
    let mut heard = Vec::new();
    for _ in 0..2 {
        let message = bob_on_b.message_within(WAIT).await.expect("an event on B");
        heard.push((message["id"].as_str().unwrap().to_owned(), message));
    }
    heard.sort_by(|x, y| x.0.cmp(&y.0));
    let home = &heard[0].1["payload"]["data"]["homeTimelineUpdates"];
    assert_eq!(home["kind"], "CREATED");
    assert_eq!(home["status"]["author"]["username"], "alice");
    assert!(
        home["status"]["content"]
            .as_str()
            .unwrap()
            .contains("across processes"),
        "{home}"
    );
    let notification = &heard[1].1["payload"]["data"]["notificationReceived"];
    assert_eq!(notification["notification"]["type"], "MENTION");

    a.stop();
    b.stop();
}
