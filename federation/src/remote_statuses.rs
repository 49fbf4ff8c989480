//! Remote statuses: note-like objects received or fetched, read as the domain's statuses
//! with their quotes, polls, media and custom emoji, and stored; and the status an id names
//! (a `StatusObject`, `activitypub_federation`'s object), fetched with its author when
//! unknown.

use std::future::Future;
use std::pin::Pin;

use activitypub_federation::config::Data;
use activitypub_federation::fetch::object_id::ObjectId;
use activitypub_federation::traits::Object as ApObject;
use chrono::{DateTime, Utc};
use rookery_domain::service::quotes::RemoteQuote;
use rookery_domain::service::remote;
use rookery_domain::service::statuses::received;
use rookery_domain::service::statuses::received::RemoteStatus;
use rookery_domain::service::{accounts, domain_blocks, polls};
use rookery_domain::types::{Account, RemoteEmoji, Status};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use crate::context::{FederationContext, FederationData};
use crate::documents::{
    parse_actor, remote_emojis, remote_media, remote_poll, text_of, visibility_of,
};
use crate::error::{InboxError, ResolveError};
use crate::protocol::incoming::{ACTOR_TYPES, OBJECT_TYPES, Object, OneOrMany, Reference, id_of};
use crate::references::{self, Dereference, fetched_at_its_id, url_of};
use crate::{authority, same_origin};

/// Stores a note-like object `signer` authored (received, or fetched by URL); `None`
/// for object types not handled.
pub(crate) async fn store(
    ctx: &FederationData,
    object: Value,
    signer: &Account,
) -> Result<Option<Status>, InboxError> {
    if object["type"] == "Note" {
        let parsed: Object = serde_json::from_value(object.clone())
            .map_err(|e| InboxError::Malformed(e.to_string()))?;
        if parsed.is_poll_vote() {
            vote(ctx, parsed, signer).await?;
            return Ok(None);
        }
    }
    match remote_status(ctx, object, signer).await? {
        Some((remote, emojis)) => {
            let stored =
                received::store_status(&ctx.app, &ctx.memory.tags, &ctx.memory.writes, remote)
                    .await?;
            ctx.record_emojis(signer, emojis).await;
            Ok(Some(stored))
        }
        None => Ok(None),
    }
}

/// Counts a vote `signer` cast in a local poll (a `Note` named for the option).
async fn vote(ctx: &FederationData, vote: Object, signer: &Account) -> Result<(), InboxError> {
    if vote.author_id().unwrap_or(&signer.actor_id) != signer.actor_id {
        return Err(InboxError::Forbidden(
            "votes are cast by their voters only".into(),
        ));
    }
    let (Some(question), Some(choice)) = (&vote.in_reply_to, &vote.name) else {
        return Ok(());
    };
    let counted = polls::vote_received(&ctx.app, signer.id, question.id(), choice).await?;
    tracing::info!(counted, "vote received");
    Ok(())
}

/// Applies an edit `signer` made to a note-like object of theirs.
pub(crate) async fn update(
    ctx: &FederationData,
    object: Value,
    signer: &Account,
) -> Result<(), InboxError> {
    if let Some((remote, emojis)) = remote_status(ctx, object, signer).await? {
        if received::update_status(&ctx.app, remote).await? {
            ctx.record_emojis(signer, emojis).await;
        } else {
            tracing::debug!("update of a status not known here; ignored");
        }
    }
    Ok(())
}

/// What a note-like object says, checked to be `signer`'s own, and the custom emoji it
/// carries; `None` for object types not handled.
async fn remote_status(
    ctx: &FederationData,
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
    let mentioned = remote::accounts_by_actor_ids(&ctx.app.db, &mention_ids).await?;
    if mentioned.iter().any(Account::is_local) {
        ctx.spend(
            &ctx.memory.budgets.mentioning_posts,
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
    let quote = remote_quote(ctx, &object).await?;
    if quote.is_some() {
        // The quote is shown: its "RE: link" line for other servers is not.
        content = rookery_domain::content::without_quote_fallback(&content);
    }
    let policy = crate::policies::remote_policy(&object, signer);
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

tokio::task_local! {
    /// Set while a quoted status is fetched: what that status quotes is not fetched in
    /// turn, so that a chain of quotes costs one fetch.
    static FETCHING_QUOTED: ();
}

/// A boxed future: receiving a quote may fetch the quoted status, whose receiving may
/// look at what it quotes, so the future is named to keep its type finite.
type Boxed<'a, T> = Pin<Box<dyn Future<Output = Result<T, InboxError>> + Send + 'a>>;

/// The quote a received post carries: the status it quotes (fetched when unknown, one
/// level deep) and its stamp, checked when the quoted status is another server's.
pub(crate) fn remote_quote<'a>(
    ctx: &'a FederationData,
    object: &'a Object,
) -> Boxed<'a, Option<RemoteQuote>> {
    Box::pin(remote_quote_of(ctx, object))
}

async fn remote_quote_of(
    ctx: &FederationData,
    object: &Object,
) -> Result<Option<RemoteQuote>, InboxError> {
    let Some(quoted_id) = object.quoted_id() else {
        return Ok(None);
    };
    let authorization = object
        .quote_authorization
        .as_ref()
        .and_then(id_of)
        .map(str::to_owned);
    let quoted = match received::status_by_ap_id(&ctx.app.db, quoted_id).await? {
        Some(known) => Some(known),
        None if FETCHING_QUOTED.try_with(|_| ()).is_err() => {
            let resolving = FETCHING_QUOTED.scope((), status(ctx, quoted_id));
            match resolving.await {
                Ok(fetched) => Some(fetched),
                Err(error) => {
                    tracing::debug!(%error, "the quoted status could not be fetched");
                    None
                }
            }
        }
        None => None,
    };
    let stamp_checked = match (&authorization, &quoted) {
        (Some(stamp), Some(quoted)) if !quoted.local => {
            stamp_holds(ctx, stamp, &object.id, quoted).await?
        }
        _ => false,
    };
    Ok(Some(RemoteQuote {
        quoted_ap_id: quoted_id.to_owned(),
        authorization,
        stamp_checked,
    }))
}

/// Whether the stamp at `stamp`, fetched from the quoted author's server, allows
/// exactly `quote_post` to quote `quoted` (FEP-044f's checks).
async fn stamp_holds(
    ctx: &FederationData,
    stamp: &str,
    quote_post: &str,
    quoted: &Status,
) -> Result<bool, InboxError> {
    let author = accounts::get(&ctx.app.db, quoted.account_id).await?;
    if authority(stamp) != authority(&author.actor_id) {
        return Ok(false);
    }
    let document = match ctx.fetch(stamp).await {
        Ok(document) => document,
        Err(error) => {
            tracing::debug!(%error, "the quote's stamp could not be fetched");
            return Ok(false);
        }
    };
    let says = |key: &str| document.get(key).and_then(id_of);
    Ok(document["type"] == "QuoteAuthorization"
        && says("id") == Some(stamp)
        && says("attributedTo") == Some(author.actor_id.as_str())
        && says("interactingObject") == Some(quote_post)
        && says("interactionTarget") == Some(quoted.ap_id.as_str()))
}

/// What a fetched document was stored as.
pub(crate) enum Stored {
    Account(Box<Account>),
    /// A post, by its ActivityPub id.
    Status(String),
}

/// Fetches the document at `url` (never a local or blocked one) and stores what it
/// describes: an actor, or a post with its author.
pub(crate) async fn fetch_and_store(
    ctx: &FederationData,
    url: &str,
) -> Result<Stored, ResolveError> {
    let host = authority(url).unwrap_or_default();
    if ctx.app.instance().is_local_domain(&host) {
        return Err(ResolveError::NotFound(url.into()));
    }
    if domain_blocks::is_blocked(&ctx.app.db, &host).await? {
        return Err(ResolveError::Blocked(host));
    }
    let document = ctx
        .fetch_object(url)
        .await
        .map_err(|e| ResolveError::fetching(url, e))?;
    let kind = document["type"].as_str().unwrap_or_default().to_owned();
    let id = document["id"].as_str().unwrap_or_default().to_owned();
    if ACTOR_TYPES.contains(&kind.as_str()) {
        let account = ctx.store_actor(parse_actor(document)?).await?;
        return Ok(Stored::Account(Box::new(account)));
    }
    if !OBJECT_TYPES.contains(&kind.as_str()) {
        return Err(ResolveError::NotFound(url.into()));
    }
    // Fetched at its id, as a reference to it would be.
    StatusObject::verify(&document, &url_of(&id)?, ctx).await?;
    StatusObject::from_json(document, ctx).await?;
    Ok(Stored::Status(id))
}

/// The id of the author a note-like document names (the first it is attributed to, as
/// [`Object::author_id`] reads it), read from that field alone: a fetched post's author is
/// asked for as it is verified and again as it is stored.
pub(crate) fn author_of(document: &Value) -> Result<String, ResolveError> {
    let attributed = match document.get("attributedTo") {
        Some(value) => OneOrMany::<Reference>::deserialize(value)
            .map_err(|e| ResolveError::Remote(format!("object: {e}")))?,
        None => OneOrMany::default(),
    };
    attributed
        .iter()
        .next()
        .map(|author| author.id().to_owned())
        .ok_or_else(|| ResolveError::Remote("the post names no author".into()))
}

/// A status, as the object a note's id names.
#[derive(Debug, Clone)]
pub struct StatusObject {
    pub status: Status,
    id: Url,
}

impl StatusObject {
    fn new(status: Status) -> Result<Self, ResolveError> {
        Ok(Self {
            id: url_of(&status.ap_id)?,
            status,
        })
    }
}

#[async_trait::async_trait]
impl ApObject for StatusObject {
    type DataType = FederationContext;
    type Kind = Value;
    type Error = ResolveError;

    fn id(&self) -> &Url {
        &self.id
    }

    /// A status is fetched once: what changes later arrives as an `Update`.
    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        None
    }

    async fn read_from_id(
        id: Url,
        data: &Data<FederationContext>,
    ) -> Result<Option<Self>, ResolveError> {
        received::status_by_ap_id(&data.app.db, id.as_str())
            .await?
            .map(Self::new)
            .transpose()
    }

    /// A status's note is served by the server it was posted on, and a local one's as
    /// its reader may see it (by `objects::note::note_for`), never from here.
    async fn into_json(self, _: &Data<FederationContext>) -> Result<Value, ResolveError> {
        Err(ResolveError::NotFound(self.status.ap_id))
    }

    /// A note-like object at its own id, by an author of its own server.
    async fn verify(
        json: &Value,
        fetched_from: &Url,
        _: &Data<FederationContext>,
    ) -> Result<(), ResolveError> {
        fetched_at_its_id(json, fetched_from)?;
        if !OBJECT_TYPES.contains(&json["type"].as_str().unwrap_or_default()) {
            return Err(ResolveError::NotFound(fetched_from.to_string()));
        }
        let author = author_of(json)?;
        if !same_origin(&author, fetched_from.as_str()) {
            return Err(ResolveError::Remote(
                "the author is on another server".into(),
            ));
        }
        Ok(())
    }

    /// Stores the object with its author (dereferenced in turn).
    async fn from_json(json: Value, data: &Data<FederationContext>) -> Result<Self, ResolveError> {
        let author = author_of(&json)?;
        let author = references::account(&author)?
            .dereference_here(data)
            .await?
            .account;
        let id = json["id"].as_str().unwrap_or_default().to_owned();
        let status = store(data, json, &author)
            .await
            .map_err(|e| ResolveError::Remote(e.to_string()))?
            // Not a post (a vote in a poll, say): nothing here for the id to name.
            .ok_or(ResolveError::NotFound(id))?;
        Self::new(status)
    }
}

/// The status a note's id names.
pub fn status_id(id: &str) -> Result<ObjectId<StatusObject>, ResolveError> {
    references::reference(id)
}

/// The status whose id is `url`: known here, or fetched now with its author.
pub async fn status(ctx: &FederationData, url: &str) -> Result<Status, ResolveError> {
    Ok(status_id(url)?.dereference_here(ctx).await?.status)
}
