//! Conversations: the direct statuses of one thread, as one account sees them.

use crate::ids::{AccountId, ConversationId, StatusId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    pub id: ConversationId,
    pub account_id: AccountId,
    pub thread_id: StatusId,
    /// Everyone in it but the account itself.
    pub participants: Vec<AccountId>,
    pub last_status_id: StatusId,
    pub unread: bool,
}
