//! Turning domain errors into GraphQL errors with a stable `extensions.code`, one of the
//! domain's table of [`ErrorCode`]s, which the schema lists as `enum ErrorCode`.

use async_graphql::{Enum, Error, ErrorExtensions, ServerError};
use rookery_domain::{DomainError, ErrorCode};

/// The error a resolver returns: the domain's, with its code; internal ones are logged
/// whole and reach the client as "internal error".
pub fn api_error(error: DomainError) -> Error {
    if error.is_internal() {
        tracing::error!(error = ?error, "internal error");
        return Error::new("internal error")
            .extend_with(|_, e| e.set("code", ErrorCode::Internal.as_str()));
    }
    let code = error.code().as_str();
    let field = match &error {
        DomainError::Validation { field, .. } => Some(*field),
        _ => None,
    };
    Error::new(error.to_string()).extend_with(|_, e| {
        e.set("code", code);
        if let Some(field) = field {
            e.set("field", field);
        }
    })
}

/// An error of the whole request (its body, its token, its rate), which points at no place
/// in a document: it carries no `locations`.
pub fn request_error(error: DomainError) -> ServerError {
    let error = api_error(error);
    let mut server_error = ServerError::new(error.message, None);
    server_error.extensions = error.extensions;
    server_error
}

/// A client error with a code that is not the domain's (bad ids, bad page arguments).
pub fn invalid(field: &'static str, message: impl Into<String>) -> Error {
    api_error(DomainError::validation(field, message))
}

/// `?` on domain results inside resolvers.
pub trait ApiResult<T> {
    fn api(self) -> async_graphql::Result<T>;
}

impl<T> ApiResult<T> for Result<T, DomainError> {
    fn api(self) -> async_graphql::Result<T> {
        self.map_err(api_error)
    }
}

/// `error` with `code` in its extensions.
pub fn with_code(mut error: ServerError, code: ErrorCode) -> ServerError {
    let mut extensions = error.extensions.take().unwrap_or_default();
    extensions.set("code", code.as_str());
    error.extensions = Some(extensions);
    error
}

/// The codes of `extensions.code`, as the schema documents them. Converting from the
/// domain's table is exhaustive both ways, so the two cannot drift.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ErrorCode", remote = "rookery_domain::ErrorCode")]
pub enum ErrorCodeValue {
    /// No valid access token or session came with a request that needs one.
    Unauthenticated,
    /// The username or password is wrong.
    InvalidCredentials,
    /// The account is disabled or suspended.
    AccountDisabled,
    /// The account waits for a moderator to approve its sign-up.
    AccountPendingApproval,
    /// The account's email address is not confirmed yet, and this needs it to be.
    EmailNotConfirmed,
    /// A two-factor code (or recovery code) is wrong, was used already, or has expired.
    InvalidTwoFactorCode,
    /// The instance asks people with moderation or administration permissions to turn on
    /// two-factor sign-in before they use them.
    TwoFactorRequired,
    /// The viewer may not do this, or a remote document spoke for another server.
    Forbidden,
    /// The token lacks the scope this field needs.
    InsufficientScope,
    /// Nothing with this id exists, or the viewer may not see it.
    NotFound,
    /// An input is wrong; `extensions.field` names it.
    Validation,
    /// The username is taken.
    UsernameTaken,
    /// The email address is in use.
    EmailTaken,
    /// This instance takes no sign-ups.
    RegistrationsClosed,
    /// This instance takes no sign-ups from the client's address.
    SignUpBlocked,
    /// Too many requests of this kind; try again later.
    RateLimited,
    /// The file is of a kind this instance does not take.
    UnsupportedMedia,
    /// The file is larger than this instance takes.
    MediaTooLarge,
    /// The file cannot be read as what it says it is.
    CorruptMedia,
    /// The feature is not built yet.
    NotImplemented,
    /// Another server did not answer a look-up in time, or answered nonsense.
    RemoteUnavailable,
    /// The document is not GraphQL, or is larger or more repeated than this instance reads.
    GraphqlParseFailed,
    /// The document breaks a rule of the schema (an unknown field, a missing argument).
    GraphqlValidationFailed,
    /// The document nests fields deeper than this instance answers.
    QueryTooDeep,
    /// The document asks for more than this instance answers at once.
    QueryTooComplex,
    /// A live connection runs as many subscriptions as it may.
    TooManySubscriptions,
    /// A request signed in with the session cookie came without the `X-Rookery-CSRF`
    /// header; nothing ran.
    CsrfHeaderMissing,
    /// Something failed on this instance; it is logged, and the client is told no more.
    Internal,
}
