//! The domain's error type and the stable codes clients see.

use crate::ids::Kind;

pub type DomainResult<T> = Result<T, DomainError>;

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("authentication required")]
    Unauthenticated,
    #[error("invalid or expired access token")]
    InvalidToken,
    #[error("wrong username or password")]
    InvalidCredentials,
    #[error("this account is disabled")]
    AccountDisabled,
    #[error("this account is waiting for a moderator's approval")]
    AccountPendingApproval,
    #[error("not allowed")]
    Forbidden,
    /// A remote document speaks for something that is not on its own server.
    #[error("not believed: {0}")]
    ForeignOrigin(&'static str),
    #[error("this token lacks the `{}` scope", .0.as_str())]
    InsufficientScope(crate::types::Scope),
    #[error("{0} not found")]
    NotFound(Kind),
    #[error("{field}: {message}")]
    Validation {
        field: &'static str,
        message: String,
    },
    #[error("username is already taken")]
    UsernameTaken,
    #[error("email is already in use")]
    EmailTaken,
    #[error("registrations are closed")]
    RegistrationsClosed,
    #[error("too many requests, try again later")]
    RateLimited,
    #[error("unsupported media: {0}")]
    UnsupportedMedia(String),
    #[error("media too large: {0}")]
    MediaTooLarge(String),
    #[error("unreadable media: {0}")]
    CorruptMedia(String),
    #[error("{0} is not supported yet")]
    NotSupportedYet(&'static str),
    #[error("database error: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal error: {0}")]
    Internal(String),
}

impl DomainError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            field,
            message: message.into(),
        }
    }

    /// The stable code clients branch on (GraphQL `extensions.code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated | Self::InvalidToken => "UNAUTHENTICATED",
            Self::InvalidCredentials => "INVALID_CREDENTIALS",
            Self::AccountDisabled => "ACCOUNT_DISABLED",
            Self::AccountPendingApproval => "ACCOUNT_PENDING_APPROVAL",
            Self::Forbidden | Self::ForeignOrigin(_) => "FORBIDDEN",
            Self::InsufficientScope(_) => "INSUFFICIENT_SCOPE",
            Self::NotFound(_) => "NOT_FOUND",
            Self::Validation { .. } => "VALIDATION",
            Self::UsernameTaken => "USERNAME_TAKEN",
            Self::EmailTaken => "EMAIL_TAKEN",
            Self::RegistrationsClosed => "REGISTRATIONS_CLOSED",
            Self::RateLimited => "RATE_LIMITED",
            Self::UnsupportedMedia(_) => "UNSUPPORTED_MEDIA",
            Self::MediaTooLarge(_) => "MEDIA_TOO_LARGE",
            Self::CorruptMedia(_) => "CORRUPT_MEDIA",
            Self::NotSupportedYet(_) => "NOT_IMPLEMENTED",
            Self::Database(_) | Self::Internal(_) => "INTERNAL",
        }
    }

    /// Whether the error is ours to log rather than the client's to fix.
    pub fn is_internal(&self) -> bool {
        matches!(self, Self::Database(_) | Self::Internal(_))
    }
}

impl From<crate::ports::StoreError> for DomainError {
    fn from(error: crate::ports::StoreError) -> Self {
        DomainError::Internal(error.to_string())
    }
}
