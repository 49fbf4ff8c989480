//! `Delete`: a remote actor is gone, or one of its statuses is, or a stamp by which it
//! allowed a quote.
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::DeleteType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::statuses::received;
use rookery_domain::service::{quotes, remote};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Delete {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: DeleteType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub cc: Vec<String>,
    /// The actor, status or stamp deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Deleted>,
}

/// What a `Delete` deletes: read by its id however it is written, and written as a
/// `Tombstone` (a status) or as its id alone (an actor, a stamp).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleted {
    pub id: String,
    /// Written as `{"id", "type": "Tombstone"}`, as Mastodon deletes statuses.
    pub tombstone: bool,
}

impl Serialize for Deleted {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.tombstone {
            let mut map = serializer.serialize_map(Some(2))?;
            map.serialize_entry("id", &self.id)?;
            map.serialize_entry("type", "Tombstone")?;
            map.end()
        } else {
            serializer.serialize_str(&self.id)
        }
    }
}

impl<'de> Deserialize<'de> for Deleted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let id = wire::reference_of(&value)
            .ok_or_else(|| serde::de::Error::custom("the deleted object names no id"))?;
        Ok(Self {
            id: id.to_owned(),
            tombstone: value.get("type").and_then(Value::as_str) == Some("Tombstone"),
        })
    }
}

#[async_trait::async_trait]
impl Activity for Delete {
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
            return Err(InboxError::Malformed("Delete without object".into()));
        }
        Ok(())
    }

    /// Only what is the signer's own is deleted: itself, or its statuses and stamps.
    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let target = self.object.map(|deleted| deleted.id).unwrap_or_default();
        if target == signer.actor_id {
            data.forget_signer(&signer);
            let removed = remote::delete_actor(&data.app.db, signer.id).await?;
            tracing::info!(removed, "actor deleted by its server");
            return Ok(());
        }
        if quotes::stamp_deleted(&data.app, signer.id, &target).await? {
            tracing::info!("quote revoked");
        } else {
            received::delete_status(&data.app, signer.id, &target).await?;
        }
        Ok(())
    }
}
