//! Statuses as `Note` objects, addressed as Mastodon addresses each visibility.

use std::collections::BTreeMap;

use chrono::Utc;
use rookery_domain::content;
use rookery_domain::db::DatabaseConnection;
use rookery_domain::ids::{AccountId, Kind, StatusId};
use rookery_domain::service::{accounts, media, policies, polls, quotes, statuses, visibility};
use rookery_domain::types::{
    Account, Audience, Instance, InteractionPolicy, MediaAttachment, Poll, Quote, QuoteState,
    Status, Visibility,
};
use serde_json::{Value, json};

use super::{FederationError, FederationResult, emoji};
use crate::activities::{Announce, Create};
use crate::protocol::emoji::Emoji;
use crate::protocol::note::{Note, NoteTag, PollChoice, PollReplies, Tag};
use crate::protocol::{PUBLIC, context};

/// Who a status is addressed to, and who gets a copy.
pub fn audience(
    status: &Status,
    author: &Account,
    mentioned: &[Account],
) -> (Vec<String>, Vec<String>) {
    let followers = author.followers();
    let mentioned: Vec<String> = mentioned.iter().map(|a| a.actor_id.clone()).collect();
    let with = |mut first: Vec<String>, rest: &[String]| {
        first.extend(rest.iter().cloned());
        first
    };
    match status.visibility {
        Visibility::Public => (vec![PUBLIC.into()], with(vec![followers], &mentioned)),
        Visibility::Unlisted => (vec![followers], with(vec![PUBLIC.into()], &mentioned)),
        Visibility::Followers => (vec![followers], mentioned),
        Visibility::Direct => (mentioned, Vec::new()),
        // Never sent nor served; addressed to nobody should one be built.
        Visibility::Private | Visibility::Local => (Vec::new(), Vec::new()),
    }
}

/// The id of a local status's `replies` collection.
pub fn replies_of(status: &Status) -> String {
    format!("{}/replies", status.ap_id)
}

/// The id of the collection of the thread `thread` (the `context` of its notes).
pub fn context_of(instance: &Instance, thread: StatusId) -> String {
    instance.url(&format!("/contexts/{thread}"))
}

/// Everything a note is made of.
pub struct NoteParts<'a> {
    pub instance: &'a Instance,
    pub status: &'a Status,
    pub author: &'a Account,
    pub mentioned: &'a [Account],
    pub hashtags: &'a [String],
    pub in_reply_to: Option<String>,
    pub media: &'a [MediaAttachment],
    /// Its poll: the note is then a `Question`.
    pub poll: Option<&'a Poll>,
    /// The status it quotes, when it is a quote post.
    pub quote: Option<&'a Quote>,
    /// Who may quote, reply to and boost it.
    pub policy: InteractionPolicy,
    /// The custom emoji its text uses, as `Emoji` tags.
    pub emojis: Vec<Emoji>,
}

/// An interaction policy as GoToSocial and Mastodon publish it: for each interaction, who
/// is approved without asking (the public, the author's followers, or the author alone;
/// the accounts a status mentions may always reply). Nobody is approved by hand here.
fn interaction_policy(
    policy: &InteractionPolicy,
    author: &Account,
    mentioned: &[Account],
) -> Value {
    let followers = author.followers();
    let approved = |audience: Audience| match audience {
        Audience::Anyone => vec![PUBLIC.to_owned()],
        Audience::Followers => vec![followers.clone(), author.actor_id.clone()],
        Audience::Nobody => vec![author.actor_id.clone()],
    };
    let mut repliers = approved(policy.can_reply);
    if policy.can_reply != Audience::Anyone {
        repliers.extend(mentioned.iter().map(|a| a.actor_id.clone()));
    }
    json!({
        "canQuote": { "automaticApproval": approved(policy.can_quote) },
        "canReply": { "automaticApproval": repliers },
        "canAnnounce": { "automaticApproval": approved(policy.can_boost) },
    })
}

/// A processed attachment as a `Document`, as Mastodon sends it.
fn document(instance: &Instance, media: &MediaAttachment) -> Option<Value> {
    let original = media.original.as_ref()?;
    let mut document = json!({
        "type": "Document",
        "mediaType": original.content_type,
        "url": media::url(instance, &original.key),
        "name": (!media.description.is_empty()).then_some(&media.description),
        "blurhash": media.blurhash,
        "focalPoint": media.focus.map(|f| [f.x, f.y]),
        "width": media.width,
        "height": media.height,
    });
    if let Some(fields) = document.as_object_mut() {
        fields.retain(|_, value| !value.is_null());
    }
    Some(document)
}

pub fn note(parts: NoteParts<'_>) -> Note {
    let NoteParts {
        instance,
        status,
        author,
        mentioned,
        hashtags,
        in_reply_to,
        media,
        poll,
        quote,
        policy,
        emojis,
    } = parts;
    let (to, cc) = audience(status, author, mentioned);
    let mut tag: Vec<Tag> = mentioned
        .iter()
        .map(|account| Tag {
            kind: "Mention".into(),
            href: account.actor_id.clone(),
            name: format!(
                "@{}@{}",
                account.username,
                account.domain.as_deref().unwrap_or(&instance.domain)
            ),
        })
        .collect();
    // Named as the author wrote them; their pages are the same whatever the case.
    let written = content::hashtags_as_written(&status.source);
    tag.extend(hashtags.iter().map(|name| {
        let shown = written
            .iter()
            .find(|w| w.to_lowercase() == *name)
            .unwrap_or(name);
        Tag {
            kind: "Hashtag".into(),
            href: instance.url(&format!("/tags/{name}")),
            name: format!("#{shown}"),
        }
    }));
    let mut tag: Vec<NoteTag> = tag.into_iter().map(NoteTag::Link).collect();
    tag.extend(emojis.into_iter().map(NoteTag::Emoji));
    let thread = context_of(instance, status.thread_id);
    // Servers that show no quotes show a link to the quoted status instead.
    let content = match quote {
        Some(quote) => content::with_quote_fallback(&status.content_html, &quote.quoted_ap_id),
        None => status.content_html.clone(),
    };
    let content_map = status
        .language
        .iter()
        .map(|language| (language.clone(), content.clone()))
        .collect::<BTreeMap<_, _>>();
    let choices = poll.map(|poll| {
        poll.options
            .iter()
            .map(|option| PollChoice {
                kind: "Note".into(),
                name: option.title.clone(),
                replies: PollReplies {
                    kind: "Collection".into(),
                    total_items: option.votes_count,
                },
            })
            .collect::<Vec<_>>()
    });
    let multiple = poll.is_some_and(|p| p.multiple);
    let quoted = quote.map(|q| q.quoted_ap_id.clone());
    let interaction_policy = interaction_policy(&policy, author, mentioned);
    Note {
        context: None,
        id: status.ap_id.clone(),
        kind: if poll.is_some() { "Question" } else { "Note" }.into(),
        attributed_to: author.actor_id.clone(),
        to,
        cc,
        in_reply_to,
        summary: (!status.content_warning.is_empty()).then(|| status.content_warning.clone()),
        sensitive: status.sensitive,
        content,
        content_map,
        published: status.created_at,
        updated: status.edited_at,
        url: status.url.clone(),
        replies: status.local.then(|| replies_of(status)),
        tag,
        attachment: media
            .iter()
            .filter_map(|media| document(instance, media))
            .collect(),
        thread: Some(thread.clone()),
        conversation: Some(thread),
        one_of: choices.clone().filter(|_| !multiple),
        any_of: choices.filter(|_| multiple),
        end_time: poll.map(|p| p.expires_at),
        closed: poll.filter(|p| p.expired(Utc::now())).map(|p| p.expires_at),
        voters_count: poll.map(|p| p.voters_count),
        quote_uri: quoted.clone(),
        misskey_quote: quoted.clone(),
        quote: quoted,
        quote_authorization: quote
            .filter(|q| q.state == QuoteState::Accepted)
            .and_then(|q| q.authorization_ap_id.clone()),
        interaction_policy: Some(interaction_policy),
    }
}

/// Builds notes for statuses of one author, in a few queries whatever their number.
pub async fn notes(
    db: &DatabaseConnection,
    instance: &Instance,
    author: &Account,
    list: &[Status],
) -> FederationResult<Vec<Note>> {
    let ids: Vec<StatusId> = list.iter().map(|s| s.id).collect();
    let mut mentions = statuses::mentions(db, &ids).await?;
    let mut hashtags = statuses::hashtags(db, &ids).await?;
    let parent_ids: Vec<StatusId> = list.iter().filter_map(|s| s.in_reply_to_id).collect();
    // Parents are referred to by id only, whoever may see them.
    let parents: BTreeMap<StatusId, String> = statuses::ap_ids(db, &parent_ids).await?;
    let mut attached: BTreeMap<StatusId, Vec<MediaAttachment>> = BTreeMap::new();
    for item in media::of_statuses(db, &ids).await? {
        if let Some(status) = item.status_id {
            attached.entry(status).or_default().push(item);
        }
    }
    let polls = polls::of_statuses(db, None, list).await?;
    let quotes = quotes::of_statuses(db, &ids).await?;
    let policies = policies::of_statuses(db, list).await?;
    let mut emojis: BTreeMap<StatusId, Vec<Emoji>> = BTreeMap::new();
    if author.is_local() {
        for status in list {
            let texts = [
                status.content_html.as_str(),
                status.content_warning.as_str(),
            ];
            emojis.insert(status.id, emoji::tags_of(db, instance, texts).await?);
        }
    }
    Ok(list
        .iter()
        .map(|status| {
            note(NoteParts {
                emojis: emojis.remove(&status.id).unwrap_or_default(),
                poll: polls.get(&status.id).map(|view| &view.poll),
                quote: quotes.get(&status.id),
                policy: policies
                    .get(&status.id)
                    .copied()
                    .unwrap_or(InteractionPolicy::OPEN),
                instance,
                status,
                author,
                mentioned: &mentions.remove(&status.id).unwrap_or_default(),
                hashtags: &hashtags.remove(&status.id).unwrap_or_default(),
                in_reply_to: status
                    .in_reply_to_id
                    .and_then(|id| parents.get(&id).cloned()),
                media: &attached.remove(&status.id).unwrap_or_default(),
            })
        })
        .collect())
}

/// The note of a local status as `viewer` may see it: anonymous (unsigned) requests get
/// public and unlisted statuses only; a signed one whatever its signer may see. Private and
/// local statuses are never served, whoever asks.
pub async fn note_for(
    db: &DatabaseConnection,
    instance: &Instance,
    username: &str,
    id: StatusId,
    viewer: Option<AccountId>,
) -> FederationResult<Note> {
    let author = accounts::local_by_username(db, username).await?;
    let status = visibility::get(db, viewer, id).await?;
    if status.account_id != author.id
        || !status.local
        || status.reblog_of_id.is_some()
        || !status.visibility.federates()
    {
        return Err(FederationError::NotFound(Kind::Status));
    }
    let mut built = notes(db, instance, &author, std::slice::from_ref(&status)).await?;
    let mut note = built.pop().ok_or(FederationError::NotFound(Kind::Status))?;
    note.context = Some(context::note());
    Ok(note)
}

/// The activity at the id of a local status's `Create` (or, for a boost, at its
/// `Announce`'s id) as `viewer` may see it, as [`note_for`] serves notes: the `Create` of
/// the note as it is now, or the `Announce` while the boosted status may be seen.
pub async fn activity_for(
    db: &DatabaseConnection,
    instance: &Instance,
    username: &str,
    id: StatusId,
    viewer: Option<AccountId>,
) -> FederationResult<Value> {
    let author = accounts::local_by_username(db, username).await?;
    let status = visibility::get(db, viewer, id).await?;
    if status.account_id != author.id || !status.local {
        return Err(FederationError::NotFound(Kind::Status));
    }
    if let Some(original) = status.reblog_of_id {
        let boosted = visibility::get(db, viewer, original).await?;
        if !matches!(
            boosted.visibility,
            Visibility::Public | Visibility::Unlisted
        ) {
            return Err(FederationError::NotFound(Kind::Status));
        }
        let boosted_author = accounts::get(db, boosted.account_id).await?;
        let mut announce = Announce::of_boost(
            &author,
            &status.ap_id,
            status.created_at,
            &boosted,
            &boosted_author,
        )?;
        announce.context = Some(context::activity_streams());
        return Ok(serde_json::to_value(announce)?);
    }
    let mut note = note_for(db, instance, username, id, viewer).await?;
    note.context = None;
    let mut create = Create::of_note(&note)?;
    create.context = Some(context::note());
    Ok(serde_json::to_value(create)?)
}
