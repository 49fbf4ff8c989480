//! `Add`: a remote account pins one of its statuses (adds it to its `featured`
//! collection); an `Add` to anything else is ignored.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::AddType;
use activitypub_federation::traits::Activity;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::featured;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Add {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: AddType,
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
    /// The status, by its id.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
    /// The collection: the actor's `featured` one.
    #[serde(
        default,
        deserialize_with = "wire::target",
        skip_serializing_if = "Option::is_none"
    )]
    pub target: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Add {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        if !featured::aims_at_featured(self.target.as_deref(), &signer) {
            return Ok(());
        }
        let Some(object) = self.object else {
            return Err(InboxError::Malformed("Add without object".into()));
        };
        featured::pin_received(data, &signer, &object, true).await
    }
}
