//! `QuoteRequest` (FEP-044f): a remote account asks to quote a local status in its post
//! (`instrument`, carried whole or by its id); answered by the status's policy.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::kind;
use activitypub_federation::traits::Activity;
use rookery_domain::service::quotes;
use rookery_domain::service::statuses::received;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::remote_statuses;

kind!(QuoteRequestType, QuoteRequest);

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteRequest {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: QuoteRequestType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    /// The local status to quote.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
    /// The quote post, whole or by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<Value>,
}

#[async_trait::async_trait]
impl Activity for QuoteRequest {
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
                "QuoteRequest without id or object".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let (Some(request), Some(quoted)) = (self.id, self.object) else {
            return Err(InboxError::Malformed(
                "QuoteRequest without id or object".into(),
            ));
        };
        // A status never sent anywhere is not answered for: no answer tells it exists.
        let Some(quoted) = received::status_by_ap_id(&data.app.db, &quoted)
            .await?
            .filter(|s| s.local && s.visibility.federates())
        else {
            tracing::debug!("quote request for a status not known here; ignored");
            return Ok(());
        };
        let quote_post = match self.instrument {
            Some(post @ Value::Object(_)) => remote_statuses::store(data, post, &signer)
                .await?
                .ok_or_else(|| InboxError::Malformed("the instrument is no post".into()))?,
            Some(Value::String(id)) => remote_statuses::status(data, &id)
                .await
                .map_err(|e| InboxError::Unauthorized(format!("the quote post: {e}")))?,
            _ => {
                return Err(InboxError::Malformed(
                    "QuoteRequest without instrument".into(),
                ));
            }
        };
        let state =
            quotes::request_received(&data.app, &signer, request.as_str(), &quoted, &quote_post)
                .await?;
        tracing::info!(?state, "quote request answered");
        Ok(())
    }
}
