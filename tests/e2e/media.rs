//! Media on S3: a `rookery serve` keeping media in an S3-compatible store (moto's server,
//! installed by `make test`) stores and serves the same bytes as one on a local directory.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rookery_domain::testing::multipart::graphql_upload;
use rookery_domain::testing::pictures::{SECRET_LATITUDE, jpeg};
use rookery_domain::testing::skip_unless_required;
use serde_json::{Value, json};

use super::process::{Server, free_port, run};

const BUCKET: &str = "rookery-media";
const UPLOAD: &str =
    "mutation($file: Upload!) { uploadMedia(input: {file: $file}) { media { id } } }";
const MEDIA: &str = "query($id: ID!) { mediaAttachment(id: $id) { state url } }";
const REGISTER: &str = "mutation { register(input: {username: \"alice\", email: \"alice@example.org\", password: \"correct horse\"}) { token } }";

/// An S3-compatible server process (moto) on a loopback port, with one bucket.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl S3Server {
    /// Starts one, or returns None (skipping) when the test tools are not installed and
    /// services are not required.
    async fn start() -> Option<Self> {
        let python = std::env::var("ROOKERY_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let installed = Command::new(&python)
            .args(["-c", "import moto.server"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            skip_unless_required(&format!(
                "moto is missing from {python} (`make test-tools` installs it)"
            ));
            return None;
        }
        let port = free_port();
        let child = Command::new(&python)
            .args(["-m", "moto.server", "-H", "127.0.0.1", "-p"])
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            // moto takes unsigned requests; the bucket is made the plain S3 way.
            let created = client
                .put(format!("{}/{BUCKET}", server.endpoint))
                .send()
                .await;
            if created.is_ok_and(|r| r.status().is_success()) {
                return Some(server);
            }
            assert!(Instant::now() < deadline, "moto did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ROOKERY_MEDIA__STORE", "s3".into()),
            ("ROOKERY_MEDIA__S3__BUCKET", BUCKET.into()),
            ("ROOKERY_MEDIA__S3__ENDPOINT", self.endpoint.clone()),
            ("ROOKERY_MEDIA__S3__ALLOW_HTTP", "true".into()),
            ("ROOKERY_MEDIA__S3__ACCESS_KEY_ID", "rookery".into()),
            (
                "ROOKERY_MEDIA__S3__SECRET_ACCESS_KEY",
                "rookery-secret".into(),
            ),
        ]
    }
}

/// Registers alice, uploads `picture`, waits until it is processed; the URL it is served at.
async fn upload(server: &Server, picture: Vec<u8>) -> String {
    let token = server.ok(None, REGISTER, json!({})).await["register"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (content_type, body) =
        graphql_upload(UPLOAD, json!({ "file": null }), &[("file", picture)]);
    let response: Value = server
        .client
        .post(format!("{}/graphql", server.base))
        .bearer_auth(&token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = response["data"]["uploadMedia"]["media"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{response}"))
        .to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let media = server.ok(Some(&token), MEDIA, json!({ "id": id })).await;
        let media = &media["mediaAttachment"];
        if media["state"] == "READY" {
            return media["url"].as_str().unwrap().to_owned();
        }
        assert_eq!(media["state"], "PROCESSING", "{media}");
        assert!(Instant::now() < deadline, "the upload was not processed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn fetch(client: &reqwest::Client, url: &str) -> Vec<u8> {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), 200, "{url}");
    response.bytes().await.unwrap().to_vec()
}

fn key_of(url: &str) -> &str {
    url.rsplit_once("/media/").unwrap().1
}

#[tokio::test]
async fn the_s3_store_keeps_and_serves_the_same_bytes_as_a_local_directory() {
    let Some(s3) = S3Server::start().await else {
        return;
    };
    let picture = jpeg(300, 200, 6);
    let on_s3_dir = tempfile::tempdir().unwrap();
    let on_s3 = Server::start(on_s3_dir.path(), free_port(), &s3.env()).await;
    let local_dir = tempfile::tempdir().unwrap();
    let local = Server::start(local_dir.path(), free_port(), &[]).await;

    let s3_url = upload(&on_s3, picture.clone()).await;
    let local_url = upload(&local, picture).await;
    let served_from_s3 = fetch(&on_s3.client, &s3_url).await;
    let served_locally = fetch(&local.client, &local_url).await;
    assert_eq!(served_from_s3, served_locally);
    assert!(
        !served_from_s3
            .windows(SECRET_LATITUDE.len())
            .any(|w| w == SECRET_LATITUDE)
    );
    let key = key_of(&s3_url);
    assert_eq!(key, key_of(&local_url), "keys are made of the content");

    // The bytes are in the bucket (as moto's own state shows), and in the local directory;
    // not in the other.
    let state: Value = on_s3
        .client
        .get(format!("{}/moto-api/data.json", s3.endpoint))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stored = state["s3"]["FakeKey"]
        .as_array()
        .unwrap()
        .iter()
        .find(|object| {
            object["bucket_name"] == BUCKET
                && object["arn"]
                    .as_str()
                    .is_some_and(|arn| arn.contains(&format!("/{key}/")))
        })
        .unwrap_or_else(|| panic!("{key} is not in the bucket"));
    assert_eq!(stored["contentsize"], served_from_s3.len());
    let on_disk = std::fs::read(local_dir.path().join("data/media").join(key)).unwrap();
    assert_eq!(on_disk, served_locally);
    assert!(!on_s3_dir.path().join("data/media").join(key).exists());
    on_s3.stop();
    local.stop();

    // With a public URL, the store serves its files itself: Rookery redirects there.
    let public = format!("{}/{BUCKET}", s3.endpoint);
    let mut env = s3.env();
    env.push(("ROOKERY_MEDIA__PUBLIC_URL", public.clone()));
    let redirecting = Server::start(on_s3_dir.path(), free_port(), &env).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let path = s3_url.split_once("/media/").unwrap().1;
    let response = no_redirects
        .get(format!("{}/media/{path}", redirecting.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        format!("{public}/{key}").as_str()
    );
    redirecting.stop();

    // Pruning runs against the bucket too, with nothing to prune yet.
    let pruned = run(on_s3_dir.path(), &s3.env(), &["media", "prune"], None);
    let out = String::from_utf8_lossy(&pruned.stdout);
    assert!(
        pruned.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&pruned.stderr)
    );
    assert!(out.contains("pruned 0 remote copies"), "{out}");
}

#[test]
fn the_s3_store_needs_a_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("ROOKERY_MEDIA__STORE", "s3".to_owned())];
    let checked = run(dir.path(), &env, &["config", "check"], None);
    assert!(!checked.status.success());
    let err = String::from_utf8_lossy(&checked.stderr);
    assert!(err.contains("media.s3.bucket"), "{err}");
    assert!(!Path::new(&dir.path().join("data/media")).exists());
}
