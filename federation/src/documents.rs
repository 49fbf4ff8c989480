//! Remote documents read as the domain's descriptions: actors, addressing, media, custom
//! emoji and polls. Nothing here fetches or stores.

use chrono::{DateTime, Utc};
use rookery_domain::service::polls::RemotePoll;
use rookery_domain::service::remote::RemoteActor;
use rookery_domain::service::{custom_emojis, media};
use rookery_domain::types::{
    Focus, PollOption, ProfileField, RemoteEmoji, RemoteMedia, Visibility,
};
use serde_json::Value;

use crate::authority;
use crate::error::{InboxError, ResolveError};
use crate::protocol::PUBLIC;
use crate::protocol::incoming::{Actor, Object, OneOrMany};

/// An actor document, as the wire type.
pub(crate) fn parse_actor(document: Value) -> Result<Actor, ResolveError> {
    serde_json::from_value(document)
        .map_err(|e| ResolveError::Remote(format!("actor document: {e}")))
}

/// Whether an address is the public collection, in any of its spellings.
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

/// A link given as a URL, a `Link` object, or a list of them: the first URL.
pub(crate) fn text_of(value: &Option<Value>) -> Option<String> {
    match value.as_ref()? {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.get("href").and_then(Value::as_str).map(str::to_owned),
        Value::Array(items) => items.iter().find_map(|item| text_of(&Some(item.clone()))),
        _ => None,
    }
}

/// The most attachments of a remote status kept.
const MAX_REMOTE_ATTACHMENTS: usize = 8;

/// The pictures among a remote object's attachments (`Document` or `Image` with an
/// `image/*` type, or none given); other kinds are not kept.
pub(crate) fn remote_media(attachments: &OneOrMany<Value>) -> Vec<RemoteMedia> {
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

/// The poll a `Question` carries; None for other objects.
pub(crate) fn remote_poll(object: &Object) -> Option<RemotePoll> {
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
