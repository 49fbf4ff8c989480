//! Profile fields as other servers and clients read them: HTML values in the actor's
//! `attachment`, and links verified when their page links back (`rel="me"`).

use std::time::Duration;

use poem::listener::{Acceptor, Listener, TcpListener};
use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::federation::{eventually, federating};
use super::support::{TestServer, servers};

const SAVE: &str = "mutation($f: [ProfileFieldInput!]) { updateProfile(input: {fields: $f}) { account { fields { name value valueHtml verifiedAt } } } }";
const FIELDS: &str =
    "query($id: ID!) { account(id: $id) { fields { name value valueHtml verifiedAt } } }";

async fn save(server: &TestServer, token: &str, fields: Value) -> Value {
    let data = server.ok(Some(token), SAVE, json!({ "f": fields })).await;
    data["updateProfile"]["account"]["fields"].clone()
}

#[tokio::test]
async fn the_actor_carries_field_values_as_html() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let fields = save(
            &server,
            &alice,
            json!([
                { "name": "Site", "value": "https://alice.example/" },
                { "name": "Likes", "value": "<b>birds</b>" },
            ]),
        )
        .await;
        let link = "<a href=\"https://alice.example/\" rel=\"me nofollow noopener noreferrer\" target=\"_blank\">https://alice.example/</a>";
        assert_eq!(
            fields,
            json!([
                { "name": "Site", "value": "https://alice.example/", "valueHtml": link, "verifiedAt": null },
                { "name": "Likes", "value": "<b>birds</b>", "valueHtml": "&lt;b&gt;birds&lt;/b&gt;", "verifiedAt": null },
            ]),
            "{}",
            server.backend
        );
        let read = server.ok(None, FIELDS, json!({ "id": alice_id })).await;
        assert_eq!(read["account"]["fields"], fields);

        let actor: Value = server
            .client
            .get(format!("{}/users/alice", server.base))
            .header("accept", "application/activity+json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            actor["attachment"],
            json!([
                { "type": "PropertyValue", "name": "Site", "value": link },
                { "type": "PropertyValue", "name": "Likes", "value": "&lt;b&gt;birds&lt;/b&gt;" },
            ]),
            "{}",
            server.backend
        );
    }
}

/// Serves `/with`, a page linking to `profile` with `rel="me"`, and `/without`, one
/// linking to it without; returns the base URL.
async fn pages(profile: &str) -> String {
    let acceptor = TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let with = format!(
        "<!doctype html><html><head><link rel=\"me\" href=\"{profile}\"></head><body>hi</body></html>"
    );
    let without = format!("<!doctype html><html><body><a href=\"{profile}\">me</a></body></html>");
    let route = poem::Route::new()
        .at(
            "/with",
            poem::endpoint::make_sync(move |_| poem::web::Html(with.clone())),
        )
        .at(
            "/without",
            poem::endpoint::make_sync(move |_| poem::web::Html(without.clone())),
        );
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(route));
    format!("http://{addr}")
}

#[tokio::test]
async fn links_to_pages_that_link_back_are_verified() {
    for test in TestDb::all().await {
        let server = federating(test).await;
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let base = pages(&server.instance.url("/@alice")).await;
        let (with, without) = (format!("{base}/with"), format!("{base}/without"));
        // The page without the link is checked first: once the other is verified, both
        // were checked.
        let fields = json!([
            { "name": "Without", "value": without },
            { "name": "With", "value": with },
        ]);
        let saved = save(&server, &alice, fields.clone()).await;
        assert_eq!(
            saved[1]["verifiedAt"],
            Value::Null,
            "checked in the background"
        );
        eventually(Duration::from_secs(10), "the verification", || async {
            let read = server.ok(None, FIELDS, json!({ "id": alice_id })).await;
            read["account"]["fields"][1]["verifiedAt"].is_string()
        })
        .await;
        let read = server.ok(None, FIELDS, json!({ "id": alice_id })).await;
        assert_eq!(
            read["account"]["fields"][0]["verifiedAt"],
            Value::Null,
            "{backend}: a page without rel=me verifies nothing"
        );

        // Saved again unchanged, the link stays verified; changed, it is not.
        let saved = save(&server, &alice, fields).await;
        assert!(saved[1]["verifiedAt"].is_string(), "{backend}");
        let saved = save(
            &server,
            &alice,
            json!([{ "name": "With", "value": format!("{without}?") }]),
        )
        .await;
        assert_eq!(saved[0]["verifiedAt"], Value::Null, "{backend}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let read = server.ok(None, FIELDS, json!({ "id": alice_id })).await;
        assert_eq!(read["account"]["fields"][0]["verifiedAt"], Value::Null);
    }
}
