//! The heart of Rookery: domain types, use cases (`service`), storage (`store`) and the
//! rules that decide who may see and do what.
//!
//! Only `store` speaks SQL (through sea-orm). The domain never names poem, async-graphql,
//! apalis or redis: other crates call its services and implement its ports.

pub mod content;
pub mod db;
pub mod error;
pub mod ids;
pub mod media;
pub mod origin;
pub mod page;
pub mod ports;
pub mod secrets;
pub mod service;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod types;

pub use error::{DomainError, DomainResult, ErrorCode};
