//! `Update`: a remote actor changes its profile, or edits a note-like object of its own.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::UpdateType;
use activitypub_federation::traits::Activity;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::incoming::{ACTOR_TYPES, Actor};
use crate::remote_statuses;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Update {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: UpdateType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub to: Vec<String>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub cc: Vec<String>,
    /// The actor or object as it is now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Value>,
}

impl Update {
    /// The actor document it carries, when it updates an actor.
    fn updated_actor(&self) -> Result<Option<Actor>, InboxError> {
        match &self.object {
            Some(object) if ACTOR_TYPES.contains(&object["type"].as_str().unwrap_or_default()) => {
                Actor::deserialize(object)
                    .map(Some)
                    .map_err(|e| InboxError::Malformed(e.to_string()))
            }
            _ => Ok(None),
        }
    }
}

#[async_trait::async_trait]
impl Activity for Update {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    /// An actor may only update itself (a note's author is checked as it is read).
    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        if self.object.is_none() {
            return Err(InboxError::Malformed("Update without object".into()));
        }
        if let Some(actor) = self.updated_actor()?
            && actor.id != signer()?.actor_id
        {
            return Err(InboxError::Forbidden(
                "an actor may only update itself".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        if let Some(actor) = self.updated_actor()? {
            data.keep_actor(actor).await?;
            data.forget_signer(&signer);
            return Ok(());
        }
        match self.object {
            Some(object) => remote_statuses::update(data, object, &signer).await,
            None => Err(InboxError::Malformed("Update without object".into())),
        }
    }
}
