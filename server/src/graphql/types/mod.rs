//! GraphQL output types: thin wrappers over domain types.

pub mod access_token;
pub mod account;
pub mod admin;
pub mod announcement;
pub mod conversation;
pub mod domain_block;
pub mod emoji;
pub mod filter;
pub mod instance;
pub mod known_server;
pub mod list;
pub mod media;
pub mod moderation;
pub mod node;
pub mod poll;
pub mod quote;
pub mod search;
pub mod session;
pub mod sign_up;
pub mod status;
pub mod strike;
pub mod tag;
pub mod webhook;

pub use account::AccountNode;
pub use emoji::CustomEmojiNode;
pub use media::MediaNode;
pub use moderation::{NotificationNode, ReportNode};
pub use node::Node;
pub use poll::PollNode;
pub use quote::{AudienceValue, QuoteNode};
pub use status::{StatusNode, VisibilityValue, status_connection};
pub use tag::TagNode;
