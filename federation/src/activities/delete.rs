//! `Delete`: a remote actor is gone, or one of its statuses is, or a stamp by which it
//! allowed a quote.
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::DeleteType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::statuses::received;
use rookery_domain::service::{quotes, remote};
use serde::{Deserialize, Serialize};
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
    /// The actor, status or stamp deleted, by its id.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
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
        let target = self.object.unwrap_or_default();
        if target == signer.actor_id {
            data.forget_signer(&signer);
            let removed = remote::delete_actor(&data.db, signer.id).await?;
            tracing::info!(removed, "actor deleted by its server");
            return Ok(());
        }
        if quotes::stamp_deleted(&data.db, &data.outbox, signer.id, &target).await? {
            tracing::info!("quote revoked");
        } else {
            received::delete_status(&data.db, &data.outbox, signer.id, &target).await?;
        }
        Ok(())
    }
}
