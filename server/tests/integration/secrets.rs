//! Secrets at rest: a dump of the database alone reveals no actor private key and no
//! webhook secret or TOTP secret, while the server still signs with the one and the other.

use rookery_domain::service::accounts;
use rookery_domain::store;
use serde_json::json;

use super::support::servers;

const CREATE_WEBHOOK: &str = "mutation { createWebhook(input: {url: \"https://hooks.example.org/in\", events: [STATUS_CREATED]}) { secret } }";

/// A dump of the database as its own tools make it.
fn dump(url: &str, backend: &str) -> String {
    let output = if backend == "sqlite" {
        let path = url.trim_start_matches("sqlite://");
        std::process::Command::new("sqlite3")
            .arg(path)
            .arg(".dump")
            .output()
    } else {
        std::process::Command::new("pg_dump")
            .arg("--data-only")
            .arg(url)
            .output()
    }
    .unwrap_or_else(|e| panic!("dumping the {backend} database: {e}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn a_database_dump_reveals_no_secret() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let data = server.ok(Some(&alice), CREATE_WEBHOOK, json!({})).await;
        let webhook_secret = data["createWebhook"]["secret"].as_str().unwrap().to_owned();
        let totp = "mutation { beginTotpSetup(input: {password: \"correct horse\"}) { secret } }";
        let data = server.ok(Some(&alice), totp, json!({})).await;
        let totp_secret = data["beginTotpSetup"]["secret"]
            .as_str()
            .unwrap()
            .to_owned();
        let account = accounts::local_by_username(&server.db.db, "alice")
            .await
            .unwrap();
        // The server itself still has the key, in the clear.
        let private_key = store::accounts::private_key(&server.db.db, account.id)
            .await
            .unwrap()
            .unwrap();
        assert!(private_key.contains("PRIVATE KEY"));
        let body: String = private_key
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();

        let dumped = dump(&server.db.url, server.backend);
        assert!(
            dumped.contains("sealed:v1:"),
            "{}: nothing sealed",
            server.backend
        );
        assert!(
            dumped.contains(&account.actor_id),
            "{}: not a dump",
            server.backend
        );
        assert!(!dumped.contains("PRIVATE KEY"), "{}", server.backend);
        assert!(!dumped.contains(&body[..64]), "{}", server.backend);
        assert!(!dumped.contains(&webhook_secret), "{}", server.backend);
        assert!(!dumped.contains(&totp_secret), "{}", server.backend);
    }
}
