//! The bundled web client: its routes answer `index.html` to browsers while ActivityPub
//! and feeds keep their answers, its hashed assets are cached for good, and every page and
//! asset carries the content security policy.

use std::path::PathBuf;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use rookery_domain::testing::TestDb;
use rookery_server::http::web_client::WebClient;
use serde_json::Value;

use super::support::{TestServer, serve, serve_changed};

const INDEX: &str = "<!doctype html><title>Rookery client</title><script type=\"module\" src=\"/assets/main-3f2a1b.js\"></script>";
const SCRIPT: &str = "console.log('rookery');";
const GRAPHIQL: &str = "<!doctype html><title>GraphiQL</title><script type=\"module\" src=\"/assets/graphiql-4e5f6a.js\"></script>";
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// A client build as `vite build` lays it out.
fn fixture_dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rookery-dist-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), INDEX).unwrap();
    std::fs::write(dir.join("assets/main-3f2a1b.js"), SCRIPT).unwrap();
    std::fs::write(dir.join("graphiql.html"), GRAPHIQL).unwrap();
    std::fs::write(dir.join("assets/main-9c8d7e.css"), "body{margin:0}").unwrap();
    std::fs::write(
        dir.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    dir
}

async fn with_client(test: TestDb, media_public_url: Option<&str>) -> TestServer {
    let dist = fixture_dist();
    let media = media_public_url.map(str::to_owned);
    serve_changed(test, 1000, &move |state| {
        state.web_client = WebClient::directory(dist.clone());
        state.media_public_url = media.clone();
    })
    .await
}

async fn get(server: &TestServer, path: &str, accept: &str) -> reqwest::Response {
    server
        .client
        .get(format!("{}{path}", server.base))
        .header(ACCEPT, accept)
        .send()
        .await
        .unwrap()
}

fn header(response: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    response
        .headers()
        .get(&name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} on {}", response.url()))
}

/// The policy and companions every page and asset carries.
fn assert_secured(response: &reqwest::Response) {
    let policy = header(response, CONTENT_SECURITY_POLICY);
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(policy.contains("img-src 'self' data: blob:"), "{policy}");
    assert_eq!(
        header(response, "x-content-type-options".parse().unwrap()),
        "nosniff"
    );
    assert_eq!(
        header(response, "referrer-policy".parse().unwrap()),
        "same-origin"
    );
}

#[tokio::test]
async fn the_client_answers_its_routes_while_activitypub_and_feeds_keep_theirs() {
    let server = with_client(TestDb::sqlite().await, None).await;
    let (token, _) = server.register("alice").await;
    let status = server.post(&token, "hello #rust", "PUBLIC").await;
    let status_uuid = {
        use base64::Engine;
        let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&status)
            .unwrap();
        String::from_utf8(decoded)
            .unwrap()
            .split_once(':')
            .unwrap()
            .1
            .to_owned()
    };

    for path in [
        "/".to_owned(),
        "/@alice".to_owned(),
        "/@alice@other.example".to_owned(),
        format!("/@alice/{status_uuid}"),
        "/tags/rust".to_owned(),
        "/notifications".to_owned(),
        "/search?q=x".to_owned(),
        "/settings/profile".to_owned(),
        "/conversations".to_owned(),
        "/notes".to_owned(),
        "/lists/123".to_owned(),
        "/setup/abc".to_owned(),
        "/settings/developer".to_owned(),
        "/no/such/page".to_owned(),
    ] {
        let response = get(&server, &path, BROWSER).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            header(&response, CONTENT_TYPE).starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{path}");
        assert_secured(&response);
        assert_eq!(response.text().await.unwrap(), INDEX, "{path}");
    }

    // ActivityPub clients asking for the same paths get documents.
    for accept in [
        "application/activity+json",
        "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
    ] {
        let response = get(&server, "/@alice", accept).await;
        assert_eq!(response.status(), StatusCode::OK);
        let actor: Value = response.json().await.unwrap();
        assert_eq!(actor["preferredUsername"], "alice", "{actor}");
        let response = get(&server, &format!("/@alice/{status_uuid}"), accept).await;
        assert_eq!(response.status(), StatusCode::OK);
        let note: Value = response.json().await.unwrap();
        assert_eq!(note["type"], "Note", "{note}");
    }

    // Feeds are feeds.
    let response = get(&server, "/@alice.rss", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(&response, CONTENT_TYPE).contains("rss"), "feed");
    let response = get(&server, "/tags/rust.rss", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);

    // API and discovery routes are not the client's.
    let response = get(&server, "/.well-known/nodeinfo", "application/json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = get(&server, "/health", "*/*").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn hashed_assets_are_cached_for_good_and_unknown_ones_are_not_found() {
    let server = with_client(
        TestDb::sqlite().await,
        Some("https://media.example/bucket/"),
    )
    .await;

    let response = get(&server, "/assets/main-3f2a1b.js", "*/*").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, CONTENT_TYPE),
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        header(&response, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_secured(&response);
    let policy = header(&response, CONTENT_SECURITY_POLICY).to_owned();
    assert!(
        policy.contains("img-src 'self' data: blob: https://media.example;"),
        "{policy}"
    );
    assert_eq!(response.text().await.unwrap(), SCRIPT);

    let response = get(&server, "/assets/main-9c8d7e.css", "*/*").await;
    assert_eq!(header(&response, CONTENT_TYPE), "text/css; charset=utf-8");

    let response = get(&server, "/favicon.svg", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "image/svg+xml");

    for missing in [
        "/assets/main-000000.js",
        "/assets/",
        "/assets/deeper/main-3f2a1b.js",
        "/assets/.hidden",
    ] {
        let response = get(&server, missing, BROWSER).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{missing}");
        assert_ne!(response.text().await.unwrap(), INDEX, "{missing}");
    }
}

#[tokio::test]
async fn without_a_client_build_the_front_page_says_so() {
    // Test servers have no client unless given one.
    let server = serve(TestDb::sqlite().await).await;
    let response = get(&server, "/", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_secured(&response);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("The web client is not part of this build"),
        "{page}"
    );
    let response = get(&server, "/notifications", BROWSER).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Profiles are plain pages.
    server.register("alice").await;
    let response = get(&server, "/@alice", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_secured(&response);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("@alice@rookery.test")
    );
}

#[tokio::test]
async fn graphiql_is_bundled_with_the_client_and_only_its_page_may_use_inline_styles_and_fonts() {
    let server = with_client(TestDb::sqlite().await, None).await;

    let response = get(&server, "/graphiql", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CACHE_CONTROL), "no-cache");
    let policy = header(&response, CONTENT_SECURITY_POLICY).to_owned();
    assert!(
        policy.contains("style-src 'self' 'unsafe-inline';"),
        "{policy}"
    );
    assert!(policy.contains("font-src 'self' data:;"), "{policy}");
    // Scripts and connections stay this origin's own.
    assert!(policy.contains("script-src 'self';"), "{policy}");
    assert!(policy.contains("connect-src 'self';"), "{policy}");
    assert_eq!(response.text().await.unwrap(), GRAPHIQL);

    // Its file is not a second way in under the client's policy, and no other page relaxes.
    let direct = get(&server, "/graphiql.html", BROWSER).await;
    assert_eq!(direct.text().await.unwrap(), INDEX);
    for path in ["/", "/notifications", "/assets/main-3f2a1b.js"] {
        let response = get(&server, path, BROWSER).await;
        let policy = header(&response, CONTENT_SECURITY_POLICY);
        assert!(!policy.contains("unsafe-inline"), "{path}: {policy}");
        assert!(policy.contains("font-src 'self';"), "{path}: {policy}");
    }
}

#[tokio::test]
async fn without_a_client_graphiql_points_to_the_plain_explorer() {
    let server = serve(TestDb::sqlite().await).await;
    let response = get(&server, "/graphiql", BROWSER).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.text().await.unwrap();
    assert!(body.contains("href=\"/graphql\""), "{body}");
}
