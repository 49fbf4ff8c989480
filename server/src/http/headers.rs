//! The security headers every HTML answer and every file of the web client carries.

use poem::Response;
use poem::http::{HeaderValue, header};
use url::Url;

/// Marks an answer that gets the headers whatever its type (a script or style sheet of
/// the web client).
#[derive(Debug, Clone, Copy)]
pub struct Secured;

/// Marks GraphiQL's page: its editor sets styles inline and its style sheet carries its
/// fonts as `data:` URLs, so its policy allows those two and is otherwise the same.
#[derive(Debug, Clone, Copy)]
pub struct GraphiqlPage;

/// The content security policy and its companions, as this instance sends them.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    policy: HeaderValue,
    graphiql_policy: HeaderValue,
    https: bool,
}

impl SecurityHeaders {
    /// Scripts, styles and connections from this origin only; pictures and sound from it,
    /// `data:` and `blob:` URLs, and the media store's own origin (`media_public_url`)
    /// when it serves files itself; no plugins, no `<base>`, no framing, and forms posted
    /// here only.
    pub fn new(media_public_url: Option<&str>, https: bool) -> Self {
        let media = media_public_url
            .and_then(|url| Url::parse(url).ok())
            .map(|url| url.origin())
            .filter(url::Origin::is_tuple)
            .map(|origin| format!(" {}", origin.ascii_serialization()))
            .unwrap_or_default();
        let policy = |styles: &str, fonts: &str| {
            let policy = format!(
                "default-src 'self'; script-src 'self'; style-src {styles}; font-src {fonts}; \
                 img-src 'self' data: blob:{media}; media-src 'self' blob:{media}; \
                 connect-src 'self'; object-src 'none'; base-uri 'none'; \
                 frame-ancestors 'none'; form-action 'self'"
            );
            HeaderValue::from_str(&policy).unwrap_or_else(|_| {
                HeaderValue::from_static(
                    "default-src 'self'; object-src 'none'; base-uri 'none'; \
                     frame-ancestors 'none'; form-action 'self'",
                )
            })
        };
        Self {
            policy: policy("'self'", "'self'"),
            graphiql_policy: policy("'self' 'unsafe-inline'", "'self' data:"),
            https,
        }
    }

    /// Adds the content security policy, referrer policy, no-sniffing and (on an https
    /// instance) HSTS headers to an HTML `response`, or one marked [`Secured`].
    pub fn apply(&self, mut response: Response) -> Response {
        let html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        if !html && response.extensions().get::<Secured>().is_none() {
            return response;
        }
        let policy = if response.extensions().get::<GraphiqlPage>().is_some() {
            &self.graphiql_policy
        } else {
            &self.policy
        };
        let policy = policy.clone();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        headers.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        );
        headers.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if self.https {
            headers.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(media: Option<&str>) -> String {
        let response = Response::builder()
            .content_type("text/html; charset=utf-8")
            .finish();
        let response = SecurityHeaders::new(media, false).apply(response);
        response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn the_media_store_origin_is_allowed_for_pictures_and_sound_only() {
        let plain = policy(None);
        assert!(plain.contains("img-src 'self' data: blob:;"), "{plain}");
        let with_store = policy(Some("https://media.example:8443/bucket/"));
        assert!(
            with_store.contains("img-src 'self' data: blob: https://media.example:8443;"),
            "{with_store}"
        );
        assert!(with_store.contains("media-src 'self' blob: https://media.example:8443;"));
        assert!(with_store.contains("script-src 'self';"), "{with_store}");
        // What is no URL adds nothing.
        assert_eq!(policy(Some("not a url")), plain);
    }
}
