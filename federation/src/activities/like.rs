//! `Like`: a remote account favourites a status.
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::LikeType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::favourites;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Like {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: LikeType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    /// The status liked, by its id.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Like {
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
            return Err(InboxError::Malformed("Like without id or object".into()));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let (Some(id), Some(status)) = (self.id, self.object) else {
            return Err(InboxError::Malformed("Like without id or object".into()));
        };
        let new = favourites::like_received(&data.app, &signer, id.as_str(), &status).await?;
        tracing::info!(new, "like received");
        Ok(())
    }
}
