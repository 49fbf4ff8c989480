//! The web client's session: signing in and out with an HttpOnly cookie, and the CSRF
//! header that every request the cookie authenticates must carry.

use std::sync::Arc;

use poem::http::{HeaderMap, HeaderValue, StatusCode, header};
use poem::web::{Data, Json, RemoteAddr};
use poem::{Body, IntoResponse, Response, handler};
use rookery_domain::service::{accounts, auth};
use rookery_domain::{DomainError, ErrorCode};
use serde::Deserialize;
use serde_json::json;

use super::client;
use crate::graphql::context::check_client_auth_rate;
use crate::graphql::ids;
use crate::state::AppState;

/// The cookie holding a session's log-in token.
pub const COOKIE: &str = "rookery_session";
/// The header a request authenticated by the cookie carries, with any non-empty value: a
/// page elsewhere cannot send it without the browser asking this instance first, and this
/// instance's CORS answer never allows credentials.
pub const CSRF_HEADER: &str = "x-rookery-csrf";
/// The most bytes of a sign-in body.
const MAX_BODY_BYTES: usize = 16 * 1024;

/// How a request says who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credentials<'a> {
    Anonymous,
    /// `Authorization: Bearer …`, which wins when a session cookie comes too.
    Bearer(&'a str),
    /// The session cookie, with the CSRF header.
    Session(&'a str),
}

impl<'a> Credentials<'a> {
    /// The token to authenticate, if any.
    pub fn token(self) -> Option<&'a str> {
        match self {
            Self::Anonymous => None,
            Self::Bearer(token) | Self::Session(token) => Some(token),
        }
    }
}

/// A request that carried the session cookie without the CSRF header.
#[derive(Debug, Clone, Copy)]
pub struct CsrfHeaderMissing;

impl CsrfHeaderMissing {
    pub const MESSAGE: &str =
        "a request signed in with the session cookie must carry the X-Rookery-CSRF header";
}

/// The request's credentials: its bearer token, else its session cookie, which counts only
/// with the CSRF header.
pub fn credentials(headers: &HeaderMap) -> Result<Credentials<'_>, CsrfHeaderMissing> {
    if let Some(token) = bearer_token(headers) {
        return Ok(Credentials::Bearer(token));
    }
    match session_token(headers) {
        None => Ok(Credentials::Anonymous),
        Some(token) if has_csrf_header(headers) => Ok(Credentials::Session(token)),
        Some(_) => Err(CsrfHeaderMissing),
    }
}

/// The token of the request's `Authorization: Bearer …` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    super::bearer::token_of(headers.get(header::AUTHORIZATION)?.to_str().ok()?)
}

/// The session token among the request's cookies.
pub fn session_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// Whether the request carries the CSRF header with a value.
pub fn has_csrf_header(headers: &HeaderMap) -> bool {
    headers
        .get(CSRF_HEADER)
        .is_some_and(|value| !value.as_bytes().iter().all(u8::is_ascii_whitespace))
}

/// Whether the request's `Origin` is the instance's own.
pub fn from_own_origin(headers: &HeaderMap, state: &AppState) -> bool {
    let own = state.app.instance().base_url.origin().ascii_serialization();
    headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|origin| origin == own)
}

/// An error answer of the session routes: `{"code", "message"}`.
fn refusal(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = json!({ "code": code.as_str(), "message": message });
    let mut response = (status, Json(body)).into_response();
    no_store(&mut response);
    response
}

/// A domain error as a refusal; internal ones are logged and told as INTERNAL.
fn domain_refusal(error: &DomainError) -> Response {
    if error.is_internal() {
        tracing::error!(error = ?error, "internal error");
        return refusal(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "internal error",
        );
    }
    let status = match error {
        DomainError::InvalidCredentials
        | DomainError::InvalidToken
        | DomainError::InvalidTwoFactorCode => StatusCode::UNAUTHORIZED,
        DomainError::AccountDisabled
        | DomainError::AccountPendingApproval
        | DomainError::Forbidden => StatusCode::FORBIDDEN,
        DomainError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::BAD_REQUEST,
    };
    refusal(status, error.code(), &error.to_string())
}

fn csrf_refusal() -> Response {
    refusal(
        StatusCode::FORBIDDEN,
        ErrorCode::CsrfHeaderMissing,
        CsrfHeaderMissing::MESSAGE,
    )
}

fn no_store(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// How long a browser keeps the cookie: a year, as people expect to stay signed in to a
/// social app; the session itself lasts until it is revoked (settings list each one).
const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The `Set-Cookie` value that keeps `token`, or with `None` clears the cookie.
fn set_cookie(token: Option<&str>, https: bool) -> Option<HeaderValue> {
    let secure = if https { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!(
            "{COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; \
             Max-Age={COOKIE_MAX_AGE_SECONDS}{secure}"
        ),
        None => format!("{COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).ok()
}

/// What signing in sends: a password, or the code that finishes a two-step sign-in.
#[derive(Deserialize)]
#[serde(untagged)]
enum SignIn {
    Password {
        /// Username or email.
        username: String,
        password: String,
    },
    SecondFactor {
        /// The `twoFactorChallenge` the first step answered.
        challenge: String,
        /// A code of the authenticator app, or a recovery code.
        code: String,
    },
}

/// `POST /auth/session`: logs in as `GraphQL login` does (the same checks, the same rate
/// limit, a log-in token named after the browser) and keeps the token in the cookie. An
/// account with two-factor sign-in is answered `{"twoFactorChallenge"}` and no cookie;
/// the same route then takes `{"challenge", "code"}`, as `completeLogin` does.
#[handler]
pub async fn sign_in(
    state: Data<&Arc<AppState>>,
    headers: &HeaderMap,
    remote: &RemoteAddr,
    body: Body,
) -> Response {
    if !has_csrf_header(headers) {
        return csrf_refusal();
    }
    let malformed = || {
        domain_refusal(&DomainError::validation(
            "body",
            "expected a JSON object with `username` and `password` strings, or `challenge` \
             and `code`",
        ))
    };
    let Ok(bytes) = body.into_bytes_limit(MAX_BODY_BYTES).await else {
        return malformed();
    };
    let Ok(input) = serde_json::from_slice::<SignIn>(&bytes) else {
        return malformed();
    };
    let peer = remote.as_socket_addr().map(|addr| addr.ip());
    let client_ip = client::client_address(peer, headers, &state.trusted_proxies);
    let limited_by = match &input {
        SignIn::Password { username, .. } => username,
        SignIn::SecondFactor { challenge, .. } => challenge,
    };
    if let Err(error) = check_client_auth_rate(&state, client_ip, limited_by).await {
        return domain_refusal(&error);
    }
    let device = headers
        .get(header::USER_AGENT)
        .and_then(|value| value.to_str().ok());
    let db = &state.app.db;
    let signed_in = match input {
        SignIn::Password { username, password } => {
            auth::login_from(db, &username, &password, device, client_ip).await
        }
        SignIn::SecondFactor { challenge, code } => auth::complete_login(db, &challenge, &code)
            .await
            .map(|(user, token)| auth::SignIn::Done(user, token)),
    };
    let (user, token) = match signed_in {
        Ok(auth::SignIn::Done(user, token)) => (user, token),
        Ok(auth::SignIn::SecondFactor(challenge)) => {
            let mut response = Json(json!({ "twoFactorChallenge": challenge })).into_response();
            no_store(&mut response);
            return response;
        }
        Err(error) => return domain_refusal(&error),
    };
    let account = match accounts::get(db, user.account_id).await {
        Ok(account) => account,
        Err(error) => return domain_refusal(&error),
    };
    let body = json!({
        "accountId": ids::encode(ids::ACCOUNT, account.id.0).0,
        "username": account.username,
    });
    let mut response = Json(body).into_response();
    no_store(&mut response);
    if let Some(cookie) = set_cookie(Some(&token), https(&state)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// `DELETE /auth/session`: revokes the cookie's log-in token (its live connections close
/// at their next check) and clears the cookie.
#[handler]
pub async fn sign_out(state: Data<&Arc<AppState>>, headers: &HeaderMap) -> Response {
    if !has_csrf_header(headers) {
        return csrf_refusal();
    }
    if let Some(token) = session_token(headers)
        && let Err(error) = auth::revoke_login_token(&state.app.db, token).await
    {
        return domain_refusal(&error);
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    no_store(&mut response);
    if let Some(cookie) = set_cookie(None, https(&state)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

fn https(state: &AppState) -> bool {
    state.app.instance().base_url.scheme() == "https"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_session_cookie_counts_only_with_the_csrf_header() {
        let cookie = ("cookie", "theme=dark; rookery_session=rk_abc; other=1");
        assert_eq!(
            credentials(&headers(&[cookie, (CSRF_HEADER, "1")])).unwrap(),
            Credentials::Session("rk_abc")
        );
        assert!(credentials(&headers(&[cookie])).is_err());
        assert!(credentials(&headers(&[cookie, (CSRF_HEADER, " ")])).is_err());
        assert_eq!(
            credentials(&headers(&[cookie, ("authorization", "Bearer rk_bearer")])).unwrap(),
            Credentials::Bearer("rk_bearer")
        );
        assert_eq!(
            credentials(&headers(&[("cookie", "rookery_session=")])).unwrap(),
            Credentials::Anonymous
        );
        assert_eq!(
            credentials(&headers(&[("cookie", "not_rookery_session=x")])).unwrap(),
            Credentials::Anonymous
        );
    }
}
