//! What federating needs, built once at start-up and shared by every request and task of
//! a process: the application context (database and outbox), the guarded fetcher (which
//! signs its GETs as the instance actor), and what inboxes remember between requests. It is
//! `activitypub_federation`'s application data: handlers get it as `Data<FederationContext>`
//! from a [`FederationConfig`] that is only its carrier. That crate's own fetching is never
//! used: every remote document is read through the [`Fetcher`] here, with its guards.

use std::future::Future;
use std::ops::Deref;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use activitypub_federation::config::{Data, FederationConfig};
use rookery_domain::DomainError;
use rookery_domain::db::WriteGroup;
use rookery_domain::service::custom_emojis;
use rookery_domain::service::domain_blocks::RecentBlockList;
use rookery_domain::service::tags::TagIds;
use rookery_domain::service::{App, remote};
use rookery_domain::types::{Account, RemoteEmoji};
use serde_json::Value;

use crate::documents::{remote_actor, remote_emojis};
use crate::error::{InboxError, ResolveError};
use crate::fetch::{FetchError, Fetcher};
use crate::host_budgets::{HostBudget, HostBudgets};
use crate::key_fetches::KeyFetches;
use crate::protocol::incoming::Actor;
use crate::signers::SignerCache;
use crate::{authority, same_origin};

/// What the inboxes of one process remember between requests.
#[derive(Debug, Default)]
pub struct InboxMemory {
    /// Signers whose keys verified a moment ago.
    pub signers: SignerCache,
    /// Keys fetched for requests not yet verified.
    pub key_fetches: KeyFetches,
    /// The domain block list, read a moment ago.
    pub blocks: RecentBlockList,
    /// What each server may make this one tell its people.
    pub budgets: HostBudgets,
    /// Tag ids by name.
    pub tags: TagIds,
    /// Received statuses being committed together.
    pub writes: WriteGroup,
}

/// What receiving, resolving and fetching remote objects needs (see the module); cloning
/// it is cloning an `Arc`.
#[derive(Clone)]
pub struct FederationContext(Arc<FederationParts>);

/// The parts of a [`FederationContext`].
pub struct FederationParts {
    /// The database and the outbox, shared with the web server and the workers.
    pub app: App,
    /// Fetches remote documents within the federation policy, its GETs signed.
    pub fetcher: Fetcher,
    pub memory: InboxMemory,
}

impl Deref for FederationContext {
    type Target = FederationParts;

    fn deref(&self) -> &FederationParts {
        &self.0
    }
}

/// The configuration that carries a [`FederationContext`] to handlers as
/// `Data<FederationContext>` (see [`FederationContext::config`]).
#[derive(Clone)]
pub struct Federation(FederationConfig<FederationContext>);

impl std::fmt::Debug for Federation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Federation")
            .field("domain", &self.0.domain())
            .finish_non_exhaustive()
    }
}

impl Federation {
    /// The context as one request's (or task's) data, its count of fetches at zero.
    pub fn data(&self) -> FederationData {
        self.0.to_request_data()
    }
}

/// A [`FederationContext`] as one request's (or task's) data.
pub type FederationData = Data<FederationContext>;

impl FederationContext {
    pub fn new(app: App, fetcher: Fetcher) -> Self {
        Self(Arc::new(FederationParts {
            app,
            fetcher,
            memory: InboxMemory::default(),
        }))
    }

    /// The configuration carrying this context, for this instance's domain. Built at once:
    /// building has no await point (it starts the crate's own send queue, which stays
    /// idle, on the current Tokio runtime), so it must run inside one.
    #[expect(
        clippy::expect_used,
        reason = "the builder fails only for an unset required field, and both are set"
    )]
    pub fn config(self) -> Federation {
        let mut builder = FederationConfig::builder();
        builder
            .domain(self.app.instance().domain.clone())
            .app_data(self);
        let mut building = std::pin::pin!(builder.build());
        match building
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(built) => Federation(built.expect("a federation configuration")),
            Poll::Pending => unreachable!("building a federation configuration never waits"),
        }
    }

    /// Spends one of the budget of `signer`'s server, or asks it to come back later.
    pub(crate) fn spend(
        &self,
        budget: &HostBudget,
        signer: &Account,
        what: &str,
    ) -> Result<(), InboxError> {
        let host = signer.domain.as_deref().unwrap_or_default();
        if budget.spend(host) {
            Ok(())
        } else {
            Err(InboxError::Throttled(format!(
                "{host} sent more {what} than this server takes for now"
            )))
        }
    }

    /// Forgets the remembered signer of an actor that changed or is gone.
    pub(crate) fn forget_signer(&self, signer: &Account) {
        if let Some(key_id) = &signer.key_id {
            self.memory.signers.forget(key_id);
        }
    }

    /// Keeps the custom emoji an object of `author`'s carries. Never an error of the
    /// sender's: emoji that are not believed are left out, and a failure here is logged.
    pub(crate) async fn record_emojis(&self, author: &Account, emojis: Vec<RemoteEmoji>) {
        let Some(domain) = author.domain.as_deref().filter(|_| !emojis.is_empty()) else {
            return;
        };
        let queue = self.app.outbox.queue();
        // Boxed: the callers' futures (fetches that store what they fetch, in turn) stay
        // small.
        let recorded = Box::pin(custom_emojis::record_remote(
            &self.app.db,
            queue.as_ref(),
            domain,
            emojis,
        ));
        match recorded.await {
            Ok(0) => {}
            Ok(changed) => tracing::debug!(changed, "custom emoji received"),
            Err(error) => tracing::warn!(%error, "custom emoji not kept"),
        }
    }

    /// Stores (or refreshes) the actor a document describes, with the custom emoji of its
    /// name and bio (a delivery's or an update's: one that describes no actor is malformed).
    pub(crate) async fn keep_actor(&self, actor: Actor) -> Result<Account, InboxError> {
        self.upsert_actor(actor, |unreadable| unreadable).await
    }

    /// Fetches the object at `url` (see [`Self::fetch_object`]).
    pub(crate) async fn fetch(&self, url: &str) -> Result<Value, InboxError> {
        self.fetch_object(url).await.map_err(|e| match e {
            FetchError::Refused(..) => InboxError::Forbidden(e.to_string()),
            other => InboxError::Unauthorized(other.to_string()),
        })
    }

    /// Fetches the ActivityPub object at `url`, as its own server serves it at its id: a
    /// document that names another id (a profile page's URL answering with the actor) is
    /// fetched again from that id, and so is the ActivityPub form an HTML page links to;
    /// that copy is used. Nothing is fetched from this server or from a blocked one. Every
    /// fetch of an object to be stored goes through here.
    pub(crate) async fn fetch_object(&self, url: &str) -> Result<Value, FetchError> {
        match self.fetch_at_id(url).await {
            Err(FetchError::NamesAnother(_, id) | FetchError::Alternate(_, id)) => {
                self.fetch_at_id(&id).await
            }
            fetched => fetched,
        }
    }

    /// Fetches the object whose id is `url`: a document that names another id is refused.
    /// Nothing is fetched from this server or from a blocked one.
    pub(crate) async fn fetch_at_id(&self, url: &str) -> Result<Value, FetchError> {
        self.may_fetch(url).await?;
        self.fetcher.get_object(url).await
    }

    /// Refuses URLs of this server (whose objects are never fetched) and of blocked ones.
    async fn may_fetch(&self, url: &str) -> Result<(), FetchError> {
        let refused = |reason| Err(FetchError::Refused(url.into(), reason));
        let Some(host) = authority(url) else {
            return refused("not a URL");
        };
        if self.app.instance().is_local_domain(&host) {
            return refused("it is on this server");
        }
        match self
            .memory
            .blocks
            .first_blocked(&self.app.db, &[host])
            .await
        {
            Ok(None) => Ok(()),
            Ok(Some(_)) => refused("its server is blocked"),
            Err(error) => Err(FetchError::Failed(url.into(), error.to_string())),
        }
    }

    /// Stores the actor a fetched document describes, with the custom emoji of its name
    /// and bio.
    pub(crate) async fn store_actor(&self, actor: Actor) -> Result<Account, ResolveError> {
        self.upsert_actor(actor, |unreadable| {
            ResolveError::Remote(unreadable.to_string())
        })
        .await
    }

    /// Stores `actor`, with its emoji; `unreadable` is what a document that describes no
    /// actor means to the caller.
    async fn upsert_actor<E: From<DomainError>>(
        &self,
        actor: Actor,
        unreadable: impl FnOnce(InboxError) -> E,
    ) -> Result<Account, E> {
        let emojis = remote_emojis(&actor.tag);
        let described = remote_actor(actor).map_err(unreadable)?;
        let account = remote::upsert_account(&self.app.db, described).await?;
        self.record_emojis(&account, emojis).await;
        Ok(account)
    }

    /// Fetches a document the account's own server serves.
    pub(crate) async fn fetch_own(
        &self,
        account: &Account,
        url: &str,
    ) -> Result<Value, ResolveError> {
        if !same_origin(url, &account.actor_id) {
            return Err(ResolveError::Remote(format!(
                "{url} is not on the server of {}",
                account.actor_id
            )));
        }
        let document = self
            .fetch_object(url)
            .await
            .map_err(|e| ResolveError::Remote(e.to_string()))?;
        // Fetched again from its id, it could come from elsewhere.
        if !same_origin(
            document["id"].as_str().unwrap_or_default(),
            &account.actor_id,
        ) {
            return Err(ResolveError::Remote(format!(
                "{url} names a collection of another server"
            )));
        }
        Ok(document)
    }
}
