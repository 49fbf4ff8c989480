//! Activities, one type per verb, each read leniently and written exactly: what Rookery
//! sends is built from the types it reads. Each is an `activitypub_federation`
//! [`Activity`] over the [`FederationContext`]: `verify` holds the verb's own rules about
//! its origin and shape, `receive` hands it to the domain. The inbox has already checked
//! the signature and that the signer is the actor (and that the id, when there is one, is
//! on the actor's server); it then reads the delivery as an [`AnyActivity`] by its `type`.
//!
//! Each verb spells out its own `@context`, `id`, `type`, `actor` and addressing rather
//! than sharing an envelope through `#[serde(flatten)]`: flattening makes serde buffer
//! every field of every delivery into an intermediate tree before reading it, on the
//! inbox's hottest path, for the sake of a few repeated lines.

mod accept;
mod add;
mod announce;
mod block;
mod create;
mod delete;
mod flag;
mod follow;
mod like;
mod move_;
mod quote_request;
mod reject;
mod remove;
mod signed;
mod undo;
mod update;
pub(crate) mod wire;

use activitypub_federation::config::Data;
use activitypub_federation::traits::Activity;
use serde::Deserialize;
use serde_json::Value;
use url::Url;

pub use accept::Accept;
pub use add::Add;
pub use announce::Announce;
pub use block::Block;
pub use create::Create;
pub use delete::{Delete, Deleted};
pub use flag::Flag;
pub use follow::Follow;
pub use like::Like;
pub use move_::Move;
pub use quote_request::QuoteRequest;
pub use reject::Reject;
pub use remove::Remove;
pub use undo::{Undo, Undone};
pub use update::Update;

pub(crate) use signed::as_signed_by;

use crate::context::FederationContext;
use crate::error::InboxError;

/// An activity of any verb this server reads and sends: a delivery read by its `type`,
/// or one built to be sent.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(untagged)]
pub enum AnyActivity {
    Follow(Follow),
    Accept(Accept),
    Reject(Reject),
    Create(Create),
    Update(Update),
    Delete(Delete),
    Like(Like),
    Announce(Announce),
    Undo(Undo),
    Block(Block),
    Flag(Flag),
    Move(Move),
    Add(Add),
    Remove(Remove),
    QuoteRequest(QuoteRequest),
}

impl AnyActivity {
    /// The activity `value` is. `None` for a `type` this server does not act on: such an
    /// activity changes nothing here, and is accepted and ignored. One of a known `type`
    /// that cannot be read as one is malformed.
    pub fn parse(value: &Value) -> Result<Option<Self>, InboxError> {
        fn read<'a, T: Deserialize<'a>>(
            value: &'a Value,
            into: fn(T) -> AnyActivity,
        ) -> Result<Option<AnyActivity>, InboxError> {
            T::deserialize(value)
                .map(|activity| Some(into(activity)))
                .map_err(|e| InboxError::Malformed(e.to_string()))
        }
        match value["type"].as_str().unwrap_or_default() {
            "Follow" => read(value, Self::Follow),
            "Accept" => read(value, Self::Accept),
            "Reject" => read(value, Self::Reject),
            "Create" => read(value, Self::Create),
            "Update" => read(value, Self::Update),
            "Delete" => read(value, Self::Delete),
            "Like" => read(value, Self::Like),
            "Announce" => read(value, Self::Announce),
            "Undo" => read(value, Self::Undo),
            "Block" => read(value, Self::Block),
            "Flag" => read(value, Self::Flag),
            "Move" => read(value, Self::Move),
            "Add" => read(value, Self::Add),
            "Remove" => read(value, Self::Remove),
            "QuoteRequest" => read(value, Self::QuoteRequest),
            other => {
                tracing::debug!(kind = other, "activity type not handled; ignored");
                Ok(None)
            }
        }
    }
}

/// `$body` for the activity of whichever verb `$activity` holds, as `$verb`.
macro_rules! each_verb {
    ($activity:expr, $verb:ident => $body:expr) => {
        match $activity {
            AnyActivity::Follow($verb) => $body,
            AnyActivity::Accept($verb) => $body,
            AnyActivity::Reject($verb) => $body,
            AnyActivity::Create($verb) => $body,
            AnyActivity::Update($verb) => $body,
            AnyActivity::Delete($verb) => $body,
            AnyActivity::Like($verb) => $body,
            AnyActivity::Announce($verb) => $body,
            AnyActivity::Undo($verb) => $body,
            AnyActivity::Block($verb) => $body,
            AnyActivity::Flag($verb) => $body,
            AnyActivity::Move($verb) => $body,
            AnyActivity::Add($verb) => $body,
            AnyActivity::Remove($verb) => $body,
            AnyActivity::QuoteRequest($verb) => $body,
        }
    };
}

#[async_trait::async_trait]
impl Activity for AnyActivity {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        each_verb!(self, activity => activity.id())
    }

    fn actor(&self) -> &Url {
        each_verb!(self, activity => activity.actor())
    }

    async fn verify(&self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        each_verb!(self, activity => activity.verify(data).await)
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        each_verb!(self, activity => activity.receive(data).await)
    }
}
