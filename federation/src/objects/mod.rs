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

pub type FederationResult<T> = Result<T, FederationError>;
