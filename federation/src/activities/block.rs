//! `Block`: a remote account blocks a local one.
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::BlockType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::blocks;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: BlockType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    /// The account blocked, by its id.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Block {
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
            return Err(InboxError::Malformed("Block without object".into()));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let target = self.object.unwrap_or_default();
        let id = self.id.map(String::from);
        let new = blocks::block_received(&data.app.db, signer.id, &target, id).await?;
        tracing::info!(new, "block received");
        Ok(())
    }
}
