//! Media: uploads checked at once and processed on the `media` queue, attached to
//! statuses, served with safe headers, federated as `Document`s and copied by the
//! receiving server; refused uploads leave nothing behind.

use std::time::Duration;

use rookery_domain::service::media;
use rookery_domain::testing::TestDb;
use rookery_domain::testing::pictures::{SECRET_LATITUDE, jpeg, png, png_declaring};
use rookery_server::media_store::ObjectMediaStore;
use serde_json::{Value, json};

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::support::{TestServer, servers};

const UPLOAD: &str = "mutation($file: Upload!, $d: String) { uploadMedia(input: {file: $file, description: $d, focus: {x: 0.5, y: -0.25}}) { media { id state } } }";
const MEDIA: &str = "query($id: ID!) { mediaAttachment(id: $id) { state error url previewUrl contentType description blurhash width height focus { x y } } }";
const POST: &str = "mutation($t: String!, $m: [ID!]!) { createStatus(input: {text: $t, mediaIds: $m}) { status { id mediaAttachments { id url description } } } }";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Uploads `bytes`; the response as is.
async fn upload(server: &TestServer, token: &str, bytes: Vec<u8>) -> Value {
    server
        .gql_files(
            token,
            UPLOAD,
            json!({ "file": null, "d": "red and blue" }),
            &[("file", bytes)],
        )
        .await
}

/// Uploads `bytes` and waits until it is processed; its id and final state.
pub(super) async fn uploaded(server: &TestServer, token: &str, bytes: Vec<u8>) -> (String, Value) {
    let response = upload(server, token, bytes).await;
    let created = &response["data"]["uploadMedia"]["media"];
    assert_eq!(created["state"], "PROCESSING", "{response}");
    let id = created["id"].as_str().unwrap().to_owned();
    let state = || async {
        server.ok(Some(token), MEDIA, json!({ "id": id })).await["mediaAttachment"].clone()
    };
    eventually(Duration::from_secs(20), "processing", || async {
        state().await["state"] != "PROCESSING"
    })
    .await;
    let last = state().await;
    (id, last)
}

/// The files kept under a local store's directory.
fn files_in(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                pending.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found
}

#[tokio::test]
async fn an_upload_is_stripped_turned_upright_attached_and_served_safely() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        // Orientation 6: the camera was turned; the picture is shown 90° clockwise.
        let (id, media) = uploaded(&server, &alice, jpeg(120, 80, 6)).await;
        assert_eq!(media["state"], "READY", "{}: {media}", server.backend);
        assert_eq!(
            (media["width"].as_u64(), media["height"].as_u64()),
            (Some(80), Some(120))
        );
        assert_eq!(media["contentType"], "image/jpeg");
        assert_eq!(media["description"], "red and blue");
        assert_eq!(media["focus"], json!({ "x": 0.5, "y": -0.25 }));
        assert!(media["blurhash"].as_str().is_some_and(|h| h.len() > 6));

        let url = media["url"].as_str().unwrap();
        let path = url.strip_prefix("https://rookery.test").unwrap();
        let response = server
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("content-type"), "image/jpeg");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("content-security-policy"), "default-src 'none'");
        assert!(header("cache-control").contains("immutable"));
        let served = response.bytes().await.unwrap();
        assert_eq!(&served[..3], &[0xFF, 0xD8, 0xFF]);
        assert!(!contains(&served, SECRET_LATITUDE), "GPS data was served");
        assert!(!contains(&served, b"Exif\0\0"), "EXIF was served");
        // Uploads as received are never served.
        let raw = server
            .client
            .get(format!("{}/media/uploads", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(raw.status(), 404);

        let posted = server
            .ok(Some(&alice), POST, json!({ "t": "", "m": [id] }))
            .await;
        let attached = &posted["createStatus"]["status"]["mediaAttachments"];
        assert_eq!(attached[0]["id"], id.as_str());
        assert_eq!(attached[0]["url"], url);

        // Posted once only; no longer editable; nobody else's to post.
        let again = server
            .error_code(Some(&alice), POST, json!({ "t": "again", "m": [id] }))
            .await;
        assert_eq!(again, "VALIDATION");
        let edit = "mutation($id: ID!) { updateMedia(input: {id: $id, description: \"x\"}) { media { id } } }";
        assert_eq!(
            server
                .error_code(Some(&alice), edit, json!({ "id": id }))
                .await,
            "VALIDATION"
        );
        let (bob, _) = server.register("bob").await;
        let (bobs, _) = uploaded(&server, &bob, png(10, 10)).await;
        let code = server
            .error_code(Some(&alice), POST, json!({ "t": "not mine", "m": [bobs] }))
            .await;
        assert_eq!(code, "VALIDATION");
        let code = server
            .error_code(Some(&alice), MEDIA, json!({ "id": bobs }))
            .await;
        assert_eq!(code, "NOT_FOUND");
        // At most four (ids of attachments that exist or not: the count is checked first).
        let five: Vec<String> = (0..5)
            .map(|_| {
                use base64::Engine;
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode(format!("MediaAttachment:{}", uuid::Uuid::now_v7()))
            })
            .collect();
        let code = server
            .error_code(Some(&bob), POST, json!({ "t": "five", "m": five }))
            .await;
        assert_eq!(code, "VALIDATION");
    }
}

#[tokio::test]
async fn refused_uploads_leave_no_rows_and_no_files() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let whole = jpeg(64, 64, 1);
        let refused = [
            // A decompression bomb: 10 gigapixels declared in a few dozen bytes.
            (png_declaring(100_000, 100_000), "MEDIA_TOO_LARGE"),
            (whole[..whole.len() / 2].to_vec(), "CORRUPT_MEDIA"),
            (
                b"GIF8 but not really a picture".to_vec(),
                "UNSUPPORTED_MEDIA",
            ),
            (
                b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
                "UNSUPPORTED_MEDIA",
            ),
        ];
        for (bytes, code) in refused {
            let response = upload(&server, &alice, bytes).await;
            assert_eq!(
                response["errors"][0]["extensions"]["code"], code,
                "{}: {response}",
                server.backend
            );
        }
        let far_future = chrono::Utc::now() + chrono::Duration::days(1);
        let rows = rookery_domain::store::media_attachments::orphans(&server.db.db, far_future, 10)
            .await
            .unwrap();
        assert!(rows.is_empty(), "{}: {rows:?}", server.backend);
        assert!(files_in(&server.media_dir).is_empty());
    }
}

#[tokio::test]
async fn uploads_never_posted_are_removed_with_their_files() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (kept_id, _) = uploaded(&server, &alice, jpeg(40, 40, 1)).await;
        server
            .ok(Some(&alice), POST, json!({ "t": "kept", "m": [kept_id] }))
            .await;
        let (orphan, _) = uploaded(&server, &alice, png(30, 20)).await;
        // Small pictures are their own thumbnails: one file each, by content.
        assert_eq!(files_in(&server.media_dir).len(), 2);

        let store = ObjectMediaStore::local(&server.media_dir).unwrap();
        let db = &server.db.db;
        // A day old is the rule; none is yet.
        let removed = media::remove_orphans(db, &store, chrono::Duration::hours(24))
            .await
            .unwrap();
        assert_eq!(removed, 0);
        let removed = media::remove_orphans(db, &store, chrono::Duration::zero())
            .await
            .unwrap();
        assert_eq!(removed, 1, "{}", server.backend);
        assert_eq!(files_in(&server.media_dir).len(), 1);
        let code = server
            .error_code(Some(&alice), MEDIA, json!({ "id": orphan }))
            .await;
        assert_eq!(code, "NOT_FOUND");
        let kept = server
            .ok(Some(&alice), MEDIA, json!({ "id": kept_id }))
            .await;
        assert_eq!(kept["mediaAttachment"]["state"], "READY");
    }
}

#[tokio::test]
async fn avatars_and_headers_are_processed_and_shown_to_the_fediverse() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let update = "mutation($a: Upload, $h: Upload) { updateProfile(input: {avatar: $a, header: $h}) { account { avatarUrl headerUrl } } }";
        let response = server
            .gql_files(
                &alice,
                update,
                json!({ "a": null, "h": null }),
                &[("a", jpeg(1000, 1000, 1)), ("h", png(1500, 500))],
            )
            .await;
        let account = &response["data"]["updateProfile"]["account"];
        let avatar = account["avatarUrl"]
            .as_str()
            .unwrap_or_else(|| panic!("{response}"));
        assert!(avatar.ends_with(".jpg"), "{avatar}");
        assert!(account["headerUrl"].as_str().unwrap().ends_with(".png"));

        let path = avatar.strip_prefix("https://rookery.test").unwrap();
        let served = server
            .client
            .get(format!("{}{path}", server.base))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert!(!contains(&served, SECRET_LATITUDE));

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
        assert_eq!(actor["icon"]["type"], "Image");
        assert_eq!(actor["icon"]["mediaType"], "image/jpeg");
        assert_eq!(actor["icon"]["url"], avatar);
        assert_eq!(actor["image"]["mediaType"], "image/png");

        // A refused picture changes nothing.
        let response = server
            .gql_files(
                &alice,
                update,
                json!({ "a": null, "h": null }),
                &[("a", png_declaring(100_000, 100_000))],
            )
            .await;
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            "MEDIA_TOO_LARGE"
        );
        let again = server
            .ok(Some(&alice), "{ viewer { avatarUrl } }", json!({}))
            .await;
        assert_eq!(again["viewer"]["avatarUrl"], avatar);
    }
}

#[tokio::test]
async fn attachments_federate_as_documents_and_are_copied_by_the_receiver() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    let (id, media) = uploaded(&a, &alice, jpeg(90, 60, 1)).await;
    let posted = a
        .ok(Some(&alice), POST, json!({ "t": "a picture", "m": [id] }))
        .await;
    let status_id = posted["createStatus"]["status"]["id"].as_str().unwrap();

    // The Note carries the picture as Mastodon sends it.
    let status = "query($id: ID!) { status(id: $id) { uri } }";
    let uri = a.ok(Some(&alice), status, json!({ "id": status_id })).await["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let note: Value = a
        .client
        .get(&uri)
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let document = &note["attachment"][0];
    assert_eq!(document["type"], "Document", "{note}");
    assert_eq!(document["mediaType"], "image/jpeg");
    assert_eq!(document["url"], media["url"]);
    assert_eq!(document["name"], "red and blue");
    assert_eq!(document["blurhash"], media["blurhash"]);
    assert_eq!(document["focalPoint"], json!([0.5, -0.25]));
    assert_eq!(
        (document["width"].as_u64(), document["height"].as_u64()),
        (Some(90), Some(60))
    );

    // The receiver records it and makes a copy of its own.
    let home = "{ homeTimeline { edges { node { mediaAttachments { state url previewUrl remoteUrl description width } } } } }";
    let first = || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["mediaAttachments"][0].clone()
    };
    eventually(Duration::from_secs(20), "the copy", || async {
        first().await["state"] == "READY"
    })
    .await;
    let attachment = first().await;
    assert_eq!(attachment["remoteUrl"], media["url"]);
    assert_eq!(attachment["description"], "red and blue");
    assert_eq!(attachment["width"], 90);
    let copy = attachment["url"].as_str().unwrap();
    assert!(copy.starts_with(&b.base), "{copy} is not on {}", b.base);
    let response = b.client.get(copy).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/jpeg");

    // Pruned, the copy is gone and clients are sent to the remote server again.
    let store = ObjectMediaStore::local(&b.media_dir).unwrap();
    let mut seen = Vec::new();
    let pruned =
        media::prune_remote_cache(&b.db.db, &store, chrono::Duration::zero(), |n| seen.push(n))
            .await
            .unwrap();
    assert_eq!((pruned, seen), (1, vec![1]));
    assert!(files_in(&b.media_dir).is_empty());
    let data = b.ok(Some(&bob), home, json!({})).await;
    let attachment = &data["homeTimeline"]["edges"][0]["node"]["mediaAttachments"][0];
    assert_eq!(attachment["url"], media["url"]);
    assert_eq!(b.client.get(copy).send().await.unwrap().status(), 404);
}
