//! Remote references as `activitypub_federation`'s [`ObjectId`]s, and the accounts they
//! name as its [`Object`]s (statuses are in `remote_statuses`). They are dereferenced by [`Dereference`],
//! which keeps the crate's rules (a stored copy while fresh; else the object fetched at its
//! id, verified against where it was fetched from, then stored) but fetches through this
//! server's guarded [`Fetcher`](crate::fetch::Fetcher), never the crate's own client.

use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::traits::Object;
use chrono::{DateTime, Duration, Utc};
use rookery_domain::service::{domain_blocks, remote};
use rookery_domain::types::Account;
use serde_json::Value;
use url::Url;

use crate::authority;
use crate::context::FederationContext;
use crate::documents::parse_actor;
use crate::error::ResolveError;
use crate::protocol::incoming::ACTOR_TYPES;

/// How long a stored remote account is used before it is fetched again.
pub const STALE_AFTER: Duration = Duration::hours(24);

/// An account, as the object an actor id names.
#[derive(Debug, Clone)]
pub struct AccountObject {
    pub account: Account,
    id: Url,
}

/// An object's id as a URL.
pub(crate) fn url_of(id: &str) -> Result<Url, ResolveError> {
    Url::parse(id).map_err(|_| ResolveError::BadUrl(id.into()))
}

/// A reference to the object whose id is `id`.
pub(crate) fn reference<T>(id: &str) -> Result<ObjectId<T>, ResolveError>
where
    T: Object + Send + Sync + std::fmt::Debug + 'static,
    for<'a> T::Kind: serde::Deserialize<'a>,
{
    Ok(url_of(id)?.into())
}

impl AccountObject {
    fn new(account: Account) -> Result<Self, ResolveError> {
        Ok(Self {
            id: url_of(&account.actor_id)?,
            account,
        })
    }
}

/// The id of a fetched document, which must be where it was fetched from.
pub(crate) fn fetched_at_its_id(json: &Value, fetched_from: &Url) -> Result<(), ResolveError> {
    if json["id"].as_str() != Some(fetched_from.as_str()) {
        return Err(ResolveError::Remote(format!(
            "the document at {fetched_from} names another id"
        )));
    }
    Ok(())
}

#[async_trait::async_trait]
impl Object for AccountObject {
    type DataType = FederationContext;
    type Kind = Value;
    type Error = ResolveError;

    fn id(&self) -> &Url {
        &self.id
    }

    /// A remote account is fetched again once stale; a local one never is.
    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        (!self.account.is_local()).then_some(self.account.updated_at)
    }

    async fn read_from_id(
        id: Url,
        data: &Data<FederationContext>,
    ) -> Result<Option<Self>, ResolveError> {
        remote::account_by_actor_id(&data.app.db, id.as_str())
            .await?
            .map(Self::new)
            .transpose()
    }

    /// A remote account's document is served by its own server, never from here.
    async fn into_json(self, data: &Data<FederationContext>) -> Result<Value, ResolveError> {
        if !self.account.is_local() {
            return Err(ResolveError::NotFound(self.account.actor_id));
        }
        let document =
            crate::objects::actor::document(&data.app.db, data.app.instance(), &self.account)
                .await
                .map_err(|e| ResolveError::Remote(e.to_string()))?;
        serde_json::to_value(document).map_err(|e| ResolveError::Remote(e.to_string()))
    }

    /// An actor document, at its own id. (Its key's origin is checked as it is stored.)
    async fn verify(
        json: &Value,
        fetched_from: &Url,
        _: &Data<FederationContext>,
    ) -> Result<(), ResolveError> {
        fetched_at_its_id(json, fetched_from)?;
        if !ACTOR_TYPES.contains(&json["type"].as_str().unwrap_or_default()) {
            return Err(ResolveError::NotFound(fetched_from.to_string()));
        }
        Ok(())
    }

    async fn from_json(json: Value, data: &Data<FederationContext>) -> Result<Self, ResolveError> {
        Self::new(data.store_actor(parse_actor(json)?).await?)
    }
}

/// The account an actor id names.
pub fn account(id: &str) -> Result<ObjectId<AccountObject>, ResolveError> {
    reference(id)
}

/// Dereferencing through this server's guarded fetcher.
#[async_trait::async_trait]
pub trait Dereference<T> {
    /// The object: its stored copy while fresh (always, for one of this server's), else
    /// fetched (never from a blocked server), verified and stored; the stale copy when the
    /// fetch fails.
    async fn dereference_here(&self, data: &Data<FederationContext>) -> Result<T, ResolveError>;
}

#[async_trait::async_trait]
impl<T> Dereference<T> for ObjectId<T>
where
    T: Object<DataType = FederationContext, Kind = Value, Error = ResolveError>
        + Send
        + Sync
        + std::fmt::Debug
        + 'static,
{
    async fn dereference_here(&self, data: &Data<FederationContext>) -> Result<T, ResolveError> {
        let url = self.inner();
        let host = authority(url.as_str()).unwrap_or_default();
        let local = data.app.instance().is_local_domain(&host);
        let stored = T::read_from_id(url.clone(), data).await?;
        if let Some(stored) = stored {
            let fresh = stored
                .last_refreshed_at()
                .is_none_or(|at| Utc::now() - at < STALE_AFTER);
            if fresh || local {
                return Ok(stored);
            }
            return match fetched(url, data).await {
                Ok(fetched) => Ok(fetched),
                Err(error) => {
                    tracing::debug!(%error, %url, "refetch failed; the stored copy is used");
                    Ok(stored)
                }
            };
        }
        if local {
            return Err(ResolveError::NotFound(url.to_string()));
        }
        if domain_blocks::is_blocked(&data.app.db, &host).await? {
            return Err(ResolveError::Blocked(host));
        }
        fetched(url, data).await
    }
}

/// Fetches the object whose id is `url` (a document there that names another id is
/// refused), verifies and stores it.
async fn fetched<T>(url: &Url, data: &Data<FederationContext>) -> Result<T, ResolveError>
where
    T: Object<DataType = FederationContext, Kind = Value, Error = ResolveError>,
{
    let json = data
        .fetch_at_id(url.as_str())
        .await
        .map_err(|e| ResolveError::fetching(url.as_str(), e))?;
    T::verify(&json, url, data).await?;
    T::from_json(json, data).await
}
