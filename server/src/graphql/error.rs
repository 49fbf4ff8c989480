//! Turning domain errors into GraphQL errors with a stable `extensions.code`.

use async_graphql::{Error, ErrorExtensions, ServerError};
use rookery_domain::DomainError;

/// The error a resolver returns: the domain's, with its code; internal ones are logged
/// whole and reach the client as "internal error".
pub fn api_error(error: DomainError) -> Error {
    if error.is_internal() {
        tracing::error!(error = ?error, "internal error");
        return Error::new("internal error").extend_with(|_, e| e.set("code", "INTERNAL"));
    }
    let code = error.code();
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
