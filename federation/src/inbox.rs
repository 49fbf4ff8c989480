//! Receiving activities: signature, signer, idempotency, then the domain's use cases.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rookery_domain::DomainError;
use rookery_domain::db::{DatabaseConnection, WriteGroup};
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::polls::{self, RemotePoll};
use rookery_domain::service::remote::{self, RemoteActor};
use rookery_domain::service::statuses::received::{self, RemoteStatus};
use rookery_domain::service::{
    blocks, custom_emojis, delivery_hosts, favourites, follows, media, moves, reblogs, reports,
};
use rookery_domain::types::{
    Account, Focus, Instance, PollOption, ProfileField, RemoteEmoji, RemoteMedia, Status,
    Visibility,
};
use serde_json::Value;

use crate::authority;
use crate::fetch::{FetchError, Fetcher};
use crate::host_budgets::{HostBudget, HostBudgets};
use crate::key_fetches::{KeyFetches, Refusal};
use crate::protocol::PUBLIC;
use crate::protocol::incoming::{ACTOR_TYPES, Activity, Actor, OBJECT_TYPES, Object, OneOrMany};
use crate::signatures::{self, PendingSignature, PublicKey};
use crate::signers::SignerCache;
use rookery_domain::service::domain_blocks::RecentBlockList;
use rookery_domain::service::tags::TagIds;

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error("malformed activity: {0}")]
    Malformed(String),
    #[error("not accepted: {0}")]
    Unauthorized(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("too many requests: {0}")]
    Throttled(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl InboxError {
    /// What the sender is told: a short reason that repeats nothing it sent (a key id can be
    /// 100 KB) or that happened here (what fetching its key met). The whole error is for
    /// the logs.
    pub fn public_reason(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed activity",
            Self::Unauthorized(_) => "the signature or its signer could not be verified",
            Self::Forbidden(_) => "not accepted from this signer",
            Self::Throttled(_) => "too many requests; try again later",
            Self::Internal(_) => "internal error",
        }
    }
}

impl From<DomainError> for InboxError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Forbidden => {
                Self::Forbidden("not the author, or against the interaction policy".into())
            }
            DomainError::ForeignOrigin(reason) => Self::Forbidden(reason.into()),
            DomainError::Validation { field, message } => {
                Self::Malformed(format!("{field}: {message}"))
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

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

/// What an inbox needs.
pub struct Inbox<'a> {
    pub db: &'a DatabaseConnection,
    pub instance: &'a Instance,
    pub fetcher: &'a Fetcher,
    pub outbox: &'a Outbox,
    pub memory: &'a InboxMemory,
}

pub(crate) fn is_public(address: &str) -> bool {
    address == PUBLIC || address == "as:Public" || address == "Public"
}

/// The visibility a note's addressing means, as Mastodon reads it.
pub fn visibility_of(to: &[String], cc: &[String], followers: Option<&str>) -> Visibility {
    if to.iter().any(|a| is_public(a)) {
        return Visibility::Public;
    }
    if cc.iter().any(|a| is_public(a)) {
        return Visibility::Unlisted;
    }
    let is_followers = |a: &String| followers.is_some_and(|f| f == a) || a.ends_with("/followers");
    if to.iter().chain(cc).any(is_followers) {
        Visibility::Followers
    } else {
        Visibility::Direct
    }
}

fn text_of(value: &Option<Value>) -> Option<String> {
    match value.as_ref()? {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.get("href").and_then(Value::as_str).map(str::to_owned),
        Value::Array(items) => items.iter().find_map(|item| text_of(&Some(item.clone()))),
        _ => None,
    }
}

/// How long a request whose key another request is fetching waits for that fetch.
const KEY_FETCH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The most attachments of a remote status kept.
const MAX_REMOTE_ATTACHMENTS: usize = 8;

/// The pictures among a remote object's attachments (`Document` or `Image` with an
/// `image/*` type, or none given); other kinds are not kept.
fn remote_media(attachments: &OneOrMany<Value>) -> Vec<RemoteMedia> {
    attachments
        .iter()
        .filter(|a| matches!(a["type"].as_str(), Some("Document" | "Image")))
        .filter_map(|a| {
            let url = text_of(&Some(a["url"].clone()))
                .filter(|url| url.starts_with("https://") || url.starts_with("http://"))?;
            let media_type = a["mediaType"].as_str().map(str::to_owned);
            if media_type
                .as_ref()
                .is_some_and(|t| !t.starts_with("image/"))
            {
                return None;
            }
            let dimension = |key: &str| a[key].as_u64().and_then(|n| u32::try_from(n).ok());
            let focus = a["focalPoint"].as_array().and_then(|point| {
                let x = point.first()?.as_f64()?;
                let y = point.get(1)?.as_f64()?;
                Some(Focus {
                    x: x.clamp(-1.0, 1.0),
                    y: y.clamp(-1.0, 1.0),
                })
            });
            Some(RemoteMedia {
                url,
                media_type,
                description: a["name"]
                    .as_str()
                    .unwrap_or_default()
                    .chars()
                    .take(media::MAX_DESCRIPTION_CHARS)
                    .collect(),
                blurhash: a["blurhash"]
                    .as_str()
                    .filter(|hash| hash.len() <= 100 && hash.is_ascii())
                    .map(str::to_owned),
                width: dimension("width"),
                height: dimension("height"),
                focus,
            })
        })
        .take(MAX_REMOTE_ATTACHMENTS)
        .collect()
}

/// The most `Emoji` tags of one object read: the domain keeps at most
/// [`custom_emojis::MAX_EMOJIS_PER_OBJECT`] of those it believes.
const MAX_EMOJI_TAGS_READ: usize = 4 * custom_emojis::MAX_EMOJIS_PER_OBJECT;

/// The `Emoji` tags of an object (a note or an actor), read leniently: `icon` may be an
/// object (`url` and `mediaType`), a list of them, or the URL alone. Whether each is
/// believed is the domain's to say.
pub fn remote_emojis(tags: &OneOrMany<Value>) -> Vec<RemoteEmoji> {
    tags.iter()
        .filter(|tag| tag["type"] == "Emoji")
        .take(MAX_EMOJI_TAGS_READ)
        .filter_map(|tag| {
            let name = tag["name"].as_str()?.to_owned();
            let icon = match &tag["icon"] {
                Value::Array(icons) => icons.iter().find(|icon| {
                    icon["mediaType"]
                        .as_str()
                        .is_none_or(|t| t.starts_with("image/"))
                })?,
                icon => icon,
            };
            let image_url = match icon {
                Value::String(url) => Some(url.clone()),
                icon => text_of(&Some(icon["url"].clone())),
            }?;
            Some(RemoteEmoji {
                name,
                id: tag["id"].as_str().map(str::to_owned),
                image_url,
                updated: tag["updated"]
                    .as_str()
                    .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                    .map(|t| t.with_timezone(&Utc)),
            })
        })
        .collect()
}

/// The username an actor goes by: its `preferredUsername`, or the last part of its id.
pub(crate) fn username_of(actor: &Actor) -> String {
    actor
        .preferred_username
        .clone()
        .or_else(|| actor.id.rsplit('/').next().map(str::to_owned))
        .unwrap_or_default()
}

/// A remote actor document as the domain's description of it.
pub fn remote_actor(actor: Actor) -> Result<RemoteActor, InboxError> {
    let username = username_of(&actor);
    let key = actor
        .public_key
        .ok_or_else(|| InboxError::Unauthorized(format!("{} has no public key", actor.id)))?;
    if key.owner != actor.id {
        return Err(InboxError::Unauthorized(
            "the key belongs to another actor".into(),
        ));
    }
    let domain = authority(&actor.id).ok_or_else(|| InboxError::Malformed("actor id".into()))?;
    let fields = actor
        .attachment
        .iter()
        .filter(|a| a["type"] == "PropertyValue")
        .filter_map(|a| {
            Some(ProfileField::typed(
                a["name"].as_str()?,
                a["value"].as_str()?,
            ))
        })
        .collect();
    Ok(RemoteActor {
        url: text_of(&actor.url).unwrap_or_else(|| actor.id.clone()),
        key_id: key.id,
        public_key_pem: key.public_key_pem,
        username,
        domain,
        display_name: actor.name.unwrap_or_default(),
        note_html: actor.summary.unwrap_or_default(),
        fields,
        inbox_url: actor.inbox,
        shared_inbox_url: actor.endpoints.and_then(|e| e.shared_inbox),
        outbox_url: actor.outbox,
        followers_url: actor.followers,
        following_url: actor.following,
        featured_url: actor.featured,
        locked: actor.manually_approves_followers.unwrap_or(false),
        bot: matches!(actor.kind.as_str(), "Service" | "Application"),
        discoverable: actor.discoverable.unwrap_or(false),
        indexable: actor.indexable.unwrap_or(false),
        published: actor.published,
        avatar_url: actor
            .icon
            .as_ref()
            .and_then(|icon| text_of(&Some(icon["url"].clone()))),
        header_url: actor
            .image
            .as_ref()
            .and_then(|image| text_of(&Some(image["url"].clone()))),
        actor_id: actor.id,
    })
}

impl Inbox<'_> {
    /// Verifies and applies one delivery. Ok also for activities that are understood but
    /// change nothing (duplicates, unknown types).
    #[tracing::instrument(skip_all, fields(activity_id, actor_domain))]
    pub async fn receive(
        &self,
        path_and_query: &str,
        headers: &BTreeMap<String, String>,
        body: &[u8],
    ) -> Result<(), InboxError> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| InboxError::Malformed(e.to_string()))?;
        let activity: Activity =
            serde_json::from_value(value).map_err(|e| InboxError::Malformed(e.to_string()))?;
        let pending = self.prepare("POST", path_and_query, headers, Some(body))?;
        let mut hosts = vec![pending.key_id.as_str()];
        hosts.extend(activity.actor_id());
        self.refuse_blocked(&hosts).await?;
        let signer = self.signer(&pending).await?;
        let span = tracing::Span::current();
        span.record("activity_id", activity.id.as_deref().unwrap_or("-"));
        span.record("actor_domain", signer.domain.as_deref().unwrap_or("-"));
        if activity.actor_id() != Some(signer.actor_id.as_str()) {
            return Err(InboxError::Unauthorized(
                "the signer is not the activity's actor".into(),
            ));
        }
        if let Some(id) = &activity.id {
            if authority(id) != authority(&signer.actor_id) {
                return Err(InboxError::Unauthorized(
                    "the activity id is not on the actor's server".into(),
                ));
            }
            // A Create is applied once by its object's id, which statuses keep unique (and
            // a deleted status keeps as a tombstone); other activities by their own id.
            if activity.kind != "Create" && !remote::first_sight(self.db, id).await? {
                tracing::debug!("activity seen before");
                return Ok(());
            }
        }
        let applied = self.apply(&activity, &signer).await;
        // Applied again when sent again: what failed on our side, or waits for its budget.
        if let (Err(InboxError::Internal(_) | InboxError::Throttled(_)), Some(id)) =
            (&applied, &activity.id)
        {
            remote::forget_sight(self.db, id).await?;
        }
        applied
    }

    /// The account that signed a GET (authorized fetch), its signature verified.
    pub async fn verify_get(
        &self,
        path_and_query: &str,
        headers: &BTreeMap<String, String>,
    ) -> Result<Account, InboxError> {
        let pending = self.prepare("GET", path_and_query, headers, None)?;
        self.refuse_blocked(&[&pending.key_id]).await?;
        self.signer(&pending).await
    }

    /// A request's signature, checked as far as it can be without the key, against the URL
    /// as this instance names it.
    fn prepare(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &BTreeMap<String, String>,
        body: Option<&[u8]>,
    ) -> Result<PendingSignature, InboxError> {
        let arrival = signatures::Arrival {
            method,
            scheme: self.instance.base_url.scheme(),
            authority: &self.instance.domain,
            path_and_query,
        };
        signatures::prepare(&arrival, headers, body, Utc::now())
            .map_err(|e| InboxError::Unauthorized(e.to_string()))
    }

    /// Refuses anything from (or to be fetched from) a blocked domain.
    async fn refuse_blocked(&self, urls: &[&str]) -> Result<(), InboxError> {
        let hosts = urls
            .iter()
            .map(|url| {
                authority(url).ok_or_else(|| InboxError::Malformed(format!("not a URL: {url}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(host) = self.memory.blocks.first_blocked(self.db, &hosts).await? {
            return Err(InboxError::Forbidden(format!("{host} is blocked")));
        }
        Ok(())
    }

    /// The account that signed, its signature verified; its key is fetched (again) when
    /// unknown or when it no longer verifies (key rotation).
    async fn signer(&self, pending: &PendingSignature) -> Result<Account, InboxError> {
        if let Some(known) = self.memory.signers.get(&pending.key_id) {
            if pending.verify_with(&known.key).is_ok() {
                return Ok(known.account.clone());
            }
            self.memory.signers.forget(&pending.key_id);
        }
        if let Some(known) = remote::account_by_key_id(self.db, &pending.key_id).await? {
            if let Ok(key) = PublicKey::from_pem(&known.public_key_pem)
                && pending.verify_with(&key).is_ok()
            {
                return self.remember(pending, known, key).await;
            }
            // Refetch (the key may have rotated), but not for an actor refreshed a moment
            // ago: a stream of bad signatures must not become a stream of fetches.
            let fresh = Utc::now() - known.updated_at < chrono::Duration::minutes(1);
            if known.is_local() || fresh {
                return Err(InboxError::Unauthorized(
                    "the signature does not verify".into(),
                ));
            }
        }
        // Nothing is verified yet: whoever sent this may not make us fetch without limit.
        let host = authority(&pending.key_id).unwrap_or_default();
        match self.memory.key_fetches.begin(&pending.key_id, &host) {
            Ok(()) => {}
            Err(Refusal::KeyRecent) => {
                // Another request may be fetching this key now (a Follow and a Create sent
                // together by a server new here): its answer serves this one too.
                if let Some(account) = self.verified_meanwhile(pending).await {
                    return Ok(account);
                }
                return Err(InboxError::Throttled(
                    "the key was fetched a moment ago".into(),
                ));
            }
            Err(Refusal::HostOverBudget) => {
                return Err(InboxError::Throttled(format!(
                    "{host} sent too many signatures that did not verify"
                )));
            }
        }
        let account = self.fetch_actor_by_key(&pending.key_id).await?;
        let unauthorized = |e: signatures::SignatureError| InboxError::Unauthorized(e.to_string());
        let key = PublicKey::from_pem(&account.public_key_pem).map_err(unauthorized)?;
        pending.verify_with(&key).map_err(unauthorized)?;
        self.memory.key_fetches.verified(&pending.key_id, &host);
        self.remember(pending, account, key).await
    }

    /// The signer of `pending` once a fetch of its key by another request of this process
    /// verified it, waiting at most [`KEY_FETCH_WAIT`]; None when none did meanwhile.
    async fn verified_meanwhile(&self, pending: &PendingSignature) -> Option<Account> {
        let started = std::time::Instant::now();
        while started.elapsed() < KEY_FETCH_WAIT {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            if let Some(known) = self.memory.signers.get(&pending.key_id)
                && pending.verify_with(&known.key).is_ok()
            {
                return Some(known.account.clone());
            }
        }
        None
    }

    /// Spends one of the budget of `signer`'s server, or asks it to come back later.
    fn spend(&self, budget: &HostBudget, signer: &Account, what: &str) -> Result<(), InboxError> {
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
    fn forget_signer(&self, signer: &Account) {
        if let Some(key_id) = &signer.key_id {
            self.memory.signers.forget(key_id);
        }
    }

    /// Keeps a signer whose key just verified, and notes that its server answers.
    async fn remember(
        &self,
        pending: &PendingSignature,
        account: Account,
        key: PublicKey,
    ) -> Result<Account, InboxError> {
        if let Some(domain) = &account.domain {
            // The server answers: deliveries to it resume.
            delivery_hosts::answered(self.db, domain).await?;
        }
        self.memory
            .signers
            .put(&pending.key_id, account.clone(), key);
        Ok(account)
    }

    /// Keeps the custom emoji an object of `author`'s carries. Never an error of the
    /// sender's: emoji that are not believed are left out, and a failure here is logged.
    pub(crate) async fn record_emojis(&self, author: &Account, emojis: Vec<RemoteEmoji>) {
        let Some(domain) = author.domain.as_deref().filter(|_| !emojis.is_empty()) else {
            return;
        };
        let queue = self.outbox.queue();
        // Boxed: the callers' futures (fetches that store what they fetch, in turn) stay
        // small.
        let recorded = Box::pin(custom_emojis::record_remote(
            self.db,
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
    /// name and bio.
    pub(crate) async fn keep_actor(&self, actor: Actor) -> Result<Account, InboxError> {
        let emojis = remote_emojis(&actor.tag);
        let account = remote::upsert_account(self.db, remote_actor(actor)?).await?;
        self.record_emojis(&account, emojis).await;
        Ok(account)
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
        if self.instance.is_local_domain(&host) {
            return refused("it is on this server");
        }
        match self.memory.blocks.first_blocked(self.db, &[host]).await {
            Ok(None) => Ok(()),
            Ok(Some(_)) => refused("its server is blocked"),
            Err(error) => Err(FetchError::Failed(url.into(), error.to_string())),
        }
    }

    async fn fetch_actor_by_key(&self, key_id: &str) -> Result<Account, InboxError> {
        let url = key_id.split('#').next().unwrap_or(key_id);
        let mut document = self.fetch(url).await?;
        if document.get("inbox").is_none()
            && let Some(owner) = document
                .get("owner")
                .and_then(Value::as_str)
                .map(str::to_owned)
        {
            document = self.fetch(&owner).await?;
        }
        let actor: Actor = serde_json::from_value(document)
            .map_err(|e| InboxError::Unauthorized(format!("actor document: {e}")))?;
        if authority(&actor.id) != authority(url) {
            return Err(InboxError::Unauthorized(
                "the key is served by another server".into(),
            ));
        }
        let emojis = remote_emojis(&actor.tag);
        let remote = remote_actor(actor)?;
        if remote.key_id != key_id {
            return Err(InboxError::Unauthorized("the actor has another key".into()));
        }
        let account = remote::upsert_account(self.db, remote).await?;
        self.record_emojis(&account, emojis).await;
        Ok(account)
    }

    async fn apply(&self, activity: &Activity, signer: &Account) -> Result<(), InboxError> {
        let object_id = activity.object_id().map(str::to_owned);
        match activity.kind.as_str() {
            "Follow" => {
                let target = object_id
                    .ok_or_else(|| InboxError::Malformed("Follow without object".into()))?;
                match follows::follow_received(
                    self.db,
                    self.outbox,
                    signer.id,
                    &target,
                    activity.id.clone(),
                )
                .await
                {
                    Ok((_, outcome)) => tracing::info!(?outcome, "follow received"),
                    Err(DomainError::NotFound(_)) => {
                        tracing::debug!("follow of an unknown account")
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            "Accept" | "Reject" if self.quote_answer(activity, signer).await? => {}
            "Accept" | "Reject" => {
                let inner = activity.object.clone();
                let follower = inner
                    .as_ref()
                    .filter(|o| o["type"] == "Follow")
                    .and_then(|o| o["actor"].as_str().map(str::to_owned));
                let follow_id = inner.as_ref().and_then(|o| match o {
                    Value::String(id) => Some(id.clone()),
                    other => other["id"].as_str().map(str::to_owned),
                });
                follows::follow_answered(
                    self.db,
                    signer.id,
                    follower.as_deref(),
                    follow_id.as_deref(),
                    activity.kind == "Accept",
                )
                .await?;
            }
            "Undo" => {
                let inner = activity
                    .object
                    .clone()
                    .and_then(|o| serde_json::from_value::<Activity>(o).ok());
                // Some servers undo by the id alone.
                let undone_id = inner
                    .as_ref()
                    .and_then(|i| i.id.clone())
                    .or_else(|| object_id.clone());
                match inner {
                    Some(inner)
                        if inner.kind == "Follow"
                            && inner.actor_id() == Some(signer.actor_id.as_str()) =>
                    {
                        if let Some(target) = inner.object_id() {
                            follows::unfollow_received(self.db, signer.id, target).await?;
                        }
                    }
                    Some(inner) if inner.kind == "Block" => {
                        if let Some(target) = inner.object_id() {
                            blocks::unblock_received(self.db, signer.id, target).await?;
                        }
                    }
                    Some(inner) if inner.kind == "Announce" => {
                        if let Some(announce_id) = undone_id {
                            reblogs::unannounce_received(
                                self.db,
                                self.outbox,
                                signer.id,
                                &announce_id,
                            )
                            .await?;
                        }
                    }
                    Some(inner) if inner.kind != "Like" => {
                        tracing::debug!(kind = inner.kind, "undo of something not handled yet")
                    }
                    _ => {
                        if let Some(like_id) = undone_id {
                            favourites::unlike_received(self.db, signer.id, &like_id).await?;
                        }
                    }
                }
            }
            "Create" => {
                let object = match activity.object.clone() {
                    Some(Value::String(id)) => self.fetch(&id).await?,
                    Some(object) => object,
                    None => return Err(InboxError::Malformed("Create without object".into())),
                };
                let stored = self.create(object, signer).await?;
                if let Some(reply) = stored.filter(|s| s.in_reply_to_id.is_none())
                    && reply.in_reply_to_ap_id.is_some()
                    && let Err(error) = self.outbox.queue().fetch_parents(vec![reply.id]).await
                {
                    // The reply is stored; it stays apart from its thread.
                    tracing::warn!(%error, "queuing the fetch of a reply's parent");
                }
            }
            "Delete" => {
                let target = object_id
                    .ok_or_else(|| InboxError::Malformed("Delete without object".into()))?;
                if target == signer.actor_id {
                    self.forget_signer(signer);
                    let removed = remote::delete_actor(self.db, signer.id).await?;
                    tracing::info!(removed, "actor deleted by its server");
                } else if !self.stamp_deleted(&target, signer).await? {
                    received::delete_status(self.db, self.outbox, signer.id, &target).await?;
                }
            }
            "Update" => match activity.object.clone() {
                Some(object)
                    if ACTOR_TYPES.contains(&object["type"].as_str().unwrap_or_default()) =>
                {
                    let actor: Actor = serde_json::from_value(object)
                        .map_err(|e| InboxError::Malformed(e.to_string()))?;
                    if actor.id != signer.actor_id {
                        return Err(InboxError::Forbidden(
                            "an actor may only update itself".into(),
                        ));
                    }
                    self.keep_actor(actor).await?;
                    self.forget_signer(signer);
                }
                Some(object) => self.update(object, signer).await?,
                None => return Err(InboxError::Malformed("Update without object".into())),
            },
            "Move" => {
                let target = activity
                    .target
                    .as_ref()
                    .and_then(|t| match t {
                        Value::String(id) => Some(id.clone()),
                        other => other["id"].as_str().map(str::to_owned),
                    })
                    .ok_or_else(|| InboxError::Malformed("Move without target".into()))?;
                if object_id.as_deref() != Some(signer.actor_id.as_str()) {
                    return Err(InboxError::Forbidden(
                        "an actor may only move itself".into(),
                    ));
                }
                let moved_to = self.moved_to(&target, signer).await?;
                let followers = moves::moved(self.db, self.outbox, signer.id, moved_to.id).await?;
                self.forget_signer(signer);
                tracing::info!(to = %moved_to.actor_id, followers, "account moved");
            }
            "QuoteRequest" => self.quote_request(activity, signer).await?,
            "Block" => {
                let target = object_id
                    .ok_or_else(|| InboxError::Malformed("Block without object".into()))?;
                let new = blocks::block_received(self.db, signer.id, &target, activity.id.clone())
                    .await?;
                tracing::info!(new, "block received");
            }
            "Announce" => {
                let (Some(announce_id), Some(url)) = (activity.id.as_deref(), object_id) else {
                    return Err(InboxError::Malformed(
                        "Announce without id or object".into(),
                    ));
                };
                match crate::resolve::status(self, &url).await {
                    Ok(original) => {
                        let new = reblogs::announce_received(
                            self.db,
                            self.outbox,
                            signer,
                            announce_id,
                            &original,
                        )
                        .await?;
                        tracing::info!(new, "boost received");
                    }
                    // A boost of something gone or unreachable is no error of the sender's.
                    Err(error) => tracing::debug!(%error, "boost of a status not found"),
                }
            }
            "Like" => {
                let (Some(like_id), Some(status)) = (activity.id.as_deref(), object_id) else {
                    return Err(InboxError::Malformed("Like without id or object".into()));
                };
                let new = favourites::like_received(self.db, self.outbox, signer, like_id, &status)
                    .await?;
                tracing::info!(new, "like received");
            }
            "Flag" => {
                self.spend(&self.memory.budgets.flags, signer, "reports")?;
                // Plain text, kept as text: moderators' clients show it escaped.
                let comment = activity
                    .content
                    .as_deref()
                    .or(activity.summary.as_deref())
                    .unwrap_or_default();
                let flag_id = activity.id.clone().unwrap_or_default();
                let reports = reports::flag_received(
                    self.db,
                    self.outbox,
                    signer.id,
                    &flag_id,
                    &activity.object_ids(),
                    comment,
                )
                .await?;
                tracing::info!(reports = reports.len(), "report received");
            }
            "Add" | "Remove" => {
                crate::featured::received(self, activity, signer, activity.kind == "Add").await?
            }
            other => tracing::debug!(kind = other, "activity type not handled; ignored"),
        }
        Ok(())
    }

    /// The account `signer` moves to, fetched afresh: it must name `signer` among its
    /// earlier selves (`alsoKnownAs`), or anyone could claim anyone's followers.
    async fn moved_to(&self, target: &str, signer: &Account) -> Result<Account, InboxError> {
        // An account of this server names its earlier selves here, as it stores them.
        if authority(target).is_some_and(|host| self.instance.is_local_domain(&host)) {
            let local = remote::account_by_actor_id(self.db, target)
                .await?
                .filter(Account::is_local)
                .ok_or_else(|| {
                    InboxError::Forbidden("the Move's target is no account here".into())
                })?;
            if !local.also_known_as.contains(&signer.actor_id) {
                return Err(InboxError::Forbidden(
                    "the Move's target does not name the mover as an earlier self".into(),
                ));
            }
            return Ok(local);
        }
        let document = self.fetch(target).await?;
        let actor: Actor = serde_json::from_value(document)
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
        self.keep_actor(actor).await
    }

    /// Stores a note-like object `signer` authored (received, or fetched by URL); `None`
    /// for object types not handled.
    pub(crate) async fn create(
        &self,
        object: Value,
        signer: &Account,
    ) -> Result<Option<Status>, InboxError> {
        if object["type"] == "Note" {
            let parsed: Object = serde_json::from_value(object.clone())
                .map_err(|e| InboxError::Malformed(e.to_string()))?;
            if parsed.is_poll_vote() {
                self.vote(parsed, signer).await?;
                return Ok(None);
            }
        }
        match self.remote_status(object, signer).await? {
            Some((remote, emojis)) => {
                let stored = received::store_status(
                    self.db,
                    self.outbox,
                    &self.memory.tags,
                    &self.memory.writes,
                    remote,
                )
                .await?;
                self.record_emojis(signer, emojis).await;
                Ok(Some(stored))
            }
            None => Ok(None),
        }
    }

    /// Counts a vote `signer` cast in a local poll (a `Note` named for the option).
    async fn vote(&self, vote: Object, signer: &Account) -> Result<(), InboxError> {
        if vote.author_id().unwrap_or(&signer.actor_id) != signer.actor_id {
            return Err(InboxError::Forbidden(
                "votes are cast by their voters only".into(),
            ));
        }
        let (Some(question), Some(choice)) = (&vote.in_reply_to, &vote.name) else {
            return Ok(());
        };
        let counted =
            polls::vote_received(self.db, self.outbox, signer.id, question.id(), choice).await?;
        tracing::info!(counted, "vote received");
        Ok(())
    }

    /// Applies an edit `signer` made to a note-like object of theirs.
    async fn update(&self, object: Value, signer: &Account) -> Result<(), InboxError> {
        if let Some((remote, emojis)) = self.remote_status(object, signer).await? {
            if received::update_status(self.db, self.outbox, remote).await? {
                self.record_emojis(signer, emojis).await;
            } else {
                tracing::debug!("update of a status not known here; ignored");
            }
        }
        Ok(())
    }

    /// What a note-like object says, checked to be `signer`'s own, and the custom emoji it
    /// carries; `None` for object types not handled.
    async fn remote_status(
        &self,
        object: Value,
        signer: &Account,
    ) -> Result<Option<(RemoteStatus, Vec<RemoteEmoji>)>, InboxError> {
        let kind = object["type"].as_str().unwrap_or_default().to_owned();
        if !OBJECT_TYPES.contains(&kind.as_str()) {
            tracing::debug!(kind, "object type not handled; ignored");
            return Ok(None);
        }
        let object: Object =
            serde_json::from_value(object).map_err(|e| InboxError::Malformed(e.to_string()))?;
        if object.is_poll_vote() {
            // Polls are not kept yet; a vote must not become an empty reply.
            tracing::debug!("vote on a poll; ignored");
            return Ok(None);
        }
        let author = object.author_id().unwrap_or(&signer.actor_id);
        if author != signer.actor_id || authority(&object.id) != authority(&signer.actor_id) {
            return Err(InboxError::Forbidden(
                "objects are created by their authors only".into(),
            ));
        }
        let to: Vec<String> = object.to.iter().cloned().collect();
        let cc: Vec<String> = object.cc.iter().cloned().collect();
        let mention_ids = received::mention_ids(
            object
                .tag
                .iter()
                .filter(|t| t["type"] == "Mention")
                .filter_map(|t| t["href"].as_str().map(str::to_owned)),
        );
        let mentioned = remote::accounts_by_actor_ids(self.db, &mention_ids).await?;
        if mentioned.iter().any(Account::is_local) {
            self.spend(
                &self.memory.budgets.mentioning_posts,
                signer,
                "posts mentioning people here",
            )?;
        }
        let hashtags = object
            .tag
            .iter()
            .filter(|t| t["type"] == "Hashtag")
            .filter_map(|t| t["name"].as_str().map(str::to_owned))
            .collect();
        let (language, mapped) = object
            .content_map
            .as_ref()
            .and_then(|map| map.iter().next())
            .map(|(l, c)| (Some(l.clone()), Some(c.clone())))
            .unwrap_or((None, None));
        let mut content = object.content.clone().or(mapped).unwrap_or_default();
        if object.kind != "Note"
            && let Some(title) = &object.name
        {
            content = format!(
                "<p><strong>{}</strong></p>{content}",
                rookery_domain::content::escape(title)
            );
        }
        let poll = remote_poll(&object);
        let quote = self.remote_quote(&object).await?;
        if quote.is_some() {
            // The quote is shown: its "RE: link" line for other servers is not.
            content = rookery_domain::content::without_quote_fallback(&content);
        }
        let policy = crate::quotes::remote_policy(&object, signer);
        let emojis = remote_emojis(&object.tag);
        let remote = RemoteStatus {
            url: text_of(&object.url).unwrap_or_else(|| object.id.clone()),
            ap_id: object.id,
            author: signer.id,
            content_html: content,
            content_warning: if object.kind == "Note" {
                object.summary.unwrap_or_default()
            } else {
                String::new()
            },
            sensitive: object.sensitive.unwrap_or(false),
            visibility: visibility_of(&to, &cc, signer.followers_url.as_deref()),
            language,
            in_reply_to: object.in_reply_to.as_ref().map(|r| r.id().to_owned()),
            published: object.published.unwrap_or_else(Utc::now),
            mentioned: mentioned.iter().map(|a| a.id).collect(),
            hashtags,
            attachments: remote_media(&object.attachment),
            poll,
            quote,
            policy,
        };
        Ok(Some((remote, emojis)))
    }
}

/// The poll a `Question` carries; None for other objects.
fn remote_poll(object: &Object) -> Option<RemotePoll> {
    if object.kind != "Question" {
        return None;
    }
    let any: Vec<&Value> = object.any_of.iter().collect();
    let (choices, multiple) = if any.is_empty() {
        (object.one_of.iter().collect::<Vec<_>>(), false)
    } else {
        (any, true)
    };
    let options: Vec<PollOption> = choices
        .iter()
        .filter_map(|choice| {
            Some(PollOption {
                title: choice["name"].as_str()?.to_owned(),
                votes_count: choice["replies"]["totalItems"].as_u64().unwrap_or(0),
            })
        })
        .collect();
    if options.is_empty() {
        return None;
    }
    let closed = match &object.closed {
        Some(Value::String(when)) => DateTime::parse_from_rfc3339(when)
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        Some(Value::Bool(true)) => Some(Utc::now()),
        _ => None,
    };
    Some(RemotePoll {
        options,
        multiple,
        end_time: object.end_time,
        closed,
        voters_count: object.voters_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mastodon_question_carries_its_poll() {
        let create: Value = serde_json::from_str(include_str!(
            "../tests/fixtures/mastodon/create_question.json"
        ))
        .unwrap();
        let object: Object = serde_json::from_value(create["object"].clone()).unwrap();
        let poll = remote_poll(&object).unwrap();
        let titles: Vec<&str> = poll.options.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Dunno",
                "Everyone knows that!",
                "25 char limit is dumb",
                "I can't even fit a funny"
            ]
        );
        let counts: Vec<u64> = poll.options.iter().map(|o| o.votes_count).collect();
        assert_eq!(counts, [0, 1, 0, 1]);
        assert!(!poll.multiple);
        assert_eq!(
            poll.end_time.map(|t| t.to_rfc3339()),
            Some("2019-05-11T09:03:36+00:00".into())
        );
        assert_eq!(poll.closed, None);

        let vote: Value = serde_json::from_str(include_str!(
            "../tests/fixtures/mastodon/create_poll_vote.json"
        ))
        .unwrap();
        let vote: Object = serde_json::from_value(vote["object"].clone()).unwrap();
        assert!(vote.is_poll_vote());
        assert!(remote_poll(&vote).is_none());
        let note: Object = serde_json::from_value(serde_json::json!({
            "id": "https://a.example/notes/1", "type": "Question", "content": "no options",
            "anyOf": [], "closed": true
        }))
        .unwrap();
        assert!(remote_poll(&note).is_none());
    }

    #[test]
    fn emoji_tags_are_read_from_every_servers_shape() {
        let fixture = |text: &str| -> Value { serde_json::from_str(text).unwrap() };
        let gts = fixture(include_str!(
            "../tests/fixtures/gotosocial/note_with_emoji.json"
        ));
        let object: Object = serde_json::from_value(gts).unwrap();
        let emojis = remote_emojis(&object.tag);
        assert_eq!(emojis.len(), 1);
        assert_eq!(emojis[0].name, ":rainbow:");
        assert_eq!(
            emojis[0].id.as_deref(),
            Some("http://localhost:8080/emoji/01F8MH9H8E4VG3KDYJR9EGPXCQ")
        );
        assert!(
            emojis[0]
                .image_url
                .ends_with("01F8MH9H8E4VG3KDYJR9EGPXCQ.png")
        );
        assert_eq!(
            emojis[0].updated.map(|t| t.to_rfc3339()),
            Some("2021-09-20T10:40:37+00:00".into())
        );
        let pleroma = fixture(include_str!("../tests/fixtures/pleroma/person.json"));
        let actor: Actor = serde_json::from_value(pleroma).unwrap();
        let names: Vec<String> = remote_emojis(&actor.tag)
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert!(names.contains(&":anarchy:".to_owned()), "{names:?}");

        // Leniently: icons as lists or bare URLs, URLs as links; tags with no picture or
        // no name are left out.
        let tags: OneOrMany<Value> = serde_json::from_value(serde_json::json!([
            { "type": "Emoji", "name": ":listed:", "icon": [
                { "type": "Image", "mediaType": "text/html", "url": "https://a.example/page" },
                { "type": "Image", "mediaType": "image/gif", "url": "https://a.example/l.gif" }
            ] },
            { "type": "Emoji", "name": ":bare:", "icon": "https://a.example/b.png" },
            { "type": "Emoji", "name": ":linked:", "icon": { "url": { "href": "https://a.example/k.png" } } },
            { "type": "Emoji", "name": ":nothing:" },
            { "type": "Emoji", "icon": "https://a.example/n.png" },
            { "type": "Hashtag", "name": "#tag" }
        ]))
        .unwrap();
        let read: Vec<(String, String)> = remote_emojis(&tags)
            .into_iter()
            .map(|e| (e.name, e.image_url))
            .collect();
        assert_eq!(
            read,
            [
                (":listed:".into(), "https://a.example/l.gif".into()),
                (":bare:".into(), "https://a.example/b.png".into()),
                (":linked:".into(), "https://a.example/k.png".into()),
            ]
        );
        let many: Vec<Value> = (0..10_000)
            .map(|n| serde_json::json!({ "type": "Emoji", "name": format!(":e{n}:"), "icon": "https://a.example/e.png" }))
            .collect();
        let many: OneOrMany<Value> = serde_json::from_value(Value::Array(many)).unwrap();
        assert_eq!(remote_emojis(&many).len(), MAX_EMOJI_TAGS_READ);
    }

    #[test]
    fn addressing_gives_visibility() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let f = Some("https://a.example/users/x/followers");
        assert_eq!(visibility_of(&s(&[PUBLIC]), &s(&[]), f), Visibility::Public);
        assert_eq!(
            visibility_of(
                &s(&["https://a.example/users/x/followers"]),
                &s(&["as:Public"]),
                f
            ),
            Visibility::Unlisted
        );
        assert_eq!(
            visibility_of(&s(&["https://a.example/users/x/followers"]), &s(&[]), f),
            Visibility::Followers
        );
        assert_eq!(
            visibility_of(&s(&["https://b.example/users/y"]), &s(&[]), f),
            Visibility::Direct
        );
    }
}
