//! Discovery and the documents other servers fetch.

use serde_json::{Value, json};

use super::support::{TestServer, servers};

const AP: &str = "application/activity+json";

async fn get(server: &TestServer, path: &str, accept: &str) -> reqwest::Response {
    server
        .client
        .get(format!("{}{path}", server.base))
        .header("accept", accept)
        .send()
        .await
        .unwrap()
}

async fn get_json(server: &TestServer, path: &str) -> Value {
    let response = get(server, path, AP).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

async fn uri(server: &TestServer, token: &str, id: &str) -> String {
    let query = "query($id: ID!) { status(id: $id) { uri } }";
    let data = server.ok(Some(token), query, json!({ "id": id })).await;
    data["status"]["uri"].as_str().unwrap().to_owned()
}

/// The path of one of this instance's absolute URLs.
fn path(url: &str) -> &str {
    url.strip_prefix("https://rookery.test").unwrap()
}

#[tokio::test]
async fn webfinger_host_meta_and_nodeinfo() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        server.post(&alice, "hello", "PUBLIC").await;
        for resource in [
            "acct:alice@rookery.test",
            "acct:Alice@ROOKERY.test",
            "https://rookery.test/users/alice",
            "https://rookery.test/@alice",
        ] {
            let response = get(
                &server,
                &format!("/.well-known/webfinger?resource={resource}"),
                "*/*",
            )
            .await;
            assert_eq!(response.status(), 200, "{resource}");
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/jrd+json")
            );
            let jrd: Value = response.json().await.unwrap();
            assert_eq!(jrd["subject"], "acct:alice@rookery.test");
            let links = jrd["links"].as_array().unwrap();
            assert!(links.contains(
                &json!({ "rel": "self", "type": AP, "href": "https://rookery.test/users/alice" })
            ));
        }
        for (resource, status) in [
            ("acct:nobody@rookery.test", 404),
            ("acct:alice@elsewhere.example", 404),
            ("alice", 400),
        ] {
            let response = get(
                &server,
                &format!("/.well-known/webfinger?resource={resource}"),
                "*/*",
            )
            .await;
            assert_eq!(response.status(), status, "{resource}");
        }
        assert_eq!(
            get(&server, "/.well-known/webfinger", "*/*").await.status(),
            400
        );

        let host_meta = get(&server, "/.well-known/host-meta", "*/*")
            .await
            .text()
            .await
            .unwrap();
        assert!(host_meta.contains("https://rookery.test/.well-known/webfinger?resource={uri}"));

        let links = get_json(&server, "/.well-known/nodeinfo").await;
        assert_eq!(
            links["links"][1]["href"],
            "https://rookery.test/nodeinfo/2.1"
        );
        for version in ["2.0", "2.1"] {
            let response = get(&server, &format!("/nodeinfo/{version}"), "*/*").await;
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .contains(&format!("schema/{version}#"))
            );
            let info: Value = response.json().await.unwrap();
            assert_eq!(info["version"], version);
            assert_eq!(info["software"]["name"], "rookery");
            assert_eq!(info["protocols"], json!(["activitypub"]));
            assert_eq!(info["openRegistrations"], true);
            assert_eq!(info["usage"]["users"]["total"], 1, "{}", server.backend);
            assert_eq!(info["usage"]["users"]["activeMonth"], 1);
            assert_eq!(info["usage"]["localPosts"], 1);
        }
        assert_eq!(get(&server, "/nodeinfo/9.9", "*/*").await.status(), 404);
    }
}

#[tokio::test]
async fn actors_notes_and_negotiation() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        server
            .ok(Some(&alice), "mutation { updateProfile(input: {displayName: \"Alice\", note: \"hi\", fields: [{name: \"site\", value: \"<b>x</b>\"}]}) { account { id } } }", json!({}))
            .await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;

        let response = get(&server, "/users/alice", AP).await;
        assert_eq!(response.status(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(AP)
        );
        let actor: Value = response.json().await.unwrap();
        assert_eq!(actor["type"], "Person");
        assert_eq!(actor["id"], "https://rookery.test/users/alice");
        assert_eq!(actor["preferredUsername"], "alice");
        assert_eq!(actor["name"], "Alice");
        assert_eq!(actor["inbox"], "https://rookery.test/users/alice/inbox");
        assert_eq!(
            actor["endpoints"]["sharedInbox"],
            "https://rookery.test/inbox"
        );
        assert_eq!(
            actor["publicKey"]["id"],
            "https://rookery.test/users/alice#main-key"
        );
        assert!(
            actor["publicKey"]["publicKeyPem"]
                .as_str()
                .unwrap()
                .starts_with("-----BEGIN PUBLIC KEY-----")
        );
        assert_eq!(
            actor["attachment"][0],
            json!({ "type": "PropertyValue", "name": "site", "value": "&lt;b&gt;x&lt;/b&gt;" })
        );
        assert_eq!(actor["manuallyApprovesFollowers"], false);
        assert!(
            actor["@context"]
                .to_string()
                .contains("https://w3id.org/security/v1")
        );
        let ld = get(
            &server,
            "/users/alice",
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
        )
        .await;
        assert_eq!(ld.status(), 200);
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = browser
            .get(format!("{}/users/alice", server.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 303);
        assert_eq!(page.headers()["location"], "https://rookery.test/@alice");
        assert_eq!(get(&server, "/users/nobody", AP).await.status(), 404);
        let html = get(&server, "/@alice", "text/html")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Alice"));

        let public = server.post(&alice, "hello @bob #Rust", "PUBLIC").await;
        let unlisted = server.post(&alice, "quiet", "UNLISTED").await;
        let private = server.post(&alice, "followers only", "FOLLOWERS").await;
        let note = get_json(&server, path(&uri(&server, &alice, &public).await)).await;
        assert_eq!(note["type"], "Note");
        assert_eq!(note["attributedTo"], "https://rookery.test/users/alice");
        assert_eq!(
            note["to"],
            json!(["https://www.w3.org/ns/activitystreams#Public"])
        );
        assert_eq!(
            note["cc"],
            json!([
                "https://rookery.test/users/alice/followers",
                "https://rookery.test/users/bob"
            ])
        );
        let tags = note["tag"].as_array().unwrap();
        assert!(tags.contains(&json!({ "type": "Mention", "href": "https://rookery.test/users/bob", "name": "@bob@rookery.test" })));
        assert!(tags.contains(
            &json!({ "type": "Hashtag", "href": "https://rookery.test/tags/rust", "name": "#Rust" })
        ));
        assert!(note["content"].as_str().unwrap().contains("hello"));
        assert!(note["@context"].is_array());

        let quiet = get_json(&server, path(&uri(&server, &alice, &unlisted).await)).await;
        assert_eq!(
            quiet["to"],
            json!(["https://rookery.test/users/alice/followers"])
        );
        assert_eq!(
            quiet["cc"],
            json!(["https://www.w3.org/ns/activitystreams#Public"])
        );
        // Followers-only statuses are not served to an unsigned request.
        let hidden = get(&server, path(&uri(&server, &alice, &private).await), AP).await;
        assert_eq!(hidden.status(), 404, "{}", server.backend);

        let outbox = get_json(&server, "/users/alice/outbox").await;
        assert_eq!(outbox["type"], "OrderedCollection");
        assert_eq!(outbox["totalItems"], 3);
        let first = get_json(&server, path(outbox["first"].as_str().unwrap())).await;
        assert_eq!(first["type"], "OrderedCollectionPage");
        let items = first["orderedItems"].as_array().unwrap();
        assert_eq!(items.len(), 2, "only public and unlisted statuses");
        assert_eq!(items[0]["type"], "Create");
        assert_eq!(items[0]["object"]["content"], quiet["content"]);

        let followers = get_json(&server, "/users/alice/followers").await;
        assert_eq!(followers["totalItems"], 1);
        let page = get_json(&server, "/users/alice/followers?page=true").await;
        assert_eq!(
            page["orderedItems"],
            json!(["https://rookery.test/users/bob"])
        );
        let following = get_json(&server, "/users/bob/following?page=true").await;
        assert_eq!(
            following["orderedItems"],
            json!(["https://rookery.test/users/alice"])
        );
        assert_eq!(
            get(&server, "/users/alice/outbox?page=true&max_id=nope", AP)
                .await
                .status(),
            400
        );
    }
}
