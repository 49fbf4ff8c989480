//! Rookery's composition root: configuration, HTTP routes, the GraphQL API and the
//! `rookery` command line. It wires the domain to the outside world and holds no rules of
//! its own; resolvers translate and call domain services.
// The merged GraphQL roots nest deeper than the default limit when checking `Send`.
#![recursion_limit = "256"]

pub mod auth_limits;
pub mod cli;
pub mod config;
pub mod graphql;
pub mod http;
pub mod live;
pub mod mail_servers;
pub mod media_store;
mod qr;
mod secrets_file;
pub mod start;
pub mod state;
