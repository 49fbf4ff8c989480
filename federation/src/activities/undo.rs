//! `Undo`: a remote account takes back a follow, a block, a boost or a like. What it undoes
//! is read by its own `type`: carried whole, it must be that activity; by its id alone, it
//! is taken for a like (as some servers undo likes). An undone object that is no activity
//! is refused; an activity of a type not undone here is ignored.

use activitypub_federation::config::Data;
use activitypub_federation::kinds::activity::UndoType;
use activitypub_federation::traits::Activity;
use rookery_domain::service::follows;
use rookery_domain::service::{blocks, favourites, reblogs};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use url::Url;

use super::announce::Announce;
use super::block::Block;
use super::follow::Follow;
use super::like::Like;
use super::signed::{id_or_actor, signer};
use super::wire;
use crate::context::FederationContext;
use crate::error::InboxError;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Undo {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    #[serde(
        default,
        deserialize_with = "wire::id",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<Url>,
    #[serde(rename = "type")]
    pub kind: UndoType,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Undone>,
}

/// What an `Undo` undoes.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Undone {
    /// By its id alone: a like.
    Id(String),
    Follow(Follow),
    Block(Block),
    Announce(Announce),
    Like(Like),
    /// An activity of a type not undone here, by its `type`.
    NotUndone(Value),
}

impl<'de> Deserialize<'de> for Undone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let read = |error: serde_json::Error| serde::de::Error::custom(error);
        match &value {
            Value::String(id) => Ok(Self::Id(id.clone())),
            Value::Object(object) => match object.get("type").and_then(Value::as_str) {
                Some("Follow") => Follow::deserialize(&value).map(Self::Follow).map_err(read),
                Some("Block") => Block::deserialize(&value).map(Self::Block).map_err(read),
                Some("Announce") => Announce::deserialize(&value)
                    .map(Self::Announce)
                    .map_err(read),
                Some("Like") => Like::deserialize(&value).map(Self::Like).map_err(read),
                Some(_) if object.contains_key("actor") => Ok(Self::NotUndone(value)),
                _ => Err(serde::de::Error::custom("the undone object is no activity")),
            },
            _ => Err(serde::de::Error::custom(
                "the undone object is neither an id nor an activity",
            )),
        }
    }
}

#[async_trait::async_trait]
impl Activity for Undo {
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

    /// Only what the signer did is undone: its own follows, blocks, boosts and likes.
    async fn receive(self, data: &Data<FederationContext>) -> Result<(), InboxError> {
        let signer = signer()?;
        match self.object {
            None => tracing::debug!("Undo without object; ignored"),
            Some(Undone::Follow(follow)) if follow.actor.as_str() == signer.actor_id => {
                if let Some(target) = follow.object {
                    follows::unfollow_received(&data.app.db, signer.id, &target).await?;
                }
            }
            Some(Undone::Follow(_)) => tracing::debug!("undo of another's follow; ignored"),
            Some(Undone::Block(block)) => {
                if let Some(target) = block.object {
                    blocks::unblock_received(&data.app.db, signer.id, &target).await?;
                }
            }
            Some(Undone::Announce(announce)) => {
                if let Some(id) = announce.id {
                    reblogs::unannounce_received(&data.app, signer.id, id.as_str()).await?;
                }
            }
            Some(Undone::Like(Like { id: Some(id), .. })) => {
                favourites::unlike_received(&data.app.db, signer.id, id.as_str()).await?;
            }
            Some(Undone::Like(_)) => tracing::debug!("undo of a like without id; ignored"),
            Some(Undone::Id(id)) => {
                favourites::unlike_received(&data.app.db, signer.id, &id).await?;
            }
            Some(Undone::NotUndone(undone)) => {
                tracing::debug!(kind = %undone["type"], "undo of something not handled yet")
            }
        }
        Ok(())
    }
}
