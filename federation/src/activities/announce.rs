//! `Announce`: a remote account boosts a status (fetched when unknown here).
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::AnnounceType;
use activitypub_federation::traits::Activity;
use chrono::{DateTime, Utc};
use rookery_domain::service::reblogs;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::remote_statuses;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Announce {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: AnnounceType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub to: Vec<String>,
    #[serde(default, deserialize_with = "wire::addresses")]
    pub cc: Vec<String>,
    /// The status boosted, by its id.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Announce {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        if self.id.is_none() || self.object.is_none() {
            return Err(InboxError::Malformed(
                "Announce without id or object".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let (Some(id), Some(url)) = (self.id, self.object) else {
            return Err(InboxError::Malformed(
                "Announce without id or object".into(),
            ));
        };
        match remote_statuses::status(data, &url).await {
            Ok(original) => {
                let new = reblogs::announce_received(
                    &data.db,
                    &data.outbox,
                    &signer,
                    id.as_str(),
                    &original,
                )
                .await?;
                tracing::info!(new, "boost received");
            }
            // A boost of something gone or unreachable is no error of the sender's.
            Err(error) => tracing::debug!(%error, "boost of a status not found"),
        }
        Ok(())
    }
}
