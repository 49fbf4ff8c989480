//! `Move`: a remote account moves to another, which must name it among its earlier
//! selves; its followers here follow the new account.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::MoveType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::moves;
use rookery_domain::service::remote;
use rookery_domain::types::Account;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire;
use crate::authority;
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::incoming::Actor;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Move {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: MoveType,
    #[serde(deserialize_with = "wire::actor")]
    pub actor: Url,
    #[serde(
        default,
        deserialize_with = "wire::addresses",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub to: Vec<String>,
    /// The account that moves: the actor itself.
    #[serde(
        default,
        deserialize_with = "wire::reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<String>,
    /// The account it moves to.
    #[serde(
        default,
        deserialize_with = "wire::target",
        skip_serializing_if = "Option::is_none"
    )]
    pub target: Option<String>,
}

#[async_trait::async_trait]
impl Activity for Move {
    type DataType = FederationContext;
    type Error = InboxError;

    fn id(&self) -> &Url {
        id_or_actor(&self.id, &self.actor)
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    /// An actor may only move itself.
    async fn verify(&self, _: &Data<FederationContext>) -> Result<(), InboxError> {
        if self.target.is_none() {
            return Err(InboxError::Malformed("Move without target".into()));
        }
        if self.object.as_deref() != Some(signer()?.actor_id.as_str()) {
            return Err(InboxError::Forbidden(
                "an actor may only move itself".into(),
            ));
        }
        Ok(())
    }

    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        let Some(target) = self.target else {
            return Err(InboxError::Malformed("Move without target".into()));
        };
        let moved_to = moved_to(data, &target, &signer).await?;
        let followers = moves::moved(&data.app, signer.id, moved_to.id).await?;
        data.forget_signer(&signer);
        tracing::info!(to = %moved_to.actor_id, followers, "account moved");
        Ok(())
    }
}

/// The account `signer` moves to, fetched afresh: it must name `signer` among its
/// earlier selves (`alsoKnownAs`), or anyone could claim anyone's followers.
async fn moved_to(
    ctx: &FederationContext,
    target: &str,
    signer: &Account,
) -> Result<Account, InboxError> {
    // An account of this server names its earlier selves here, as it stores them.
    if authority(target).is_some_and(|host| ctx.app.instance().is_local_domain(&host)) {
        let local = remote::account_by_actor_id(&ctx.app.db, target)
            .await?
            .filter(Account::is_local)
            .ok_or_else(|| InboxError::Forbidden("the Move's target is no account here".into()))?;
        if !local.also_known_as.contains(&signer.actor_id) {
            return Err(InboxError::Forbidden(
                "the Move's target does not name the mover as an earlier self".into(),
            ));
        }
        return Ok(local);
    }
    let document = ctx.fetch(target).await?;
    let actor = Actor::deserialize(&document)
        .map_err(|e| InboxError::Malformed(format!("the Move's target: {e}")))?;
    if authority(&actor.id) != authority(target) {
        return Err(InboxError::Forbidden(
            "the Move's target is served by another server".into(),
        ));
    }
    if !actor.also_known_as.iter().any(|id| *id == signer.actor_id) {
        return Err(InboxError::Forbidden(
            "the Move's target does not name the mover as an earlier self".into(),
        ));
    }
    ctx.keep_actor(actor).await
}
