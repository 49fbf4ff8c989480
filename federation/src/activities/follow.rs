//! `Follow`: a remote account asks to follow a local one.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::FollowType;
use activitypub_federation::traits::Activity;
use rookery_domain::DomainError;
use rookery_domain::service::follows;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Follow {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: FollowType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    /// The account to follow.
    #[serde(default, deserialize_with = "wire::reference")]
    pub object: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Follow {
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
            return Err(InboxError::Malformed("Follow without object".into()));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let target = self.object.unwrap_or_default();
        let id = self.id.map(String::from);
        match follows::follow_received(&data.app, signer.id, &target, id).await {
            Ok((_, outcome)) => tracing::info!(?outcome, "follow received"),
            Err(DomainError::NotFound(_)) => tracing::debug!("follow of an unknown account"),
            Err(other) => return Err(other.into()),
        }
        Ok(())
    }
}
