//! First-run setup: the one-time token `rookery serve` prints creates the owner and names
//! the instance, once; without it nothing changes. Later, administrators change the
//! instance's settings.

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

const UPDATE: &str = "mutation($i: UpdateInstanceInput!) { updateInstance(input: $i) { instance { name description registrationMode maxStatusChars } } }";

#[tokio::test]
async fn administrators_change_the_instance_settings_all_or_none() {
    for server in servers().await {
        let root = super::federation::admin(&server).await;
        let (alice, _) = server.register("alice").await;
        let shown = "{ instance { name description registrationMode maxStatusChars } }";
        let before = server.ok(None, shown, json!({})).await;

        let change = json!({ "i": { "name": "Rooks", "maxStatusChars": 800 } });
        assert_eq!(
            server.error_code(Some(&alice), UPDATE, change).await,
            "FORBIDDEN"
        );
        // One refused setting refuses them all.
        let change = json!({ "i": { "name": "Rooks", "maxStatusChars": 99 } });
        assert_eq!(
            server.error_code(Some(&root), UPDATE, change).await,
            "VALIDATION"
        );
        let change = json!({ "i": { "name": "  ", "description": "ok" } });
        assert_eq!(
            server.error_code(Some(&root), UPDATE, change).await,
            "VALIDATION"
        );
        let change = json!({ "i": { "description": "x".repeat(5001) } });
        assert_eq!(
            server.error_code(Some(&root), UPDATE, change).await,
            "VALIDATION"
        );
        assert_eq!(server.ok(None, shown, json!({})).await, before);

        let change = json!({ "i": {
            "name": " Rooks ",
            "description": "A rookery.",
            "registrationMode": "CLOSED",
            "maxStatusChars": 120,
        } });
        let data = server.ok(Some(&root), UPDATE, change).await;
        let changed = json!({
            "name": "Rooks",
            "description": "A rookery.",
            "registrationMode": "CLOSED",
            "maxStatusChars": 120,
        });
        assert_eq!(data["updateInstance"]["instance"], changed);
        assert_eq!(server.ok(None, shown, json!({})).await["instance"], changed);

        // What is left out stays; the new settings apply at once.
        let change = json!({ "i": { "description": "Still a rookery." } });
        let data = server.ok(Some(&root), UPDATE, change).await;
        assert_eq!(data["updateInstance"]["instance"]["name"], "Rooks");
        let long = "y".repeat(121);
        let post = "mutation($t: String!) { createStatus(input: {text: $t}) { status { id } } }";
        let code = server
            .error_code(Some(&alice), post, json!({ "t": long }))
            .await;
        assert_eq!(code, "VALIDATION");
        let register = "mutation { register(input: {username: \"carol\", email: \"carol@example.org\", password: \"correct horse\"}) { pendingApproval } }";
        let code = server.error_code(None, register, json!({})).await;
        assert_eq!(code, "REGISTRATIONS_CLOSED");
    }
}

const ABOUT: &str =
    "{ instance { longDescription contactEmail contactAccount { acct } defaultLocale } }";

#[tokio::test]
async fn administrators_tell_about_the_instance_and_how_to_reach_them() {
    for server in servers().await {
        let root = super::federation::admin(&server).await;
        let (_, _) = server.register("alice").await;
        let before = server.ok(None, ABOUT, json!({})).await;
        assert_eq!(
            before["instance"],
            json!({ "longDescription": "", "contactEmail": "", "contactAccount": null, "defaultLocale": "en" })
        );

        // Each refused setting names its field, and refuses the others with it.
        for (change, field) in [
            (
                json!({ "longDescription": "x".repeat(20_001) }),
                "longDescription",
            ),
            (
                json!({ "longDescription": "ok", "contactEmail": "not an address" }),
                "contactEmail",
            ),
            (
                json!({ "longDescription": "ok", "contactUsername": "nobody_here" }),
                "contactUsername",
            ),
            (
                json!({ "longDescription": "ok", "contactUsername": "instance.actor" }),
                "contactUsername",
            ),
            (
                json!({ "longDescription": "ok", "defaultLocale": "english please" }),
                "defaultLocale",
            ),
            (
                json!({ "longDescription": "ok", "defaultLocale": "e" }),
                "defaultLocale",
            ),
        ] {
            let answer = server
                .gql(Some(&root), UPDATE, json!({ "i": change }))
                .await;
            assert_eq!(
                answer["errors"][0]["extensions"]["field"], field,
                "{answer}"
            );
        }
        assert_eq!(server.ok(None, ABOUT, json!({})).await, before);

        let change = json!({ "i": {
            "longDescription": "A place for rooks.\n\nBe kind.",
            "contactEmail": "admins@rookery.example",
            "contactUsername": "alice",
            "defaultLocale": "pt-BR",
        } });
        server.ok(Some(&root), UPDATE, change).await;
        let after = server.ok(None, ABOUT, json!({})).await;
        assert_eq!(
            after["instance"],
            json!({
                "longDescription": "A place for rooks.\n\nBe kind.",
                "contactEmail": "admins@rookery.example",
                "contactAccount": { "acct": "alice" },
                "defaultLocale": "pt-BR",
            })
        );
        // Empty clears.
        let change = json!({ "i": { "contactEmail": "", "contactUsername": "" } });
        server.ok(Some(&root), UPDATE, change).await;
        let cleared = server.ok(None, ABOUT, json!({})).await;
        assert_eq!(cleared["instance"]["contactEmail"], "");
        assert!(cleared["instance"]["contactAccount"].is_null());
        assert_eq!(cleared["instance"]["defaultLocale"], "pt-BR");
        // The audit log keeps what changed.
        let audit = "{ auditLog(first: 5, filter: {action: \"instance.update\"}) { edges { node { detail } } } }";
        let log = server.ok(Some(&root), audit, json!({})).await;
        let detail = log["auditLog"]["edges"][1]["node"]["detail"].to_string();
        assert!(detail.contains("admins@rookery.example"), "{detail}");
    }
}

const THUMBNAIL: &str = "mutation($file: Upload) { setInstanceThumbnail(input: {file: $file}) { instance { thumbnail { url width height blurhash } } } }";

#[tokio::test]
async fn administrators_set_and_remove_the_instance_picture() {
    use rookery_domain::testing::pictures::png;
    for server in servers().await {
        let root = super::federation::admin(&server).await;
        let (alice, _) = server.register("alice").await;
        let picture = [("file", png(48, 32))];
        let refused = server
            .gql_files(&alice, THUMBNAIL, json!({ "file": null }), &picture)
            .await;
        assert_eq!(
            refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
            "{refused}"
        );
        let garbage = [("file", b"not a picture".to_vec())];
        let refused = server
            .gql_files(&root, THUMBNAIL, json!({ "file": null }), &garbage)
            .await;
        let code = refused["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default();
        assert!(
            matches!(code, "UNSUPPORTED_MEDIA" | "CORRUPT_MEDIA"),
            "{refused}"
        );
        let shown = "{ instance { thumbnail { url } } }";
        assert!(server.ok(None, shown, json!({})).await["instance"]["thumbnail"].is_null());

        let set = server
            .gql_files(&root, THUMBNAIL, json!({ "file": null }), &picture)
            .await;
        let kept = &set["data"]["setInstanceThumbnail"]["instance"]["thumbnail"];
        assert_eq!(kept["width"], 48, "{set}");
        assert_eq!(kept["height"], 32, "{set}");
        assert!(!kept["blurhash"].as_str().unwrap().is_empty());
        let url = kept["url"].as_str().unwrap().to_owned();
        assert!(url.contains("/media/"), "{url}");
        let path = url.split_once("/media/").unwrap().1;
        let served = server
            .client
            .get(format!("{}/media/{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), 200);
        assert_eq!(served.headers()["content-type"], "image/png");
        let public = server.ok(None, shown, json!({})).await;
        assert_eq!(public["instance"]["thumbnail"]["url"], url.as_str());

        // Removed, it is gone from the instance and from storage.
        let removed = server
            .ok(Some(&root), THUMBNAIL, json!({ "file": null }))
            .await;
        assert!(removed["setInstanceThumbnail"]["instance"]["thumbnail"].is_null());
        let gone = server
            .client
            .get(format!("{}/media/{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(gone.status(), 404);
    }
}
