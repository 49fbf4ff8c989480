//! The web client (`frontend/dist`, as `vite build` makes it): `index.html` for the
//! client's routes, `graphiql.html` for `/graphiql`, its hashed files under `/assets/`
//! cached for good, and the files at the root of the build (its icon).

use std::borrow::Cow;
use std::path::PathBuf;

use poem::http::{HeaderValue, StatusCode, header};
use poem::{IntoResponse, Response};
use rust_embed::RustEmbed;

use super::headers::{GraphiqlPage, Secured};

/// `frontend/dist` as it was when this binary was built. Without a client build, `build.rs`
/// makes the folder empty, and the binary serves the plain pages instead.
#[derive(RustEmbed)]
#[folder = "../frontend/dist"]
struct Bundled;

const INDEX: &str = "index.html";
const GRAPHIQL: &str = "graphiql.html";
/// Files under `/assets/` are named by their content, so they never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Where the web client's files come from.
#[derive(Debug, Clone)]
pub enum WebClient {
    /// Built into the binary.
    Bundled,
    /// Read from a directory at each request (`server.web_client_dir`): for working on
    /// the client without rebuilding the server.
    Directory(PathBuf),
    /// No client: `/` is the plain front page and the client's routes are not found.
    Absent,
}

impl WebClient {
    /// The client built into the binary, or [`WebClient::Absent`] when it was built
    /// without one.
    pub fn bundled() -> Self {
        if Bundled::get(INDEX).is_some() {
            Self::Bundled
        } else {
            Self::Absent
        }
    }

    pub fn directory(path: impl Into<PathBuf>) -> Self {
        Self::Directory(path.into())
    }

    /// The file at `path` in the build (`assets/main-3f2a1b.js`); None for a path that
    /// leaves the build or names a hidden file.
    async fn file(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        let inside = path
            .split('/')
            .all(|part| !part.is_empty() && !part.starts_with('.') && !part.contains('\\'));
        if !inside {
            return None;
        }
        match self {
            Self::Bundled => Bundled::get(path).map(|file| file.data),
            Self::Directory(directory) => {
                let path = directory.join(path);
                if !tokio::fs::metadata(&path).await.ok()?.is_file() {
                    return None;
                }
                tokio::fs::read(path).await.ok().map(Cow::Owned)
            }
            Self::Absent => None,
        }
    }

    /// The client's page, which routes every path it is served at; None without a client.
    pub async fn page(&self) -> Option<Response> {
        let index = self.file(INDEX).await?;
        Some(served(INDEX, index, "no-cache"))
    }

    /// GraphiQL's page, built from npm with the client; None without a client. Its policy
    /// also allows inline styles and `data:` fonts, which its editor needs (see
    /// [`GraphiqlPage`]).
    pub async fn graphiql(&self) -> Option<Response> {
        let page = self.file(GRAPHIQL).await?;
        let mut response = served(GRAPHIQL, page, "no-cache");
        response.extensions_mut().insert(GraphiqlPage);
        Some(response)
    }

    /// `/assets/…`: a hashed file of the client, cached for good; an unknown one is not
    /// found (never the client's page, which a script tag would take for a script).
    pub async fn asset(&self, path: &str) -> Response {
        let path = format!("assets/{path}");
        match self.file(&path).await {
            Some(bytes) => served(&path, bytes, IMMUTABLE),
            None => not_found(),
        }
    }

    /// A path no other route claims (`""` for `/`): a file at the root of the build
    /// (`favicon.svg`), else the client's page, which routes it; None without a client.
    pub async fn answer(&self, path: &str) -> Option<Response> {
        if path == "assets" || path.starts_with("assets/") {
            return Some(not_found());
        }
        if !path.is_empty()
            && !path.contains('/')
            && path != INDEX
            && path != GRAPHIQL
            && let Some(bytes) = self.file(path).await
        {
            return Some(served(path, bytes, "no-cache"));
        }
        self.page().await
    }
}

/// `bytes` as the file `path`, with its type, the security headers and `cache_control`.
fn served(path: &str, bytes: Cow<'static, [u8]>, cache_control: &'static str) -> Response {
    let mut response = Response::builder()
        .header(header::CONTENT_TYPE, content_type(path))
        .header(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        )
        .body(bytes.into_owned());
    response.extensions_mut().insert(Secured);
    response
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, extension)| extension);
    match extension.unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "Not found").into_response();
    response.extensions_mut().insert(Secured);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn paths_stay_inside_the_build() {
        let directory =
            std::env::temp_dir().join(format!("rookery-build-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(directory.join("assets")).unwrap();
        std::fs::write(directory.join("assets/a.js"), "a").unwrap();
        std::fs::write(directory.join(".env"), "secret").unwrap();
        let client = WebClient::directory(&directory);
        assert!(client.file("assets/a.js").await.is_some());
        for outside in [
            "../etc/passwd",
            "assets/../../x",
            "/etc/passwd",
            ".env",
            "assets/./a.js",
            "assets//a.js",
            "assets",
            "",
        ] {
            assert!(client.file(outside).await.is_none(), "{outside}");
        }
    }

    #[test]
    fn types_follow_extensions() {
        assert_eq!(
            content_type("assets/x-1a.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
