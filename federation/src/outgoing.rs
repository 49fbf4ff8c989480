//! Activities local accounts send: built from the outbox when published, then signed and
//! POSTed to each inbox, one delivery at a time.

use chrono::Utc;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::ActivityId;
use rookery_domain::service::{accounts, outbox, quotes, reports};
use rookery_domain::types::{Account, ActivityKind, Instance, OutboxActivity};
use serde_json::{Value, json};
use url::Url;

use crate::activities::{Accept, Block, Follow, Like, Reject, Undo, Undone};
use crate::authority;
use crate::fetch::{FetchError, Fetcher, PostAnswer};
use crate::objects::note::{self, audience, notes};
use crate::objects::{FederationError, FederationResult, actor};
use crate::protocol::{PUBLIC, context};
use crate::signature_schemes::{self, SignatureSchemes};
use crate::signatures::{self, Scheme};

/// The JSON an activity goes out as; `None` when there is nothing left to send (its status
/// was deleted before it went out, say).
pub async fn build(
    db: &DatabaseConnection,
    instance: &Instance,
    activity: &OutboxActivity,
) -> FederationResult<Option<Value>> {
    let me = accounts::get(db, activity.actor).await?;
    let target = match activity.target_account {
        Some(id) => Some(accounts::get(db, id).await?),
        None => None,
    };
    let body = match activity.kind {
        ActivityKind::CreateNote | ActivityKind::UpdateNote | ActivityKind::UpdatePoll => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            if status.is_deleted() {
                return Ok(None);
            }
            // An Update is dated (its note `updated`) by the edit it tells of, or by the
            // change of counts or of quote it tells of, whichever came last: other servers
            // apply only what is newer than what they hold.
            let updated = status.edited_at.map_or(activity.created_at, |edited| {
                edited.max(activity.created_at)
            });
            let Some(mut note) = notes(db, instance, &me, &[status]).await?.pop() else {
                return Ok(None);
            };
            note.context = None;
            if activity.kind == ActivityKind::CreateNote {
                let mut create = note::create(note);
                create.context = Some(context::note());
                serde_json::to_value(create)
                    .map_err(|e| FederationError::Internal(e.to_string()))?
            } else {
                note.updated = Some(updated);
                json!({
                    "@context": context::note(),
                    "id": activity.ap_id,
                    "type": "Update",
                    "actor": me.actor_id,
                    "published": updated,
                    "to": note.to,
                    "cc": note.cc,
                    "object": note,
                })
            }
        }
        ActivityKind::DeleteNote => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            let mentioned = accounts::by_ids(db, &mentioned_of(db, &status).await?).await?;
            let (mut to, cc) = audience(&status, &me, &mentioned);
            if !to.iter().chain(&cc).any(|a| a == PUBLIC) {
                // Mastodon addresses deletes to everyone; a non-public status's delete goes
                // to its own audience so that no one learns of it.
                to.retain(|a| a != PUBLIC);
            } else {
                to = vec![PUBLIC.into()];
            }
            json!({
                "@context": context::activity_streams(),
                "id": activity.ap_id,
                "type": "Delete",
                "actor": me.actor_id,
                "to": to,
                "cc": if to == [PUBLIC] { Vec::new() } else { cc },
                "object": { "id": status.ap_id, "type": "Tombstone" },
            })
        }
        ActivityKind::Follow => {
            let Some(target) = target else {
                return Ok(None);
            };
            let mut follow = follow(Some(&activity.ap_id), &me, &target)?;
            follow.context = Some(context::activity_streams());
            written(&follow)?
        }
        ActivityKind::UndoFollow | ActivityKind::AcceptFollow | ActivityKind::RejectFollow => {
            let Some(target) = target else {
                return Ok(None);
            };
            let (follower, followee) = match activity.kind {
                ActivityKind::UndoFollow => (&me, &target),
                _ => (&target, &me),
            };
            // A Follow received without an id is answered all the same.
            let followed = follow(activity.object_ap_id.as_deref(), follower, followee)?;
            let (id, actor, context) = (
                Some(url_of(&activity.ap_id)?),
                url_of(&me.actor_id)?,
                Some(context::activity_streams()),
            );
            match activity.kind {
                ActivityKind::UndoFollow => written(&Undo {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    object: Some(Undone::Follow(followed)),
                })?,
                ActivityKind::AcceptFollow => written(&Accept {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    object: Some(written(&followed)?),
                    result: None,
                })?,
                _ => written(&Reject {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    object: Some(written(&followed)?),
                    result: None,
                })?,
            }
        }
        ActivityKind::Flag => {
            let (Some(target), Some(report)) = (target, activity.report) else {
                return Ok(None);
            };
            let Some(report) = reports::for_forwarding(db, report).await? else {
                return Ok(None);
            };
            let statuses =
                rookery_domain::service::statuses::ap_ids_of(db, &report.statuses).await?;
            let mut object = vec![target.actor_id.clone()];
            object.extend(statuses);
            json!({
                "@context": context::activity_streams(),
                "id": activity.ap_id,
                "type": "Flag",
                "actor": me.actor_id,
                "content": report.comment,
                "object": object,
                "to": [target.actor_id],
            })
        }
        ActivityKind::Block | ActivityKind::UndoBlock => {
            let Some(target) = target else {
                return Ok(None);
            };
            let block = |id: &str| -> FederationResult<Block> {
                Ok(Block {
                    context: None,
                    id: Some(url_of(id)?),
                    kind: Default::default(),
                    actor: url_of(&me.actor_id)?,
                    object: Some(target.actor_id.clone()),
                })
            };
            if activity.kind == ActivityKind::Block {
                let mut block = block(&activity.ap_id)?;
                block.context = Some(context::activity_streams());
                written(&block)?
            } else {
                let Some(block_id) = &activity.object_ap_id else {
                    return Ok(None);
                };
                written(&undo(
                    &activity.ap_id,
                    &me.actor_id,
                    Undone::Block(block(block_id)?),
                )?)?
            }
        }
        ActivityKind::Like | ActivityKind::UndoLike => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            let like = |id: &str| -> FederationResult<Like> {
                Ok(Like {
                    context: None,
                    id: Some(url_of(id)?),
                    kind: Default::default(),
                    actor: url_of(&me.actor_id)?,
                    object: Some(status.ap_id.clone()),
                })
            };
            if activity.kind == ActivityKind::Like {
                let mut like = like(&activity.ap_id)?;
                like.context = Some(context::activity_streams());
                written(&like)?
            } else {
                let Some(like_id) = &activity.object_ap_id else {
                    return Ok(None);
                };
                written(&undo(
                    &activity.ap_id,
                    &me.actor_id,
                    Undone::Like(like(like_id)?),
                )?)?
            }
        }
        ActivityKind::Announce | ActivityKind::UndoAnnounce => {
            let Some(boosted) = outbox::boosted_status(db, activity).await? else {
                return Ok(None);
            };
            let author = accounts::get(db, boosted.account_id).await?;
            let (boost_id, published) = if activity.kind == ActivityKind::Announce {
                match outbox::subject_status(db, activity).await? {
                    Some(boost) => (boost.ap_id, boost.created_at),
                    None => return Ok(None),
                }
            } else {
                match &activity.object_ap_id {
                    Some(id) => (id.clone(), activity.created_at),
                    None => return Ok(None),
                }
            };
            let announce = note::announce(&me, &boost_id, published, &boosted, &author);
            if activity.kind == ActivityKind::Announce {
                let mut body = announce;
                body["@context"] = context::activity_streams();
                body
            } else {
                json!({
                    "@context": context::activity_streams(),
                    "id": activity.ap_id,
                    "type": "Undo",
                    "actor": me.actor_id,
                    "to": announce["to"],
                    "cc": announce["cc"],
                    "object": announce,
                })
            }
        }
        ActivityKind::Vote => {
            let (Some(status), Some(choice)) = (
                outbox::subject_status(db, activity).await?,
                activity.object_ap_id.as_ref(),
            ) else {
                return Ok(None);
            };
            let author = accounts::get(db, status.account_id).await?;
            // As Mastodon votes: a Note named for the option, with no content.
            json!({
                "@context": context::activity_streams(),
                "id": activity.ap_id,
                "type": "Create",
                "actor": me.actor_id,
                "to": author.actor_id,
                "object": {
                    "id": format!("{}#votes/{}", me.actor_id, activity.id),
                    "type": "Note",
                    "name": choice,
                    "attributedTo": me.actor_id,
                    "to": author.actor_id,
                    "inReplyTo": status.ap_id,
                },
            })
        }
        ActivityKind::UpdateActor => {
            let document = actor::document(db, instance, &me).await?;
            json!({
                "@context": context::actor(),
                "id": activity.ap_id,
                "type": "Update",
                "actor": me.actor_id,
                "to": [PUBLIC],
                "cc": [followers_of(&me)],
                "object": document,
            })
        }
        ActivityKind::QuoteRequest => {
            let (Some(target), Some(post)) = (target, outbox::subject_status(db, activity).await?)
            else {
                return Ok(None);
            };
            let Some(quote) = quotes::of_statuses(db, &[post.id]).await?.remove(&post.id) else {
                return Ok(None);
            };
            if post.is_deleted() {
                return Ok(None);
            }
            let Some(mut note) = notes(db, instance, &me, &[post]).await?.pop() else {
                return Ok(None);
            };
            note.context = None;
            // The quote post goes along, as Mastodon sends it, so that it can be judged.
            json!({
                "@context": context::quote_request(),
                "id": activity.ap_id,
                "type": "QuoteRequest",
                "actor": me.actor_id,
                "to": target.actor_id,
                "object": quote.quoted_ap_id,
                "instrument": note,
            })
        }
        ActivityKind::AcceptQuote | ActivityKind::RejectQuote => {
            let (Some(target), Some(post)) = (target, outbox::subject_status(db, activity).await?)
            else {
                return Ok(None);
            };
            let Some(quote) = quotes::of_statuses(db, &[post.id]).await?.remove(&post.id) else {
                return Ok(None);
            };
            let accepted = activity.kind == ActivityKind::AcceptQuote;
            let mut answer = json!({
                "@context": context::quote_request(),
                "id": activity.ap_id,
                "type": if accepted { "Accept" } else { "Reject" },
                "actor": me.actor_id,
                "to": target.actor_id,
                "object": {
                    "id": activity.object_ap_id,
                    "type": "QuoteRequest",
                    "actor": target.actor_id,
                    "object": quote.quoted_ap_id,
                    "instrument": post.ap_id,
                },
            });
            if accepted {
                let Some(stamp) = quote.authorization_ap_id else {
                    return Ok(None);
                };
                answer["result"] = json!(stamp);
            }
            answer
        }
        ActivityKind::RevokeQuote => {
            let Some(stamp) = &activity.object_ap_id else {
                return Ok(None);
            };
            // The stamp alone, never what it named (FEP-044f).
            json!({
                "@context": context::quote_authorization(),
                "id": activity.ap_id,
                "type": "Delete",
                "actor": me.actor_id,
                "to": [PUBLIC],
                "object": stamp,
            })
        }
        ActivityKind::AddPin | ActivityKind::RemovePin => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            let featured = me
                .featured_url
                .clone()
                .unwrap_or_else(|| format!("{}/collections/featured", me.actor_id));
            json!({
                "@context": context::activity_streams(),
                "id": activity.ap_id,
                "type": if activity.kind == ActivityKind::AddPin { "Add" } else { "Remove" },
                "actor": me.actor_id,
                "to": [PUBLIC],
                "cc": [followers_of(&me)],
                "object": status.ap_id,
                "target": featured,
            })
        }
        ActivityKind::Move => {
            let Some(target) = target else {
                return Ok(None);
            };
            json!({
                "@context": context::activity_streams(),
                "id": activity.ap_id,
                "type": "Move",
                "actor": me.actor_id,
                "to": [followers_of(&me)],
                "object": me.actor_id,
                "target": target.actor_id,
            })
        }
    };
    Ok(Some(body))
}

fn followers_of(account: &Account) -> String {
    account
        .followers_url
        .clone()
        .unwrap_or_else(|| format!("{}/followers", account.actor_id))
}

async fn mentioned_of(
    db: &DatabaseConnection,
    status: &rookery_domain::types::Status,
) -> FederationResult<Vec<rookery_domain::ids::AccountId>> {
    let mut mentions = rookery_domain::service::statuses::mentions(db, &[status.id]).await?;
    Ok(mentions
        .remove(&status.id)
        .unwrap_or_default()
        .into_iter()
        .map(|account| account.id)
        .collect())
}

/// How one delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The inbox took it (2xx).
    Delivered,
    /// It will never be taken: a permanent refusal (4xx other than 408 and 429), a blocked
    /// or forbidden address, or an activity that no longer exists.
    Dropped(String),
    /// Try again later, after at least `after` when the server said how long.
    Retry {
        reason: String,
        after: Option<std::time::Duration>,
    },
}

/// An activity ready to be sent: its JSON, and its actor's key, parsed once.
#[derive(Debug)]
pub struct Prepared {
    pub body: String,
    key: signatures::PrivateKey,
    key_id: String,
}

/// Reads what every delivery of the activity needs; `Err` with the delivery's outcome when
/// there is nothing to send.
pub async fn prepare(db: &DatabaseConnection, id: ActivityId) -> Result<Prepared, Delivery> {
    let retry = |e: rookery_domain::DomainError| Delivery::Retry {
        reason: e.to_string(),
        after: None,
    };
    let Some(activity) = outbox::get(db, id).await.map_err(retry)? else {
        return Err(Delivery::Dropped("the activity no longer exists".into()));
    };
    let Some(body) = activity.body else {
        return Err(Delivery::Dropped("the activity was never built".into()));
    };
    let (account, pem) = match outbox::signer(db, activity.actor).await {
        Ok(found) => found,
        Err(rookery_domain::DomainError::NotFound(_)) => {
            return Err(Delivery::Dropped("the actor no longer exists".into()));
        }
        Err(other) => return Err(retry(other)),
    };
    let key = signatures::PrivateKey::from_pem(&pem)
        .map_err(|e| Delivery::Dropped(format!("the actor's key is unusable: {e}")))?;
    Ok(Prepared {
        body,
        key,
        key_id: actor::key_id(&account),
    })
}

/// Signs a prepared activity and POSTs it to `inbox`: with RFC 9421 first, or with the
/// scheme its host took last time, and once more with the other scheme when the inbox
/// answers 401 or 403. The caller checks domain blocks first (workers keep a list read
/// every few seconds).
#[tracing::instrument(skip(fetcher, prepared, schemes), fields(inbox = %inbox))]
pub async fn send(
    fetcher: &Fetcher,
    prepared: &Prepared,
    schemes: &SignatureSchemes,
    inbox: &str,
) -> Delivery {
    let Ok(url) = Url::parse(inbox) else {
        return Delivery::Dropped(format!("not a URL: {inbox}"));
    };
    let Some(host) = authority(inbox) else {
        return Delivery::Dropped(format!("no host: {inbox}"));
    };
    let first = schemes.first(&host);
    let mut scheme = first;
    let mut answer = post(fetcher, prepared, &url, scheme).await;
    if let Ok(PostAnswer {
        status: 401 | 403, ..
    }) = answer
    {
        scheme = signature_schemes::other(first);
        tracing::debug!(?first, "signature refused; knocking again");
        answer = post(fetcher, prepared, &url, scheme).await;
    }
    match answer {
        Ok(answer) => {
            if (200..300).contains(&answer.status) {
                schemes.took(&host, scheme);
            }
            classify(answer.status, answer.retry_after)
        }
        Err(FetchError::Refused(_, reason)) => Delivery::Dropped(reason.to_owned()),
        Err(other) => Delivery::Retry {
            reason: other.to_string(),
            after: None,
        },
    }
}

/// POSTs a prepared activity to `url`, signed with `scheme`.
async fn post(
    fetcher: &Fetcher,
    prepared: &Prepared,
    url: &Url,
    scheme: Scheme,
) -> Result<PostAnswer, FetchError> {
    let body = prepared.body.as_bytes();
    let headers = signatures::sign_post_as(
        scheme,
        &prepared.key,
        &prepared.key_id,
        url,
        body,
        Utc::now(),
    )
    .map_err(|error| {
        tracing::warn!(%error, "signing a delivery");
        FetchError::Refused(url.to_string(), "the delivery could not be signed")
    })?;
    fetcher.post(url, &headers, body.to_vec()).await
}

/// What an inbox's status code means for the delivery.
pub fn classify(status: u16, retry_after: Option<std::time::Duration>) -> Delivery {
    match status {
        200..=299 => Delivery::Delivered,
        408 | 429 | 500..=599 => Delivery::Retry {
            reason: format!("the inbox answered {status}"),
            after: if matches!(status, 429 | 503) {
                retry_after
            } else {
                None
            },
        },
        _ => Delivery::Dropped(format!("the inbox answered {status}")),
    }
}

/// A URL of this server's own (an id it minted).
fn url_of(id: &str) -> FederationResult<Url> {
    Url::parse(id).map_err(|e| FederationError::Internal(format!("{id}: {e}")))
}

/// An activity as the JSON it goes out as.
fn written(activity: &impl serde::Serialize) -> FederationResult<Value> {
    serde_json::to_value(activity).map_err(|e| FederationError::Internal(e.to_string()))
}

/// `follower`'s `Follow` (`id`) of `followee`, carried bare (no `@context`).
fn follow(id: Option<&str>, follower: &Account, followee: &Account) -> FederationResult<Follow> {
    Ok(Follow {
        context: None,
        id: id.map(url_of).transpose()?,
        kind: Default::default(),
        actor: url_of(&follower.actor_id)?,
        object: Some(followee.actor_id.clone()),
    })
}

/// The `Undo` (`id`) by the actor `me` of what it did.
fn undo(id: &str, me: &str, undone: Undone) -> FederationResult<Undo> {
    Ok(Undo {
        context: Some(context::activity_streams()),
        id: Some(url_of(id)?),
        kind: Default::default(),
        actor: url_of(me)?,
        object: Some(undone),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn status_codes() {
        assert_eq!(classify(202, None), Delivery::Delivered);
        assert!(matches!(classify(404, None), Delivery::Dropped(_)));
        assert!(matches!(classify(401, None), Delivery::Dropped(_)));
        assert!(matches!(classify(408, None), Delivery::Retry { .. }));
        let wait = Some(Duration::from_secs(60));
        assert!(matches!(classify(429, wait), Delivery::Retry { after, .. } if after == wait));
        assert!(matches!(classify(503, wait), Delivery::Retry { after, .. } if after == wait));
        assert!(matches!(
            classify(500, wait),
            Delivery::Retry { after: None, .. }
        ));
    }

    #[test]
    fn activities_built_from_the_wire_types_read_back_as_themselves() {
        use crate::activities::ReceivedActivity;
        let url = |id: &str| Some(url_of(id).unwrap());
        let me = "https://rookery.test/users/alice";
        let them = "https://b.example/users/bob";
        let follow = Follow {
            context: None,
            id: url("https://rookery.test/follows/1"),
            kind: Default::default(),
            actor: url_of(me).unwrap(),
            object: Some(them.into()),
        };
        let like = Like {
            context: None,
            id: url("https://rookery.test/likes/1"),
            kind: Default::default(),
            actor: url_of(me).unwrap(),
            object: Some("https://b.example/notes/1".into()),
        };
        let block = Block {
            context: None,
            id: url("https://rookery.test/blocks/1"),
            kind: Default::default(),
            actor: url_of(me).unwrap(),
            object: Some(them.into()),
        };
        let followed = written(&follow).unwrap();
        let answer = |accepted: bool| {
            let (context, id, actor) = (
                Some(context::activity_streams()),
                url("https://rookery.test/answers/1"),
                url_of(me).unwrap(),
            );
            if accepted {
                written(&Accept {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    object: Some(followed.clone()),
                    result: None,
                })
            } else {
                written(&Reject {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    object: Some(followed.clone()),
                    result: None,
                })
            }
            .unwrap()
        };
        let undoing =
            |undone| written(&undo("https://rookery.test/undos/1", me, undone).unwrap()).unwrap();
        let sent = [
            (written(&follow).unwrap(), "Follow"),
            (written(&like).unwrap(), "Like"),
            (written(&block).unwrap(), "Block"),
            (answer(true), "Accept"),
            (answer(false), "Reject"),
            (undoing(Undone::Follow(follow.clone())), "Undo"),
            (undoing(Undone::Like(like.clone())), "Undo"),
            (undoing(Undone::Block(block.clone())), "Undo"),
        ];
        for (body, kind) in sent {
            assert_eq!(body["type"], kind);
            let read = ReceivedActivity::parse(&body).unwrap().unwrap();
            assert_eq!(written(&read).unwrap(), body);
        }
    }
}
