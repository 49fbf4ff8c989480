//! `Flag`: a remote server reports accounts or statuses to this one's moderators.
use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::FlagType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::reports;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: FlagType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    /// The accounts and statuses reported.
    #[serde(default, deserialize_with = "wire::references")]
    pub object: Vec<String>,
    /// What the report says (Lemmy writes it as `summary`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
}

#[async_trait::async_trait]
impl Activity for Flag {
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

    /// Counted against the sender's server's budget of reports.
    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        data.spend(&data.memory.budgets.flags, &signer, "reports")?;
        // Plain text, kept as text: moderators' clients show it escaped.
        let comment = self
            .content
            .as_deref()
            .or(self.summary.as_deref())
            .unwrap_or_default();
        let flag_id = self.id.map(String::from).unwrap_or_default();
        let reports =
            reports::flag_received(&data.app, signer.id, &flag_id, &self.object, comment).await?;
        tracing::info!(reports = reports.len(), "report received");
        Ok(())
    }
}
