//! Real `rookery` processes, driven as an operator and a client would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod delivery;
mod fedify;
mod inboxes;
mod limits;
mod live;
mod mail;
mod media;
mod process;
mod services;
mod signatures;
mod single_server;
