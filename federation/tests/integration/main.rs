//! Federation against real payloads from other servers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod activities;
mod captured_signatures;
mod fixtures;
mod outgoing;
mod properties;
mod references;
mod signature_properties;
