//! First-run setup: the one-time token `rookery serve` prints creates the owner and names
//! the instance, once; without it nothing changes.

use rookery_domain::service::{accounts, setup};
use serde_json::{Value, json};

use super::support::servers;

const CLAIM: &str = "mutation($t: String!, $u: String!) { claimInstance(input: {token: $t, username: $u, email: \"owner@example.org\", password: \"correct horse\", name: \"Birds\", description: \"A place for birds\", registrationMode: APPROVAL}) { account { username } instance { name description registrationMode } } }";
const INSTANCE: &str = "{ instance { name description registrationMode } }";

#[tokio::test]
async fn the_setup_token_creates_the_owner_once() {
    for server in servers().await {
        let backend = server.backend;
        let db = &server.db.db;
        let token = setup::prepare(db).await.unwrap().expect("no admin yet");
        assert!(token.len() > 30, "{token}");
        let before = server.ok(None, INSTANCE, json!({})).await;

        // A wrong token, or a refused input, changes nothing.
        for (wrong, username) in [
            ("rks_not-the-token", "owner"),
            (token.as_str(), "no spaces"),
        ] {
            let response = server
                .gql(None, CLAIM, json!({ "t": wrong, "u": username }))
                .await;
            assert!(
                response["errors"][0]["extensions"]["code"].is_string(),
                "{response}"
            );
            assert!(
                accounts::local_by_username(db, "owner").await.is_err(),
                "{backend}"
            );
            assert_eq!(
                server.ok(None, INSTANCE, json!({})).await,
                before,
                "{backend}"
            );
        }
        let response = server
            .gql(
                None,
                CLAIM,
                json!({ "t": "rks_not-the-token", "u": "owner" }),
            )
            .await;
        assert_eq!(response["errors"][0]["extensions"]["code"], "FORBIDDEN");

        let data = server
            .ok(None, CLAIM, json!({ "t": token, "u": "owner" }))
            .await;
        assert_eq!(data["claimInstance"]["account"]["username"], "owner");
        let expected = json!({ "name": "Birds", "description": "A place for birds", "registrationMode": "APPROVAL" });
        assert_eq!(data["claimInstance"]["instance"], expected);
        assert_eq!(
            server.ok(None, INSTANCE, json!({})).await["instance"],
            expected
        );

        // The owner is an admin and logs in.
        let data = server
            .ok(
                None,
                "mutation { login(input: {username: \"owner\", password: \"correct horse\"}) { token } }",
                json!({}),
            )
            .await;
        let owner = data["login"]["token"].as_str().unwrap().to_owned();
        let data = server
            .ok(Some(&owner), "{ viewer { username } }", json!({}))
            .await;
        assert_eq!(data["viewer"]["username"], "owner");
        let queues: Value = server
            .gql(Some(&owner), "{ jobQueues { name } }", json!({}))
            .await;
        assert!(
            queues.get("errors").is_none(),
            "only staff read job queues: {queues}"
        );

        // The token is spent, and no new one is made once there is an admin.
        let response = server
            .gql(None, CLAIM, json!({ "t": token, "u": "second" }))
            .await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{response}"
        );
        assert!(accounts::local_by_username(db, "second").await.is_err());
        assert!(setup::prepare(db).await.unwrap().is_none(), "{backend}");
    }
}

#[tokio::test]
async fn a_new_setup_token_replaces_the_last() {
    for server in servers().await {
        let db = &server.db.db;
        let first = setup::prepare(db).await.unwrap().unwrap();
        let second = setup::prepare(db).await.unwrap().unwrap();
        assert_ne!(first, second);
        let response = server
            .gql(None, CLAIM, json!({ "t": first, "u": "owner" }))
            .await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{response}"
        );
        server
            .ok(None, CLAIM, json!({ "t": second, "u": "owner" }))
            .await;
    }
}

#[tokio::test]
async fn two_claims_at_once_make_one_owner() {
    for server in servers().await {
        let backend = server.backend;
        let db = &server.db.db;
        let token = setup::prepare(db).await.unwrap().unwrap();
        let (first, second) = tokio::join!(
            server.gql(None, CLAIM, json!({ "t": token, "u": "first" })),
            server.gql(None, CLAIM, json!({ "t": token, "u": "second" })),
        );
        let owners = [&first, &second]
            .iter()
            .filter(|response| response.get("errors").is_none())
            .count();
        assert_eq!(owners, 1, "{backend}: {first} {second}");
        let refused = if first.get("errors").is_some() {
            &first
        } else {
            &second
        };
        assert_eq!(
            refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{backend}: {refused}"
        );
        let made = [
            accounts::local_by_username(db, "first").await.is_ok(),
            accounts::local_by_username(db, "second").await.is_ok(),
        ];
        assert_eq!(made.iter().filter(|m| **m).count(), 1, "{backend}");
    }
}
