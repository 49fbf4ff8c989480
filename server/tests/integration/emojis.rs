//! Custom emoji across servers: received with notes and profiles and shown from this
//! server's copy, lying tags refused without troubling the sender, this server's own added
//! by administrators and sent with its posts and profiles.

use std::time::Duration;

use rookery_domain::service::custom_emojis;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::testing::pictures::png;
use serde_json::{Value, json};

use super::federation::{admin, eventually, federating, follow_accepted, remote_id};
use super::inbox::{activity, deliver, sender};
use super::support::{TestServer, serve_full};

const EMOJI_FIELDS: &str = "emojis { id shortcode url staticUrl visibleInPicker }";
const CREATE: &str = "mutation($s: String!, $file: Upload!) { createCustomEmoji(input: {shortcode: $s, file: $file}) { customEmoji { id shortcode url staticUrl visibleInPicker } } }";
const DELETE: &str =
    "mutation($id: ID!) { deleteCustomEmoji(input: {id: $id}) { deletedCustomEmojiId } }";

/// Serves `files` (path → bytes, as PNG) on a loopback port; returns its base URL.
async fn picture_server(files: Vec<(&'static str, Vec<u8>)>) -> String {
    use poem::listener::{Acceptor, Listener};
    let acceptor = poem::listener::TcpListener::bind("127.0.0.1:0")
        .into_acceptor()
        .await
        .unwrap();
    let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
    let mut route = poem::Route::new();
    for (path, bytes) in files {
        route = route.at(
            path,
            poem::endpoint::make_sync(move |_| {
                poem::Response::builder()
                    .content_type("image/png")
                    .body(bytes.clone())
            }),
        );
    }
    tokio::spawn(poem::Server::new_with_acceptor(acceptor).run(route));
    format!("http://{addr}")
}

async fn public_emojis(local: &TestServer) -> Vec<Value> {
    let query = format!("{{ publicTimeline {{ edges {{ node {{ {EMOJI_FIELDS} }} }} }} }}");
    let data = local.ok(None, &query, json!({})).await;
    data["publicTimeline"]["edges"][0]["node"]["emojis"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_received_note_shows_its_emoji_from_this_servers_copy_and_lies_are_left_out() {
    for test in TestDb::all().await {
        let local_db = test.db.clone();
        let local = serve_full(test, local_db, 1000, false).await;
        let remote_test = TestDb::sqlite().await;
        let remote_db = remote_test.db.clone();
        let remote = serve_full(remote_test, remote_db, 1000, true).await;
        let bob = sender(&remote, "bob").await;
        let pictures = picture_server(vec![
            ("/blobcat.png", png(40, 40)),
            // Over the emoji limit (256 KiB): never copied.
            ("/huge.png", vec![0x89; 300 * 1024]),
        ])
        .await;
        let origin = remote.base.clone();
        let mut tags = vec![
            json!({ "type": "Emoji", "id": format!("{origin}/emojis/1"), "name": ":blobcat:",
                    "updated": "2026-01-01T00:00:00Z",
                    "icon": { "type": "Image", "mediaType": "image/png", "url": format!("{pictures}/blobcat.png") } }),
            json!({ "type": "Emoji", "name": ":huge:", "icon": [{ "url": format!("{pictures}/huge.png") }] }),
            // An emoji of another server's, said by this one: not believed.
            json!({ "type": "Emoji", "id": "http://127.0.0.2:1/emojis/9", "name": ":liar:",
                    "icon": { "url": format!("{pictures}/blobcat.png") } }),
            json!({ "type": "Emoji", "name": ":<b>x</b>:", "icon": { "url": format!("{pictures}/blobcat.png") } }),
        ];
        tags.extend((0..10_000).map(|n| {
            json!({ "type": "Emoji", "name": format!(":s{n}:"), "icon": format!("{pictures}/s") })
        }));
        let note = json!({
            "id": format!("{}/statuses/emoji", bob.account.actor_id),
            "type": "Note",
            "attributedTo": bob.account.actor_id,
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
            "content": "<p>hello :blobcat: :huge: :liar: :s1:</p>",
            "tag": tags,
        });
        let body = activity(&bob, "Create", "create-emoji", note);
        assert!(body.len() < 1024 * 1024, "{}", body.len());
        assert_eq!(
            deliver(&local, "/inbox", &bob, &body, true, None).await,
            202
        );

        // Shown once copied here, from this server's copy; the rest never.
        eventually(Duration::from_secs(20), "the emoji's copy", || async {
            !public_emojis(&local).await.is_empty()
        })
        .await;
        let domain = remote.instance.domain.as_str();
        eventually(Duration::from_secs(20), "the failed copy", || async {
            let huge = store::custom_emojis::by_shortcode(&local.db.db, Some(domain), "huge");
            huge.await.unwrap().unwrap().error.is_some()
        })
        .await;
        let emojis = public_emojis(&local).await;
        assert_eq!(emojis.len(), 1, "{}: {emojis:?}", local.backend);
        assert_eq!(emojis[0]["shortcode"], "blobcat");
        assert_eq!(emojis[0]["visibleInPicker"], false);
        // This server's copy (its domain is rookery.test), never the remote picture.
        let here = local.instance.url("/media/");
        let url = emojis[0]["url"].as_str().unwrap();
        assert!(url.starts_with(&here), "{url}");
        assert!(emojis[0]["staticUrl"].as_str().unwrap().starts_with(&here));
        let served = url.replace("https://rookery.test", &local.base);
        let response = local.client.get(served).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "image/png");
        // No lie was kept, and no more than 50 of one note.
        let kept = |code: &'static str| {
            store::custom_emojis::by_shortcode(&local.db.db, Some(domain), code)
        };
        assert!(kept("liar").await.unwrap().is_none());
        assert!(kept("s47").await.unwrap().is_some());
        assert!(kept("s48").await.unwrap().is_none());
        assert!(
            custom_emojis::picker(&local.db.db)
                .await
                .unwrap()
                .is_empty(),
            "another server's emoji are in no picker here"
        );

        // A profile's emoji, when the actor updates itself.
        let mut person: Value = remote
            .client
            .get(&bob.account.actor_id)
            .header("accept", "application/activity+json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        person["name"] = json!("Bob :blobcat:");
        person["tag"] = json!([{ "type": "Emoji", "name": ":blobcat:",
            "icon": { "url": format!("{pictures}/blobcat.png") } }]);
        let body = activity(&bob, "Update", "update-emoji", person);
        assert_eq!(
            deliver(&local, "/inbox", &bob, &body, true, None).await,
            202
        );
        let query = format!(
            "{{ publicTimeline {{ edges {{ node {{ author {{ displayName {EMOJI_FIELDS} }} }} }} }} }}"
        );
        let data = local.ok(None, &query, json!({})).await;
        let author = &data["publicTimeline"]["edges"][0]["node"]["author"];
        assert_eq!(author["displayName"], "Bob :blobcat:");
        assert_eq!(author["emojis"][0]["shortcode"], "blobcat", "{author}");
        assert_eq!(author["emojis"][0]["url"], url);
    }
}

#[tokio::test]
async fn administrators_alone_add_and_delete_this_servers_emoji() {
    for server in super::support::servers().await {
        let (alice, _) = server.register("alice").await;
        let root = admin(&server).await;
        let create = |token: String, shortcode: &'static str, bytes: Vec<u8>| {
            let server = &server;
            async move {
                server
                    .gql_files(
                        &token,
                        CREATE,
                        json!({ "s": shortcode, "file": null }),
                        &[("file", bytes)],
                    )
                    .await
            }
        };
        let code = |response: &Value| response["errors"][0]["extensions"]["code"].clone();
        let refused = create(alice.clone(), "party", png(24, 24)).await;
        assert_eq!(code(&refused), "FORBIDDEN", "{}: {refused}", server.backend);
        let bad = create(root.clone(), "no way", png(24, 24)).await;
        assert_eq!(code(&bad), "VALIDATION", "{bad}");
        let too_large = create(root.clone(), "large", vec![0x89; 300 * 1024]).await;
        assert_eq!(code(&too_large), "MEDIA_TOO_LARGE", "{too_large}");

        let created = create(root.clone(), "party", png(24, 24)).await;
        let emoji = created["data"]["createCustomEmoji"]["customEmoji"].clone();
        assert_eq!(emoji["shortcode"], "party", "{created}");
        assert_eq!(emoji["visibleInPicker"], true);
        let url = emoji["url"].as_str().unwrap();
        assert_eq!(
            server
                .client
                .get(url.replace("https://rookery.test", &server.base))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        let taken = create(root.clone(), "party", png(25, 25)).await;
        assert_eq!(code(&taken), "VALIDATION", "{taken}");

        let picker = server
            .ok(None, "{ customEmojis { id shortcode url } }", json!({}))
            .await;
        assert_eq!(picker["customEmojis"][0]["shortcode"], "party");
        let node = server
            .ok(
                None,
                "query($id: ID!) { node(id: $id) { ... on CustomEmoji { shortcode } } }",
                json!({ "id": emoji["id"] }),
            )
            .await;
        assert_eq!(node["node"]["shortcode"], "party");

        let id = json!({ "id": emoji["id"] });
        assert_eq!(
            server.error_code(Some(&alice), DELETE, id.clone()).await,
            "FORBIDDEN"
        );
        let deleted = server.ok(Some(&root), DELETE, id.clone()).await;
        assert_eq!(
            deleted["deleteCustomEmoji"]["deletedCustomEmojiId"],
            emoji["id"]
        );
        assert_eq!(
            server.error_code(Some(&root), DELETE, id).await,
            "NOT_FOUND"
        );
        let picker = server.ok(None, "{ customEmojis { id } }", json!({})).await;
        assert_eq!(picker["customEmojis"], json!([]));
    }
}

#[tokio::test]
async fn an_emoji_of_one_server_is_shown_on_another() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let root = admin(&a).await;
    let created = a
        .gql_files(
            &root,
            CREATE,
            json!({ "s": "party", "file": null }),
            &[("file", png(24, 24))],
        )
        .await;
    let emoji = created["data"]["createCustomEmoji"]["customEmoji"].clone();
    assert_eq!(emoji["shortcode"], "party", "{created}");
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    // A serves it at its id, and names it in its notes and its actor.
    let status_id = a.post(&alice, "let us :party: now", "PUBLIC").await;
    let query = format!("query($id: ID!) {{ status(id: $id) {{ uri {EMOJI_FIELDS} }} }}");
    let data = a.ok(Some(&alice), &query, json!({ "id": status_id })).await;
    assert_eq!(data["status"]["emojis"][0]["shortcode"], "party");
    let get = |url: String| {
        let client = a.client.clone();
        async move {
            client
                .get(url)
                .header("accept", "application/activity+json")
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let note = get(data["status"]["uri"].as_str().unwrap().to_owned()).await;
    let tag = note["tag"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["type"] == "Emoji")
        .cloned()
        .unwrap_or_else(|| panic!("no Emoji tag in {note}"));
    assert_eq!(tag["name"], ":party:");
    assert_eq!(tag["icon"]["type"], "Image");
    assert_eq!(tag["icon"]["mediaType"], "image/png");
    assert_eq!(tag["icon"]["url"], emoji["url"]);
    assert!(tag["updated"].is_string());
    let served = get(tag["id"].as_str().unwrap().to_owned()).await;
    assert_eq!(served["type"], "Emoji");
    assert_eq!(served["name"], ":party:");
    assert_eq!(served["icon"]["url"], emoji["url"]);
    assert_eq!(served["@context"][1]["Emoji"], "toot:Emoji", "{served}");
    assert!(
        note["@context"].to_string().contains("toot:Emoji"),
        "{note}"
    );

    // B shows it from its own copy, on the post and on the profile.
    let home = format!("{{ homeTimeline {{ edges {{ node {{ content {EMOJI_FIELDS} }} }} }} }}");
    let shown = || async {
        let data = b.ok(Some(&bob), &home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["emojis"].clone()
    };
    eventually(Duration::from_secs(20), "the emoji on B", || async {
        shown().await.as_array().is_some_and(|e| !e.is_empty())
    })
    .await;
    let on_b = shown().await;
    assert_eq!(on_b[0]["shortcode"], "party");
    let copy = on_b[0]["url"].as_str().unwrap();
    assert!(copy.starts_with(&b.base), "{copy} is not on {}", b.base);
    assert_ne!(on_b[0]["url"], emoji["url"]);

    a.ok(
        Some(&alice),
        "mutation { updateProfile(input: {displayName: \"Alice :party:\"}) { account { id } } }",
        json!({}),
    )
    .await;
    let account =
        format!("query($id: ID!) {{ account(id: $id) {{ displayName {EMOJI_FIELDS} }} }}");
    eventually(Duration::from_secs(20), "the profile on B", || async {
        let data = b
            .ok(Some(&bob), &account, json!({ "id": alice_on_b }))
            .await;
        data["account"]["emojis"][0]["shortcode"] == "party"
    })
    .await;
    let person = get(format!("{}/users/alice", a.base)).await;
    assert!(
        person["tag"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["type"] == "Emoji" && t["name"] == ":party:"),
        "{person}"
    );
}
