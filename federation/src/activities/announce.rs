//! `Announce`: a remote account boosts a status (fetched when unknown here).
use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::kinds::activity::AnnounceType;
use activitypub_federation::traits::Activity;
use chrono::{DateTime, Utc};
use rookery_domain::service::reblogs;
use rookery_domain::types::{Account, Status, Visibility};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use super::signed::{id_or_actor, signer};
use super::wire::{self, url_of};
use crate::context::FederationContext;
use crate::error::InboxError;
use crate::protocol::PUBLIC;
use crate::references::Dereference;
use crate::remote_statuses::StatusObject;

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
        deserialize_with = "wire::object_id",
        skip_serializing_if = "Option::is_none"
    )]
    pub object: Option<ObjectId<StatusObject>>,
}

impl Announce {
    /// The `Announce` `boost_id` by `booster` of `boosted` (by `boosted_author`), without
    /// `@context`, addressed as Mastodon does: public boosts to everyone, unlisted ones to
    /// the followers; the boosted author always.
    pub fn of_boost(
        booster: &Account,
        boost_id: &str,
        published: DateTime<Utc>,
        boosted: &Status,
        boosted_author: &Account,
    ) -> Result<Self, serde_json::Error> {
        let followers = booster.followers();
        let (to, cc) = if boosted.visibility == Visibility::Public {
            (
                vec![PUBLIC.to_owned()],
                vec![followers, boosted_author.actor_id.clone()],
            )
        } else {
            (
                vec![followers],
                vec![PUBLIC.to_owned(), boosted_author.actor_id.clone()],
            )
        };
        Ok(Self {
            context: None,
            id: Some(url_of(boost_id)?),
            kind: Default::default(),
            actor: url_of(&booster.actor_id)?,
            published: Some(published),
            to,
            cc,
            object: Some(ObjectId::parse(&boosted.ap_id).map_err(serde::ser::Error::custom)?),
        })
    }
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
        let (Some(id), Some(boosted)) = (self.id, self.object) else {
            return Err(InboxError::Malformed(
                "Announce without id or object".into(),
            ));
        };
        match boosted.dereference_here(data).await {
            Ok(StatusObject {
                status: original, ..
            }) => {
                let new =
                    reblogs::announce_received(&data.app, &signer, id.as_str(), &original).await?;
                tracing::info!(new, "boost received");
            }
            // A boost of something gone or unreachable is no error of the sender's.
            Err(error) => tracing::debug!(%error, "boost of a status not found"),
        }
        Ok(())
    }
}
