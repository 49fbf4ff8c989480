//! The domain's error type, and the table of every stable code clients see in a GraphQL
//! error's `extensions.code` ([`ErrorCode`]): the domain's own and the API's (a document
//! over a limit, say). The schema lists the same table as `enum ErrorCode`.

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
    #[error("confirm your email address first: follow the link mailed to you")]
    EmailNotConfirmed,
    #[error("the code is wrong, was used already, or has expired")]
    InvalidTwoFactorCode,
    #[error("this instance asks staff to turn on two-factor sign-in first")]
    TwoFactorRequired,
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
    #[error("sign-ups from this address are refused")]
    SignUpBlocked,
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

/// Declares [`ErrorCode`]: each variant and the code clients read.
macro_rules! error_codes {
    ($($variant:ident => $code:literal,)+) => {
        /// Every code a GraphQL error's `extensions.code` holds. What each means is told
        /// to clients in the schema's `enum ErrorCode`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($variant,)+
        }

        impl ErrorCode {
            /// Every code, in the table's order.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The code as clients read it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }
        }
    };
}

error_codes! {
    Unauthenticated => "UNAUTHENTICATED",
    InvalidCredentials => "INVALID_CREDENTIALS",
    AccountDisabled => "ACCOUNT_DISABLED",
    AccountPendingApproval => "ACCOUNT_PENDING_APPROVAL",
    EmailNotConfirmed => "EMAIL_NOT_CONFIRMED",
    InvalidTwoFactorCode => "INVALID_TWO_FACTOR_CODE",
    TwoFactorRequired => "TWO_FACTOR_REQUIRED",
    Forbidden => "FORBIDDEN",
    InsufficientScope => "INSUFFICIENT_SCOPE",
    NotFound => "NOT_FOUND",
    Validation => "VALIDATION",
    UsernameTaken => "USERNAME_TAKEN",
    EmailTaken => "EMAIL_TAKEN",
    RegistrationsClosed => "REGISTRATIONS_CLOSED",
    SignUpBlocked => "SIGN_UP_BLOCKED",
    RateLimited => "RATE_LIMITED",
    UnsupportedMedia => "UNSUPPORTED_MEDIA",
    MediaTooLarge => "MEDIA_TOO_LARGE",
    CorruptMedia => "CORRUPT_MEDIA",
    NotImplemented => "NOT_IMPLEMENTED",
    RemoteUnavailable => "REMOTE_UNAVAILABLE",
    GraphqlParseFailed => "GRAPHQL_PARSE_FAILED",
    GraphqlValidationFailed => "GRAPHQL_VALIDATION_FAILED",
    QueryTooDeep => "QUERY_TOO_DEEP",
    QueryTooComplex => "QUERY_TOO_COMPLEX",
    TooManySubscriptions => "TOO_MANY_SUBSCRIPTIONS",
    CsrfHeaderMissing => "CSRF_HEADER_MISSING",
    Internal => "INTERNAL",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl DomainError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            field,
            message: message.into(),
        }
    }

    /// The stable code clients branch on (GraphQL `extensions.code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Unauthenticated | Self::InvalidToken => ErrorCode::Unauthenticated,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::AccountDisabled => ErrorCode::AccountDisabled,
            Self::AccountPendingApproval => ErrorCode::AccountPendingApproval,
            Self::EmailNotConfirmed => ErrorCode::EmailNotConfirmed,
            Self::InvalidTwoFactorCode => ErrorCode::InvalidTwoFactorCode,
            Self::TwoFactorRequired => ErrorCode::TwoFactorRequired,
            Self::Forbidden | Self::ForeignOrigin(_) => ErrorCode::Forbidden,
            Self::InsufficientScope(_) => ErrorCode::InsufficientScope,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Validation { .. } => ErrorCode::Validation,
            Self::UsernameTaken => ErrorCode::UsernameTaken,
            Self::EmailTaken => ErrorCode::EmailTaken,
            Self::RegistrationsClosed => ErrorCode::RegistrationsClosed,
            Self::SignUpBlocked => ErrorCode::SignUpBlocked,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::UnsupportedMedia(_) => ErrorCode::UnsupportedMedia,
            Self::MediaTooLarge(_) => ErrorCode::MediaTooLarge,
            Self::CorruptMedia(_) => ErrorCode::CorruptMedia,
            Self::NotSupportedYet(_) => ErrorCode::NotImplemented,
            Self::Database(_) | Self::Internal(_) => ErrorCode::Internal,
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
