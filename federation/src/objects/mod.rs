//! ActivityPub documents built from domain types: what other servers fetch from us.

pub mod actor;
pub mod collections;
pub mod emoji;
pub mod note;
pub mod stamps;

use rookery_domain::{DomainError, ids::Kind};

/// Why a document cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    #[error("{0} not found")]
    NotFound(Kind),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error(transparent)]
    Domain(DomainError),
}

impl From<DomainError> for FederationError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::NotFound(kind) => Self::NotFound(kind),
            other => Self::Domain(other),
        }
    }
}

/// A document or activity of this server's own that does not write out: a defect here.
impl From<serde_json::Error> for FederationError {
    fn from(error: serde_json::Error) -> Self {
        Self::Internal(error.to_string())
    }
}

pub type FederationResult<T> = Result<T, FederationError>;
