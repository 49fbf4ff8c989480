//! Fetching remote ActivityPub documents safely: only http(s), never a private, loopback,
//! link-local or multicast address (checked after DNS and on every redirect) unless
//! explicitly allowed for development and tests, with a size limit and timeouts.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::Url;

use crate::signature_schemes::{SignatureSchemes, other};
use crate::signatures::{PrivateKey, Scheme, sign_get_as};

/// Media types asked for when fetching ActivityPub documents.
pub const ACCEPT: &str = "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

#[derive(Debug, Clone)]
pub struct FetchPolicy {
    /// Allow loopback and private addresses: for development and tests only.
    pub allow_private: bool,
    pub timeout: Duration,
    pub max_body_bytes: usize,
    pub max_redirects: usize,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            allow_private: false,
            timeout: Duration::from_secs(10),
            max_body_bytes: 1024 * 1024,
            max_redirects: 5,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("refused to fetch {0}: {1}")]
    Refused(String, &'static str),
    #[error("fetching {0} failed: {1}")]
    Failed(String, String),
    #[error("{0} answered {1}")]
    Status(String, u16),
    #[error("{0} sent more than {1} bytes")]
    TooLarge(String, usize),
    #[error("{0} did not send JSON: {1}")]
    NotJson(String, String),
    #[error("{0} is not believed: {1}")]
    Unverified(String, &'static str),
    /// The document fetched names another id: only that id's own server speaks for it.
    #[error("{0} serves a document whose id is {1}")]
    NamesAnother(String, String),
    /// An HTML page that links to its ActivityPub form (`rel="alternate"`).
    #[error("{0} is a page whose ActivityPub form is {1}")]
    Alternate(String, String),
}

impl FetchError {
    /// Whether trying again later may succeed: the server did not answer, timed out, or
    /// answered 408, 429 or 5xx.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Failed(..) => true,
            Self::Status(_, status) => matches!(status, 408 | 429 | 500..=599),
            Self::Refused(..)
            | Self::TooLarge(..)
            | Self::NotJson(..)
            | Self::Unverified(..)
            | Self::NamesAnother(..)
            | Self::Alternate(..) => false,
        }
    }
}

/// Whether an address is on the public internet (not private, loopback, link-local,
/// multicast, shared, documentation or otherwise reserved).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

/// IPv6 addresses that can lead back to IPv4 ones (NAT64, IPv4-compatible, 6to4, Teredo)
/// are not public either: they would reach private IPv4 networks through a translator.
fn is_public_v6(ip: Ipv6Addr) -> bool {
    let [first, second, ..] = ip.segments();
    let ipv4_compatible = ip.segments()[..6].iter().all(|s| *s == 0);
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ipv4_compatible
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        || (first == 0x0064 && second == 0xff9b)
        || first == 0x2002
        || (first == 0x2001 && (second == 0 || second == 0x0db8))
        || (first == 0x0100 && ip.segments()[1..4].iter().all(|s| *s == 0)))
}

/// Checks a URL before any connection: scheme, and literal addresses.
fn check_url(url: &Url, policy: &FetchPolicy) -> Result<(), &'static str> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err("only http and https are fetched");
    }
    let ip = match url.host() {
        None => return Err("no host"),
        Some(url::Host::Domain(_)) => return Ok(()),
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
    };
    if policy.allow_private || is_public(ip) {
        Ok(())
    } else {
        Err("the address is not public")
    }
}

/// Resolves names, then drops every address the policy forbids.
struct GuardedResolver {
    allow_private: bool,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| allow_private || is_public(addr.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} has no public address").into());
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// The key GETs are signed with (the instance actor's), and the scheme each host took.
#[derive(Debug)]
struct GetSigner {
    key: PrivateKey,
    key_id: String,
    schemes: SignatureSchemes,
}

/// An HTTP client for remote documents, bound to one policy.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    policy: Arc<FetchPolicy>,
    signer: Option<Arc<GetSigner>>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("policy", &self.policy)
            .field("signed_as", &self.signer.as_ref().map(|s| &s.key_id))
            .finish()
    }
}

impl Fetcher {
    pub fn new(policy: FetchPolicy, user_agent: &str) -> Result<Self, FetchError> {
        let redirect_policy = policy.clone();
        // No proxy from the environment: every fetch goes straight to an address the guard
        // has checked.
        let client = reqwest::Client::builder()
            .no_proxy()
            .user_agent(user_agent)
            .timeout(policy.timeout)
            .connect_timeout(policy.timeout.min(Duration::from_secs(5)))
            .dns_resolver(GuardedResolver {
                allow_private: policy.allow_private,
            })
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= redirect_policy.max_redirects {
                    return attempt.error("too many redirects");
                }
                match check_url(attempt.url(), &redirect_policy) {
                    Ok(()) => attempt.follow(),
                    Err(reason) => attempt.error(reason),
                }
            }))
            .build()
            .map_err(|e| FetchError::Failed("(client)".into(), e.to_string()))?;
        Ok(Self {
            client,
            policy: Arc::new(policy),
            signer: None,
        })
    }

    /// The same client, signing its GETs with `key` (named `key_id`), as servers in secure
    /// mode (authorized fetch) ask.
    pub fn signing_as(self, key: PrivateKey, key_id: String) -> Self {
        Self {
            signer: Some(Arc::new(GetSigner {
                key,
                key_id,
                schemes: SignatureSchemes::default(),
            })),
            ..self
        }
    }

    /// Whether loopback and private addresses may be fetched (development and tests).
    pub fn allows_private(&self) -> bool {
        self.policy.allow_private
    }

    /// GETs a JSON document that is no ActivityPub object (a WebFinger answer), within the
    /// policy's limits. ActivityPub documents are fetched with [`Self::get_object`].
    pub async fn get_json(&self, url: &str) -> Result<serde_json::Value, FetchError> {
        Ok(self.get_document(url).await?.0)
    }

    /// GETs the ActivityPub object at `url`, believed only as what its own server serves
    /// at its `id`: the document must name `url` itself as its `id`, and must not have been
    /// redirected to another server. A document that names another id is refused with
    /// [`FetchError::NamesAnother`], for the caller to fetch that id (or not).
    pub async fn get_object(&self, url: &str) -> Result<serde_json::Value, FetchError> {
        let (document, served_from) = self.get_document(url).await?;
        let id = document["id"]
            .as_str()
            .filter(|id| Url::parse(id).is_ok_and(|id| matches!(id.scheme(), "http" | "https")))
            .ok_or_else(|| FetchError::Unverified(url.into(), "the document has no http(s) id"))?;
        if id != url {
            return Err(FetchError::NamesAnother(url.into(), id.into()));
        }
        if !crate::same_origin(served_from.as_str(), id) {
            return Err(FetchError::Unverified(
                url.into(),
                "it was redirected to another server",
            ));
        }
        Ok(document)
    }

    /// GETs a JSON document; returns it with the URL it was finally served from.
    async fn get_document(&self, url: &str) -> Result<(serde_json::Value, Url), FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::Refused(url.into(), "not a URL"))?;
        check_url(&parsed, &self.policy)
            .map_err(|reason| FetchError::Refused(url.into(), reason))?;
        let failed = |e: reqwest::Error| FetchError::Failed(url.into(), error_chain(&e));
        let response = match &self.signer {
            None => self.request(&parsed).send().await.map_err(failed)?,
            // Signed as the host took last (RFC 9421 first), and once again with the other
            // scheme when refused as unauthorized; the scheme that worked is remembered.
            Some(signer) => {
                let host = crate::authority(url).unwrap_or_default();
                let first = signer.schemes.first(&host);
                let mut scheme = first;
                let mut response = self.signed(&parsed, signer, scheme)?.send().await;
                if let Ok(refused) = &response
                    && matches!(refused.status().as_u16(), 401 | 403)
                {
                    scheme = other(first);
                    response = self.signed(&parsed, signer, scheme)?.send().await;
                }
                let response = response.map_err(failed)?;
                if response.status().is_success() {
                    signer.schemes.took(&host, scheme);
                }
                response
            }
        };
        let served_from = response.url().clone();
        let page = is_html(&response);
        let body = read_body(url, response, self.policy.max_body_bytes).await?;
        if page {
            return Err(match alternate_link(&body, &served_from) {
                Some(alternate) => FetchError::Alternate(url.into(), alternate),
                None => {
                    FetchError::NotJson(url.into(), "a page without an ActivityPub form".into())
                }
            });
        }
        let document = serde_json::from_slice(&body)
            .map_err(|e| FetchError::NotJson(url.into(), e.to_string()))?;
        Ok((document, served_from))
    }

    /// An unsigned GET of `url` asking for ActivityPub JSON.
    fn request(&self, url: &Url) -> reqwest::RequestBuilder {
        self.client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, ACCEPT)
    }

    /// [`Self::request`] signed by `signer` as `scheme` says.
    fn signed(
        &self,
        url: &Url,
        signer: &GetSigner,
        scheme: Scheme,
    ) -> Result<reqwest::RequestBuilder, FetchError> {
        let headers = sign_get_as(scheme, &signer.key, &signer.key_id, url, Utc::now())
            .map_err(|e| FetchError::Failed(url.as_str().into(), e.to_string()))?;
        let mut request = self.request(url);
        for (name, value) in headers {
            // reqwest sets Host itself, from the URL, as signed.
            if name != "host" {
                request = request.header(name, value);
            }
        }
        Ok(request)
    }

    /// GETs a file (remote media), unsigned, of at most `limit` bytes.
    pub async fn get_bytes(&self, url: &str, limit: usize) -> Result<Vec<u8>, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::Refused(url.into(), "not a URL"))?;
        check_url(&parsed, &self.policy)
            .map_err(|reason| FetchError::Refused(url.into(), reason))?;
        let response = self
            .client
            .get(parsed)
            .send()
            .await
            .map_err(|e| FetchError::Failed(url.into(), error_chain(&e)))?;
        read_body(url, response, limit).await
    }
}

/// A successful response's body, refused as soon as it grows over `limit` bytes.
async fn read_body(
    url: &str,
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, FetchError> {
    if !response.status().is_success() {
        return Err(FetchError::Status(url.into(), response.status().as_u16()));
    }
    if response.content_length().is_some_and(|n| n > limit as u64) {
        return Err(FetchError::TooLarge(url.into(), limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| FetchError::Failed(url.into(), error_chain(&e)))?
    {
        if body.len() + chunk.len() > limit {
            return Err(FetchError::TooLarge(url.into(), limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The most of an HTML page read for its ActivityPub alternate link.
const MAX_PAGE_SCANNED: usize = 64 * 1024;

/// Whether a response is an HTML page.
fn is_html(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            let media = value.split(';').next().unwrap_or_default().trim();
            media.eq_ignore_ascii_case("text/html")
                || media.eq_ignore_ascii_case("application/xhtml+xml")
        })
}

/// Where an HTML page says its ActivityPub form is: the `href` of its first
/// `<link rel="alternate" type="application/activity+json">` (or ld+json with the
/// ActivityStreams profile) in its first 64 KiB, made absolute against `base`.
fn alternate_link(page: &[u8], base: &Url) -> Option<String> {
    let head = String::from_utf8_lossy(&page[..page.len().min(MAX_PAGE_SCANNED)]);
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<link") {
        let start = from + at + "<link".len();
        let end = start + lower[start..].find('>')?;
        from = end;
        let attributes = attributes(&head[start..end]);
        let value = |name: &str| {
            attributes
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        };
        let alternate = value("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|token| token.eq_ignore_ascii_case("alternate"))
        });
        if alternate
            && value("type").is_some_and(crate::wants_activity_json)
            && let Some(href) = value("href")
            && let Ok(url) = base.join(href)
            && matches!(url.scheme(), "http" | "https")
        {
            return Some(url.into());
        }
    }
    None
}

/// The attributes of a tag (what follows its name), their values unquoted and their
/// character references for `&`, `"` and `'` decoded.
pub(crate) fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_start_matches('/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            return found;
        }
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        rest = after.trim_start();
        let (value, next) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &rest[1..];
                let close = inner.find(quote).unwrap_or(inner.len());
                (&inner[..close], &inner[(close + 1).min(inner.len())..])
            }
            _ => {
                let close = rest
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                (&rest[..close], &rest[close..])
            }
        };
        found.push((name, decode_references(value)));
        rest = next;
    }
}

fn decode_references(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// What a server answered to a POST.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostAnswer {
    pub status: u16,
    /// How long the server asked us to wait (`Retry-After`), when it did.
    pub retry_after: Option<Duration>,
}

impl Fetcher {
    /// POSTs `body` with `headers` (a signature among them), within the policy's limits.
    /// The answer's body is not read.
    pub async fn post(
        &self,
        url: &Url,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Result<PostAnswer, FetchError> {
        check_url(url, &self.policy)
            .map_err(|reason| FetchError::Refused(url.to_string(), reason))?;
        let mut request = self.client.post(url.clone()).body(body);
        for (name, value) in headers.iter().filter(|(name, _)| name != "host") {
            request = request.header(name.as_str(), value.as_str());
        }
        let response = request
            .send()
            .await
            .map_err(|e| FetchError::Failed(url.to_string(), error_chain(&e)))?;
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(parse_retry_after);
        Ok(PostAnswer {
            status: response.status().as_u16(),
            retry_after,
        })
    }
}

/// `Retry-After` as seconds or as an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
        .to_std()
        .ok()
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_may_pass_is_transient() {
        let url = || "https://a.example/x".to_owned();
        assert!(FetchError::Failed(url(), "connection refused".into()).is_transient());
        for status in [408, 429, 500, 502, 503] {
            assert!(FetchError::Status(url(), status).is_transient(), "{status}");
        }
        for status in [400, 401, 403, 404, 410] {
            assert!(
                !FetchError::Status(url(), status).is_transient(),
                "{status}"
            );
        }
        assert!(!FetchError::Refused(url(), "the address is not public").is_transient());
        assert!(!FetchError::TooLarge(url(), 10).is_transient());
        assert!(!FetchError::NotJson(url(), "eof".into()).is_transient());
    }

    #[test]
    fn pages_name_their_activitypub_form() {
        let base = Url::parse("https://a.example/@eve").unwrap();
        let page = |head: &str| format!("<html><head>{head}</head><body></body></html>");
        for (head, found) in [
            (
                r#"<link rel="alternate" type="application/activity+json" href="https://a.example/users/eve">"#,
                Some("https://a.example/users/eve"),
            ),
            (
                r#"<LINK href='/users/eve' REL="me alternate" type='application/ld+json; profile=&quot;https://www.w3.org/ns/activitystreams&quot;' />"#,
                Some("https://a.example/users/eve"),
            ),
            (
                r#"<link rel="icon" href="/x.png"><link rel=alternate type=application/activity+json href=/users/eve?a=1&amp;b=2>"#,
                Some("https://a.example/users/eve?a=1&b=2"),
            ),
            (
                r#"<link rel="alternate" type="application/rss+xml" href="/@eve.rss">"#,
                None,
            ),
            (
                r#"<link rel="alternate" type="application/activity+json" href="javascript:alert(1)">"#,
                None,
            ),
            (
                r#"<link rel="alternate" type="application/activity+json">"#,
                None,
            ),
        ] {
            assert_eq!(
                alternate_link(page(head).as_bytes(), &base).as_deref(),
                found,
                "{head}"
            );
        }
    }

    #[test]
    fn retry_after_as_seconds_or_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        let later = chrono::Utc::now() + chrono::Duration::seconds(300);
        let waited = parse_retry_after(&later.to_rfc2822()).unwrap();
        assert!(waited > Duration::from_secs(290) && waited <= Duration::from_secs(300));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn public_and_private_addresses() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::",
            "ff02::1",
            // NAT64, IPv4-compatible, 6to4, Teredo, site-local, discard-only.
            "64:ff9b::7f00:1",
            "64:ff9b::a00:1",
            "::127.0.0.1",
            "::10.0.0.1",
            "2002:7f00:1::1",
            "2002:a00:1::",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "fec0::1",
            "100::1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["1.1.1.1", "93.184.216.34", "2606:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn urls_are_checked_before_connecting() {
        let strict = FetchPolicy::default();
        let loose = FetchPolicy {
            allow_private: true,
            ..FetchPolicy::default()
        };
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(check_url(&url("http://127.0.0.1:8080/users/a"), &strict).is_err());
        assert!(check_url(&url("http://[::1]/x"), &strict).is_err());
        assert!(check_url(&url("ftp://example.org/x"), &strict).is_err());
        assert!(check_url(&url("file:///etc/passwd"), &loose).is_err());
        // Loopback and private addresses however they are written: decimal, octal, hex,
        // shortened, IPv4-mapped and -compatible IPv6, NAT64, 6to4.
        for disguised in [
            "http://2130706433/",
            "http://0177.0.0.1/",
            "http://0x7f.0.0.1/",
            "http://127.1/",
            "http://0/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::127.0.0.1]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::]/",
            "http://[fec0::1]/",
            "http://167772161/",
        ] {
            assert!(check_url(&url(disguised), &strict).is_err(), "{disguised}");
        }
        assert!(check_url(&url("https://example.org/x"), &strict).is_ok());
        assert!(check_url(&url("http://127.0.0.1:8080/users/a"), &loose).is_ok());
    }

    #[tokio::test]
    async fn loopback_is_refused_unless_allowed() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            use tokio::io::{AsyncReadExt, AsyncWriteExt};
            while let Ok((mut socket, _)) = listener.accept().await {
                let mut buffer = [0u8; 1024];
                let _ = socket.read(&mut buffer).await;
                let body = "x".repeat(2000);
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n\"{body}\"",
                    body.len() + 2
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            }
        });
        let strict = Fetcher::new(FetchPolicy::default(), "test").unwrap();
        for url in [
            format!("http://127.0.0.1:{port}/"),
            format!("http://localhost:{port}/"),
        ] {
            let refused = strict.get_json(&url).await;
            assert!(
                matches!(
                    refused,
                    Err(FetchError::Refused(..) | FetchError::Failed(..))
                ),
                "{url}: {refused:?}"
            );
        }
        let loose = FetchPolicy {
            allow_private: true,
            ..FetchPolicy::default()
        };
        let fetcher = Fetcher::new(loose.clone(), "test").unwrap();
        let value = fetcher
            .get_json(&format!("http://localhost:{port}/"))
            .await
            .unwrap();
        assert_eq!(value.as_str().map(str::len), Some(2000));
        let small = Fetcher::new(
            FetchPolicy {
                max_body_bytes: 100,
                ..loose
            },
            "test",
        )
        .unwrap();
        assert!(matches!(
            small.get_json(&format!("http://127.0.0.1:{port}/")).await,
            Err(FetchError::TooLarge(..))
        ));
    }
}
