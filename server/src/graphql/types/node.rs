//! The Relay `Node` interface.

use async_graphql::{ID, Interface};

use super::{AccountNode, StatusNode};

#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    Account(AccountNode),
    Status(StatusNode),
}
