//! `Accept`: a remote account accepts a local one's `Follow`, or a local quote post's
//! `QuoteRequest` (its `result` the stamp that allows the quote). `Reject` is answered
//! here too.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::AcceptType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::follows;
use rookery_domain::service::quotes;
use rookery_domain::types::Account;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::authority;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::incoming::id_of;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accept {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: AcceptType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    /// The `Follow` or `QuoteRequest` accepted, whole or by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Value>,
    /// A quote's stamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
}

/// Whether an answer's object is a `Follow` (and not a `QuoteRequest`).
fn answers_follow(object: Option<&Value>) -> bool {
    object.is_some_and(|o| o["type"] == "Follow")
}

/// The answer's rules: a quote's stamp is on its author's server.
pub(super) fn verify_answer(
    object: Option<&Value>,
    result: Option<&Value>,
    actor: &Url,
) -> Result<(), InboxError> {
    if answers_follow(object) {
        return Ok(());
    }
    let stamp = result.and_then(id_of);
    if stamp.is_some_and(|s| authority(s) != authority(actor.as_str())) {
        return Err(InboxError::Forbidden(
            "the stamp is on another server than its author".into(),
        ));
    }
    Ok(())
}

/// Applies an `Accept` (`accepted`) or `Reject` `signer` sent: of a local quote post's
/// request when it answers one, else of a local account's `Follow`.
pub(super) async fn answer(
    ctx: &FederationContext,
    signer: &Account,
    object: Option<&Value>,
    result: Option<&Value>,
    accepted: bool,
) -> Result<(), InboxError> {
    if !answers_follow(object) {
        let request = object.and_then(id_of);
        let instrument = object.and_then(|o| o.get("instrument")).and_then(id_of);
        let stamp = result.and_then(id_of).map(str::to_owned);
        let answered =
            quotes::answered(&ctx.app, signer.id, request, instrument, accepted, stamp).await?;
        if answered {
            tracing::info!(accepted, "quote request answered");
            return Ok(());
        }
    }
    let follower = object
        .filter(|o| o["type"] == "Follow")
        .and_then(|o| o["actor"].as_str());
    let follow_id = object.and_then(|o| match o {
        Value::String(id) => Some(id.as_str()),
        other => other["id"].as_str(),
    });
    follows::follow_answered(&ctx.app.db, signer.id, follower, follow_id, accepted).await?;
    Ok(())
}

#[async_trait::async_trait]
impl Activity for Accept {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        verify_answer(self.object.as_ref(), self.result.as_ref(), &self.actor)
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        answer(
            data,
            &signer,
            self.object.as_ref(),
            self.result.as_ref(),
            true,
        )
        .await
    }
}
