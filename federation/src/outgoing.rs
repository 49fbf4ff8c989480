//! Activities local accounts send: built from the outbox when published, then signed and
//! POSTed to each inbox, one delivery at a time.

use chrono::Utc;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::ActivityId;
use rookery_domain::service::{accounts, outbox, quotes, reports, statuses};
use rookery_domain::types::{Account, ActivityKind, Instance, OutboxActivity};
use serde_json::{Value, json};
use url::Url;

use crate::activities::wire::url_of;
use crate::activities::{
    Accept, Add, Announce, AnyActivity, Block, Create, Delete, Deleted, Flag, Follow, Like, Move,
    QuoteRequest, Reject, Remove, Undo, Undone, Update,
};
use crate::authority;
use crate::fetch::{FetchError, Fetcher, PostAnswer};
use crate::objects::note::{audience, notes};
use crate::objects::{FederationResult, actor};
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
    Ok(match typed(db, instance, activity).await? {
        Some(typed) => Some(serde_json::to_value(typed)?),
        None => None,
    })
}

/// The activity as its verb's type, built from what the outbox recorded and the rows it
/// names as they are now.
async fn typed(
    db: &DatabaseConnection,
    instance: &Instance,
    activity: &OutboxActivity,
) -> FederationResult<Option<AnyActivity>> {
    let me = accounts::get(db, activity.actor).await?;
    let target = match activity.target_account {
        Some(id) => Some(accounts::get(db, id).await?),
        None => None,
    };
    let (id, actor) = (Some(url_of(&activity.ap_id)?), url_of(&me.actor_id)?);
    let built = match activity.kind {
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
                let mut create = Create::of_note(&note)?;
                create.context = Some(context::note());
                AnyActivity::Create(create)
            } else {
                note.updated = Some(updated);
                AnyActivity::Update(Update {
                    context: Some(context::note()),
                    id,
                    kind: Default::default(),
                    actor,
                    published: Some(updated),
                    to: note.to.clone(),
                    cc: note.cc.clone(),
                    object: Some(serde_json::to_value(note)?),
                })
            }
        }
        ActivityKind::DeleteNote => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            let mentioned = accounts::by_ids(db, &mentioned_of(db, &status).await?).await?;
            let (mut to, mut cc) = audience(&status, &me, &mentioned);
            if !to.iter().chain(&cc).any(|a| a == PUBLIC) {
                // Mastodon addresses deletes to everyone; a non-public status's delete goes
                // to its own audience so that no one learns of it.
                to.retain(|a| a != PUBLIC);
            } else {
                (to, cc) = (vec![PUBLIC.into()], Vec::new());
            }
            AnyActivity::Delete(Delete {
                context: Some(context::activity_streams()),
                id,
                kind: Default::default(),
                actor,
                to,
                cc,
                object: Some(Deleted {
                    id: status.ap_id,
                    tombstone: true,
                }),
            })
        }
        ActivityKind::Follow => {
            let Some(target) = target else {
                return Ok(None);
            };
            let mut follow = follow(id, &me, &target)?;
            follow.context = Some(context::activity_streams());
            AnyActivity::Follow(follow)
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
            let follow_id = activity.object_ap_id.as_deref().map(url_of).transpose()?;
            let followed = follow(follow_id, follower, followee)?;
            let context = Some(context::activity_streams());
            match activity.kind {
                ActivityKind::UndoFollow => undo(id, actor, Undone::Follow(followed)),
                ActivityKind::AcceptFollow => AnyActivity::Accept(Accept {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to: Vec::new(),
                    object: Some(serde_json::to_value(followed)?),
                    result: None,
                }),
                _ => AnyActivity::Reject(Reject {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to: Vec::new(),
                    object: Some(serde_json::to_value(followed)?),
                    result: None,
                }),
            }
        }
        ActivityKind::Flag => {
            let (Some(target), Some(report)) = (target, activity.report) else {
                return Ok(None);
            };
            let Some(report) = reports::for_forwarding(db, report).await? else {
                return Ok(None);
            };
            let mut object = vec![target.actor_id.clone()];
            object.extend(statuses::ap_ids_of(db, &report.statuses).await?);
            AnyActivity::Flag(Flag {
                context: Some(context::activity_streams()),
                id,
                kind: Default::default(),
                actor,
                object,
                content: Some(report.comment),
                summary: None,
                to: vec![target.actor_id],
            })
        }
        ActivityKind::Block | ActivityKind::UndoBlock => {
            let Some(target) = target else {
                return Ok(None);
            };
            let block = |id: Option<Url>| Block {
                context: None,
                id,
                kind: Default::default(),
                actor: actor.clone(),
                object: Some(target.actor_id.clone()),
            };
            if activity.kind == ActivityKind::Block {
                let mut block = block(id);
                block.context = Some(context::activity_streams());
                AnyActivity::Block(block)
            } else {
                let Some(block_id) = &activity.object_ap_id else {
                    return Ok(None);
                };
                let undone = Undone::Block(block(Some(url_of(block_id)?)));
                undo(id, actor.clone(), undone)
            }
        }
        ActivityKind::Like | ActivityKind::UndoLike => {
            let Some(status) = outbox::subject_status(db, activity).await? else {
                return Ok(None);
            };
            let like = |id: Option<Url>| Like {
                context: None,
                id,
                kind: Default::default(),
                actor: actor.clone(),
                object: Some(status.ap_id.clone()),
            };
            if activity.kind == ActivityKind::Like {
                let mut like = like(id);
                like.context = Some(context::activity_streams());
                AnyActivity::Like(like)
            } else {
                let Some(like_id) = &activity.object_ap_id else {
                    return Ok(None);
                };
                let undone = Undone::Like(like(Some(url_of(like_id)?)));
                undo(id, actor.clone(), undone)
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
            let mut announce = Announce::of_boost(&me, &boost_id, published, &boosted, &author)?;
            if activity.kind == ActivityKind::Announce {
                announce.context = Some(context::activity_streams());
                AnyActivity::Announce(announce)
            } else {
                // The undoing goes where the boost went.
                AnyActivity::Undo(Undo {
                    context: Some(context::activity_streams()),
                    id,
                    kind: Default::default(),
                    actor,
                    to: announce.to.clone(),
                    cc: announce.cc.clone(),
                    object: Some(Undone::Announce(announce)),
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
            AnyActivity::Create(Create {
                context: Some(context::activity_streams()),
                id,
                kind: Default::default(),
                actor,
                published: None,
                to: vec![author.actor_id.clone()],
                cc: Vec::new(),
                object: Some(json!({
                    "id": format!("{}#votes/{}", me.actor_id, activity.id),
                    "type": "Note",
                    "name": choice,
                    "attributedTo": me.actor_id,
                    "to": author.actor_id,
                    "inReplyTo": status.ap_id,
                })),
            })
        }
        ActivityKind::UpdateActor => AnyActivity::Update(Update {
            context: Some(context::actor()),
            id,
            kind: Default::default(),
            actor,
            published: None,
            to: vec![PUBLIC.into()],
            cc: vec![me.followers()],
            object: Some(serde_json::to_value(
                actor::document(db, instance, &me).await?,
            )?),
        }),
        ActivityKind::DeleteActor => AnyActivity::Delete(Delete {
            context: Some(context::activity_streams()),
            id,
            kind: Default::default(),
            actor: actor.clone(),
            to: vec![PUBLIC.into()],
            cc: Vec::new(),
            object: Some(Deleted {
                id: me.actor_id.clone(),
                tombstone: false,
            }),
        }),
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
            AnyActivity::QuoteRequest(QuoteRequest {
                context: Some(context::quote_request()),
                id,
                kind: Default::default(),
                actor,
                to: vec![target.actor_id],
                object: Some(quote.quoted_ap_id),
                instrument: Some(serde_json::to_value(note)?),
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
            let request = QuoteRequest {
                context: None,
                id: activity.object_ap_id.as_deref().map(url_of).transpose()?,
                kind: Default::default(),
                actor: url_of(&target.actor_id)?,
                to: Vec::new(),
                object: Some(quote.quoted_ap_id),
                instrument: Some(Value::String(post.ap_id)),
            };
            let (context, to, object) = (
                Some(context::quote_request()),
                vec![target.actor_id],
                Some(serde_json::to_value(request)?),
            );
            if activity.kind == ActivityKind::AcceptQuote {
                let Some(stamp) = quote.authorization_ap_id else {
                    return Ok(None);
                };
                AnyActivity::Accept(Accept {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to,
                    object,
                    result: Some(Value::String(stamp)),
                })
            } else {
                AnyActivity::Reject(Reject {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to,
                    object,
                    result: None,
                })
            }
        }
        ActivityKind::RevokeQuote => {
            let Some(stamp) = &activity.object_ap_id else {
                return Ok(None);
            };
            // The stamp alone, never what it named (FEP-044f).
            AnyActivity::Delete(Delete {
                context: Some(context::quote_authorization()),
                id,
                kind: Default::default(),
                actor,
                to: vec![PUBLIC.into()],
                cc: Vec::new(),
                object: Some(Deleted {
                    id: stamp.clone(),
                    tombstone: false,
                }),
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
            let (context, to, cc, object, target) = (
                Some(context::activity_streams()),
                vec![PUBLIC.into()],
                vec![me.followers()],
                Some(status.ap_id),
                Some(featured),
            );
            if activity.kind == ActivityKind::AddPin {
                AnyActivity::Add(Add {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to,
                    cc,
                    object,
                    target,
                })
            } else {
                AnyActivity::Remove(Remove {
                    context,
                    id,
                    kind: Default::default(),
                    actor,
                    to,
                    cc,
                    object,
                    target,
                })
            }
        }
        ActivityKind::Move => {
            let Some(target) = target else {
                return Ok(None);
            };
            AnyActivity::Move(Move {
                context: Some(context::activity_streams()),
                id,
                kind: Default::default(),
                actor,
                to: vec![me.followers()],
                object: Some(me.actor_id.clone()),
                target: Some(target.actor_id),
            })
        }
    };
    Ok(Some(built))
}

async fn mentioned_of(
    db: &DatabaseConnection,
    status: &rookery_domain::types::Status,
) -> FederationResult<Vec<rookery_domain::ids::AccountId>> {
    let mut mentions = statuses::mentions(db, &[status.id]).await?;
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

/// `follower`'s `Follow` (`id`) of `followee`, carried bare (no `@context`).
fn follow(id: Option<Url>, follower: &Account, followee: &Account) -> FederationResult<Follow> {
    Ok(Follow {
        context: None,
        id,
        kind: Default::default(),
        actor: url_of(&follower.actor_id)?,
        object: Some(followee.actor_id.clone()),
    })
}

/// The `Undo` (`id`) by `actor` of what it did.
fn undo(id: Option<Url>, actor: Url, undone: Undone) -> AnyActivity {
    AnyActivity::Undo(Undo {
        context: Some(context::activity_streams()),
        id,
        kind: Default::default(),
        actor,
        to: Vec::new(),
        cc: Vec::new(),
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
}
