//! Bearer tokens, as requests and live connections' payloads carry them.

/// The token of an `Authorization` value of the bearer scheme.
pub fn token_of(authorization: &str) -> Option<&str> {
    let (scheme, token) = authorization.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}
