//! `Create`: a remote account posts (a note-like object, carried whole or by its id), or
//! votes in a local poll.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::CreateType;
use activitypub_federation::traits::Activity;
use chrono::{DateTime, Utc};
use rookery_domain::types::create_ap_id;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire::{self, url_of};
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::note::Note;
use crate::remote_statuses;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Create {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: CreateType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub to: Vec<String>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub cc: Vec<String>,
    /// The object created, whole or by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Value>,
}

impl Create {
    /// The `Create` of a local note, as delivered, in an outbox and at its own id; without
    /// `@context`.
    pub fn of_note(note: &Note) -> Result<Self, serde_json::Error> {
        Ok(Self {
            context: None,
            id: Some(url_of(&create_ap_id(&note.id))?),
            kind: Default::default(),
            actor: url_of(&note.attributed_to)?,
            published: Some(note.published),
            to: note.to.clone(),
            cc: note.cc.clone(),
            object: Some(serde_json::to_value(note)?),
        })
    }
}

#[async_trait::async_trait]
impl Activity for Create {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        if self.object.is_none() {
            return Err(InboxError::Malformed("Create without object".into()));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let object = match self.object {
            Some(Value::String(id)) => data.fetch(&id).await?,
            Some(object) => object,
            None => return Err(InboxError::Malformed("Create without object".into())),
        };
        let stored = remote_statuses::store(data, object, &signer).await?;
        if let Some(reply) = stored.filter(|s| s.in_reply_to_id.is_none())
            && reply.in_reply_to_ap_id.is_some()
            && let Err(error) = data.app.outbox.queue().fetch_parents(vec![reply.id]).await
        {
            // The reply is stored; it stays apart from its thread.
            tracing::warn!(%error, "queuing the fetch of a reply's parent");
        }
        Ok(())
    }
}
