//! Activities local accounts send, as the outbox records them.

use chrono::{DateTime, Utc};

use crate::ids::{AccountId, ActivityId, ReportId, StatusId};

/// What a recorded activity says; its JSON is built when it is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    /// `Create` of the status.
    CreateNote,
    /// `Delete` of the status (now a tombstone).
    DeleteNote,
    /// `Update` of the status, edited.
    UpdateNote,
    /// `Follow` of the target account.
    Follow,
    /// `Undo` of the Follow `object_ap_id` of the target account.
    UndoFollow,
    /// `Accept` of the target account's Follow `object_ap_id`.
    AcceptFollow,
    /// `Reject` of the target account's Follow `object_ap_id`.
    RejectFollow,
    /// `Update` of the actor's profile.
    UpdateActor,
    /// `Flag` of the target account (and statuses) by the instance actor: a forwarded report.
    Flag,
    /// `Like` of the status.
    Like,
    /// `Undo` of the `Like` `object_ap_id` of the status.
    UndoLike,
    /// `Announce` (boost): the status is the boost, which names the status boosted.
    Announce,
    /// `Undo` of the boost `object_ap_id` of the status.
    UndoAnnounce,
    /// `Block` of the target account.
    Block,
    /// `Undo` of the `Block` `object_ap_id` of the target account.
    UndoBlock,
    /// `Add` of the status to the actor's `featured` collection (a pin).
    AddPin,
    /// `Remove` of the status from the actor's `featured` collection.
    RemovePin,
    /// A vote in the (remote) poll of the status: a `Create` of a `Note` named for the
    /// option `object_ap_id`, to the poll's author.
    Vote,
    /// `Update` of a local poll's status with its new counts (or its end): no edit.
    UpdatePoll,
    /// `QuoteRequest`: the status is the actor's quote post, asking the target account (the
    /// quoted status's author) for leave to quote.
    QuoteRequest,
    /// `Accept` of the target account's `QuoteRequest` `object_ap_id` for its quote post
    /// (the status), with the stamp that allows it.
    AcceptQuote,
    /// `Reject` of the target account's `QuoteRequest` `object_ap_id` for the status.
    RejectQuote,
    /// `Delete` of the stamp `object_ap_id` that allowed the quote post (the status): the
    /// actor takes back its leave.
    RevokeQuote,
    /// `Move` of the actor to the target account, sent to its followers.
    Move,
    /// `Delete` of the actor, suspended here: to its followers' servers and every server
    /// this instance knows.
    DeleteActor,
}

impl ActivityKind {
    pub const ALL: [Self; 25] = [
        Self::CreateNote,
        Self::DeleteNote,
        Self::UpdateNote,
        Self::Follow,
        Self::UndoFollow,
        Self::AcceptFollow,
        Self::RejectFollow,
        Self::UpdateActor,
        Self::Flag,
        Self::Like,
        Self::UndoLike,
        Self::Announce,
        Self::UndoAnnounce,
        Self::Block,
        Self::UndoBlock,
        Self::AddPin,
        Self::RemovePin,
        Self::Vote,
        Self::UpdatePoll,
        Self::QuoteRequest,
        Self::AcceptQuote,
        Self::RejectQuote,
        Self::RevokeQuote,
        Self::Move,
        Self::DeleteActor,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreateNote => "create_note",
            Self::DeleteNote => "delete_note",
            Self::UpdateNote => "update_note",
            Self::Follow => "follow",
            Self::UndoFollow => "undo_follow",
            Self::AcceptFollow => "accept_follow",
            Self::RejectFollow => "reject_follow",
            Self::UpdateActor => "update_actor",
            Self::Flag => "flag",
            Self::Like => "like",
            Self::UndoLike => "undo_like",
            Self::Announce => "announce",
            Self::UndoAnnounce => "undo_announce",
            Self::Block => "block",
            Self::UndoBlock => "undo_block",
            Self::AddPin => "add_pin",
            Self::RemovePin => "remove_pin",
            Self::Vote => "vote",
            Self::UpdatePoll => "update_poll",
            Self::QuoteRequest => "quote_request",
            Self::AcceptQuote => "accept_quote",
            Self::RejectQuote => "reject_quote",
            Self::RevokeQuote => "revoke_quote",
            Self::Move => "move",
            Self::DeleteActor => "delete_actor",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// The id of the `Create` of the status `status_ap_id`: the same in its delivery, in its
/// author's outbox, and where it is served.
pub fn create_ap_id(status_ap_id: &str) -> String {
    format!("{status_ap_id}/activity")
}

/// One activity of a local account.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxActivity {
    pub id: ActivityId,
    /// Its ActivityPub id (`https://…/activities/<id>`; a `Create`'s is [`create_ap_id`]).
    pub ap_id: String,
    pub actor: AccountId,
    pub kind: ActivityKind,
    pub status: Option<StatusId>,
    pub target_account: Option<AccountId>,
    /// The activity this one answers or undoes (a Follow).
    pub object_ap_id: Option<String>,
    /// The report a `Flag` forwards.
    pub report: Option<ReportId>,
    /// The JSON delivered, once published.
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

/// A delivery that exhausted its retries.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedDelivery {
    pub id: uuid::Uuid,
    pub activity: ActivityId,
    pub inbox: String,
    pub attempts: u32,
    pub last_error: String,
    pub failed_at: DateTime<Utc>,
}
