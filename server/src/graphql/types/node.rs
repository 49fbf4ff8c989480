//! The Relay `Node` interface.

use async_graphql::{ID, Interface};

use super::{AccountNode, StatusNode};

// Short-lived values built per response; boxing would only add allocations.
#[allow(clippy::large_enum_variant)]
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Account(AccountNode),
    Status(StatusNode),
}
