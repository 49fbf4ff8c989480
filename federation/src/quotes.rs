//! Quote posts between servers (FEP-044f), and the interaction policies notes carry.

use std::future::Future;
use std::pin::Pin;

use rookery_domain::service::accounts;
use rookery_domain::service::quotes::{self, RemoteQuote};
use rookery_domain::service::statuses::received;
use rookery_domain::types::{Account, Audience, InteractionPolicy, Status};
use serde_json::Value;

use crate::authority;
use crate::inbox::{Inbox, InboxError, is_public};
use crate::protocol::incoming::{Activity, Object, id_of};

tokio::task_local! {
    /// Set while a quoted status is fetched: what that status quotes is not fetched in
    /// turn, so that a chain of quotes costs one fetch.
    static FETCHING_QUOTED: ();
}

/// The ids a policy list names (a single id or an array of them).
fn named(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(id_of).collect(),
        Some(one) => id_of(one).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The interaction policy a received object publishes (`interactionPolicy`, in
/// GoToSocial's and Mastodon's words, old and new), as audiences; None when it publishes
/// none. The public means anyone; the author's followers collection, its followers;
/// anything else (the author, single accounts), nobody else: the accounts a status
/// mentions may reply to it anyway. A sub-policy left out means anyone for replies and
/// boosts, nobody for quotes (quotes are opt-in). Asking for a quote by hand is built
/// (`QuoteRequest`), so `manualApproval` counts for quotes; replies and boosts approved by
/// hand (GoToSocial's reply and announce requests) are not built here, so for them it
/// counts as not allowed.
pub fn remote_policy(object: &Object, author: &Account) -> Option<InteractionPolicy> {
    let followers = author
        .followers_url
        .clone()
        .unwrap_or_else(|| format!("{}/followers", author.actor_id));
    policy_of(object, &followers)
}

/// [`remote_policy`], the author's followers collection being `followers`.
fn policy_of(object: &Object, followers: &str) -> Option<InteractionPolicy> {
    let policy = object.interaction_policy.as_ref()?.as_object()?;
    if policy.is_empty() {
        return None;
    }
    let audience = |name: &str, by_hand_counts: bool, default: Audience| {
        let Some(sub) = policy
            .get(name)
            .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
        else {
            return default;
        };
        let mut approved = named(sub.get("automaticApproval"));
        approved.extend(named(sub.get("always")));
        if by_hand_counts {
            approved.extend(named(sub.get("manualApproval")));
            approved.extend(named(sub.get("approvalRequired")));
        }
        if approved.iter().any(|a| is_public(a)) {
            Audience::Anyone
        } else if approved.contains(&followers) {
            Audience::Followers
        } else {
            Audience::Nobody
        }
    };
    Some(InteractionPolicy {
        can_quote: audience("canQuote", true, Audience::Nobody),
        can_reply: audience("canReply", false, Audience::Anyone),
        can_boost: audience("canAnnounce", false, Audience::Anyone),
    })
}

/// A boxed future: receiving a quote may fetch the quoted status, whose receiving may
/// look at what it quotes, so the future is named to keep its type finite.
type Boxed<'a, T> = Pin<Box<dyn Future<Output = Result<T, InboxError>> + Send + 'a>>;

impl Inbox<'_> {
    /// `QuoteRequest`: another server's account asks to quote a local status in its post
    /// (`instrument`, carried along or fetched). Answered by the status's policy.
    pub(crate) async fn quote_request(
        &self,
        activity: &Activity,
        signer: &Account,
    ) -> Result<(), InboxError> {
        let (Some(request), Some(quoted)) = (activity.id.as_deref(), activity.object_id()) else {
            return Err(InboxError::Malformed(
                "QuoteRequest without id or object".into(),
            ));
        };
        // A status never sent anywhere is not answered for: no answer tells it exists.
        let Some(quoted) = received::status_by_ap_id(self.db, quoted)
            .await?
            .filter(|s| s.local && s.visibility.federates())
        else {
            tracing::debug!("quote request for a status not known here; ignored");
            return Ok(());
        };
        let quote_post = match &activity.instrument {
            Some(post @ Value::Object(_)) => self
                .create(post.clone(), signer)
                .await?
                .ok_or_else(|| InboxError::Malformed("the instrument is no post".into()))?,
            Some(Value::String(id)) => crate::resolve::status(self, id)
                .await
                .map_err(|e| InboxError::Unauthorized(format!("the quote post: {e}")))?,
            _ => {
                return Err(InboxError::Malformed(
                    "QuoteRequest without instrument".into(),
                ));
            }
        };
        let state =
            quotes::request_received(self.db, self.outbox, signer, request, &quoted, &quote_post)
                .await?;
        tracing::info!(?state, "quote request answered");
        Ok(())
    }

    /// An `Accept` or `Reject` of a local quote post's `QuoteRequest` (not of a Follow);
    /// false when it answers no quote here.
    pub(crate) async fn quote_answer(
        &self,
        activity: &Activity,
        signer: &Account,
    ) -> Result<bool, InboxError> {
        let inner = activity.object.as_ref();
        if inner.is_some_and(|o| o["type"] == "Follow") {
            return Ok(false);
        }
        let request = inner.and_then(id_of);
        let instrument = inner.and_then(|o| o.get("instrument")).and_then(id_of);
        let stamp = activity.result.as_ref().and_then(id_of).map(str::to_owned);
        if stamp
            .as_deref()
            .is_some_and(|s| authority(s) != authority(&signer.actor_id))
        {
            return Err(InboxError::Forbidden(
                "the stamp is on another server than its author".into(),
            ));
        }
        let accepted = activity.kind == "Accept";
        let answered = quotes::answered(
            self.db,
            self.outbox,
            signer.id,
            request,
            instrument,
            accepted,
            stamp,
        )
        .await?;
        if answered {
            tracing::info!(accepted, "quote request answered");
        }
        Ok(answered)
    }

    /// A `Delete` of a stamp by which `signer` allowed quotes: they are revoked. False
    /// when no quote here rests on `target`.
    pub(crate) async fn stamp_deleted(
        &self,
        target: &str,
        signer: &Account,
    ) -> Result<bool, InboxError> {
        let revoked = quotes::stamp_deleted(self.db, self.outbox, signer.id, target).await?;
        if revoked {
            tracing::info!("quote revoked");
        }
        Ok(revoked)
    }

    /// The quote a received post carries: the status it quotes (fetched when unknown, one
    /// level deep) and its stamp, checked when the quoted status is another server's.
    pub(crate) fn remote_quote<'a>(&'a self, object: &'a Object) -> Boxed<'a, Option<RemoteQuote>> {
        Box::pin(self.remote_quote_of(object))
    }

    async fn remote_quote_of(&self, object: &Object) -> Result<Option<RemoteQuote>, InboxError> {
        let Some(quoted_id) = object.quoted_id() else {
            return Ok(None);
        };
        let authorization = object
            .quote_authorization
            .as_ref()
            .and_then(id_of)
            .map(str::to_owned);
        let quoted = match received::status_by_ap_id(self.db, quoted_id).await? {
            Some(known) => Some(known),
            None if FETCHING_QUOTED.try_with(|_| ()).is_err() => {
                let resolving = FETCHING_QUOTED.scope((), crate::resolve::status(self, quoted_id));
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
                self.stamp_holds(stamp, &object.id, quoted).await?
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
        &self,
        stamp: &str,
        quote_post: &str,
        quoted: &Status,
    ) -> Result<bool, InboxError> {
        let author = accounts::get(self.db, quoted.account_id).await?;
        if authority(stamp) != authority(&author.actor_id) {
            return Ok(false);
        }
        let document = match self.fetch(stamp).await {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOLLOWERS: &str = "https://g.example/users/zork/followers";

    fn object(policy: Value) -> Object {
        serde_json::from_value(serde_json::json!({
            "id": "https://g.example/users/zork/statuses/1",
            "type": "Note",
            "interactionPolicy": policy,
        }))
        .unwrap()
    }

    #[test]
    fn policies_read_as_audiences() {
        let none = object(Value::Null);
        assert_eq!(policy_of(&none, FOLLOWERS), None);
        // GoToSocial's older words, a single id, and approval by hand.
        let policy = policy_of(
            &object(serde_json::json!({
                "canReply": {
                    "always": ["https://g.example/users/zork", "https://g.example/users/hodor"],
                    "approvalRequired": "https://www.w3.org/ns/activitystreams#Public"
                },
                "canAnnounce": { "always": "https://g.example/users/zork/followers" },
                "canQuote": { "manualApproval": ["as:Public"] }
            })),
            FOLLOWERS,
        )
        .unwrap();
        assert_eq!(policy.can_reply, Audience::Nobody);
        assert_eq!(policy.can_boost, Audience::Followers);
        assert_eq!(policy.can_quote, Audience::Anyone);
        // Mastodon's: canQuote only; replies and boosts stay open, quotes by the author.
        let policy = policy_of(
            &object(serde_json::json!({
                "canQuote": { "automaticApproval": ["https://g.example/users/zork"] }
            })),
            FOLLOWERS,
        )
        .unwrap();
        assert_eq!(
            policy,
            InteractionPolicy {
                can_quote: Audience::Nobody,
                ..InteractionPolicy::OPEN
            }
        );
    }
}
