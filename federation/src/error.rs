//! What receiving and resolving remote objects can fail with.

use rookery_domain::DomainError;

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("malformed activity: {0}")]
    Malformed(String),
    #[error("not accepted: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("too many requests: {0}")]
    Throttled(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl InboxError {
    /// What the sender is told: a short reason that repeats nothing it sent (a key id can be
    /// 100 KB) or that happened here (what fetching its key met). The whole error is for
    /// the logs.
    pub fn public_reason(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed activity",
            Self::Unauthorized(_) => "the signature or its signer could not be verified",
            Self::Forbidden(_) => "not accepted from this signer",
            Self::Throttled(_) => "too many requests; try again later",
            Self::Internal(_) => "internal error",
        }
    }
}

impl From<DomainError> for InboxError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Forbidden => {
                Self::Forbidden("not the author, or against the interaction policy".into())
            }
            DomainError::ForeignOrigin(reason) => Self::Forbidden(reason.into()),
            DomainError::Validation { field, message } => {
                Self::Malformed(format!("{field}: {message}"))
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("not an account handle: {0}")]
    BadHandle(String),
    #[error("no account {0}")]
    NotFound(String),
    #[error("{0}")]
    Remote(String),
    /// The server did not answer, or answered that it cannot now: worth trying again.
    #[error("{0}")]
    Unreachable(String),
    #[error("{0} is blocked")]
    Blocked(String),
    #[error("not an http(s) URL: {0}")]
    BadUrl(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

impl ResolveError {
    /// What a failed fetch of `url` means to a lookup.
    pub(crate) fn fetching(url: &str, error: crate::fetch::FetchError) -> Self {
        match error {
            crate::fetch::FetchError::Status(_, 404 | 410) => Self::NotFound(url.into()),
            other if other.is_transient() => Self::Unreachable(other.to_string()),
            other => Self::Remote(other.to_string()),
        }
    }
}
