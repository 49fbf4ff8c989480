//! What is fuzzed: each target reads one input, calls Rookery's code on it, and says whether
//! the input was accepted (worth mutating further) or what invariant it broke.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use rookery_domain::content::{self, LinkTargets, Mention};
use rookery_domain::media::{self, MediaKind, MediaLimits};
use rookery_domain::service::remote;
use rookery_domain::testing::html;
use rookery_domain::types::{Instance, RegistrationMode, Visibility};
use rookery_federation::discovery::username_of;
use rookery_federation::inbox::{remote_actor, visibility_of};
use rookery_federation::protocol::incoming::{Activity, Actor, Object};
use rookery_federation::resolve::split_handle;
use rookery_federation::signatures;

use crate::seeds;

/// Ok(true) when the input was accepted, Ok(false) when refused cleanly, Err for a finding.
pub type Outcome = Result<bool, String>;

pub struct Target {
    pub name: &'static str,
    pub seeds: fn() -> Vec<Vec<u8>>,
    /// Words mutations insert.
    pub dictionary: &'static [&'static [u8]],
    pub run: fn(&[u8]) -> Outcome,
}

const JSON_WORDS: &[&[u8]] = &[
    b"id",
    b"type",
    b"actor",
    b"object",
    b"to",
    b"cc",
    b"target",
    b"published",
    b"content",
    b"summary",
    b"attributedTo",
    b"inReplyTo",
    b"tag",
    b"attachment",
    b"url",
    b"href",
    b"mediaType",
    b"name",
    b"quote",
    b"quoteUri",
    b"_misskey_quote",
    b"quoteUrl",
    b"oneOf",
    b"anyOf",
    b"closed",
    b"endTime",
    b"votersCount",
    b"publicKey",
    b"owner",
    b"publicKeyPem",
    b"inbox",
    b"outbox",
    b"followers",
    b"endpoints",
    b"sharedInbox",
    b"preferredUsername",
    b"icon",
    b"image",
    b"alsoKnownAs",
    b"movedTo",
    b"PropertyValue",
    b"value",
    b"Create",
    b"Note",
    b"Person",
    b"Question",
    b"Document",
    b"Announce",
    b"Undo",
    b"Follow",
    b"Delete",
    b"https://www.w3.org/ns/activitystreams#Public",
    b"as:Public",
    b"Public",
    b"https://a.example/users/x",
    b"https://a.example/users/x/followers",
    b"javascript:x",
    b"http://127.0.0.1:3000/x",
    b"2021-11-05T11:46:50Z",
    b"+275760-09-13T00:00:00Z",
    b"9999-12-31T23:59:59+99:99",
    b"\xc3\xa9\xf0\x9f\xa6\x80",
    b"\\u0000",
    b"\\ud800",
    b"{}",
    b"[]",
    b"null",
    b"1e999",
    b"-0",
    b"\"",
    b"[[[[[[[[",
    b"{\"a\":",
];

const HTML_WORDS: &[&[u8]] = &[
    b"<script>",
    b"</script>",
    b"<a href=\"",
    b"<a href=",
    b"\">",
    b"javascript:",
    b"java\tscript:",
    b"&#x6a;",
    b"&#106",
    b"&colon;",
    b"data:",
    b"vbscript:",
    b" onclick=",
    b" onerror=x ",
    b" class=\"",
    b"h-card",
    b"u-url",
    b"mention",
    b"hashtag",
    b"invisible",
    b"ellipsis",
    b"<svg>",
    b"<math>",
    b"<mtext>",
    b"<mglyph>",
    b"<style>",
    b"</style>",
    b"<noscript>",
    b"</noscript>",
    b"<template>",
    b"<iframe>",
    b"<textarea>",
    b"<title>",
    b"<xmp>",
    b"<plaintext>",
    b"<table>",
    b"<select>",
    b"<form>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<pre>",
    b"\n",
    b"<p>",
    b"</p>",
    b"<br>",
    b"<span>",
    b"<blockquote>",
    b"<ol start=",
    b"<li value=",
    b"<code>",
    b"<b>",
    b"<i>",
    b"<del>",
    b"<s>",
    b"&amp;",
    b"&lt;",
    b"&gt;",
    b"&quot;",
    b"&nbsp;",
    b"&",
    b"<",
    b">",
    b"\"",
    b"'",
    b"`",
    b"/",
    b"=",
    b"\0",
    b"\r",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xae",
];

const MARKDOWN_WORDS: &[&[u8]] = &[
    b"> ",
    b"[",
    b"](",
    b")",
    b"![",
    b"*",
    b"**",
    b"_",
    b"~~",
    b"`",
    b"```\n",
    b"    ",
    b"# ",
    b"- ",
    b"1. ",
    b"99999999999. ",
    b"\n",
    b"\n\n",
    b"  \n",
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"@alice",
    b"@carol@remote.example",
    b"@x@",
    b"#tag",
    b"#",
    b"https://",
    b"http://x.org/(",
    b"javascript:",
    b"data:",
    b"<a@b.org>",
    b"<script>",
    b"\\",
    b"[x]: https://x.org\n",
    b"[x]",
    b"|",
    b"---\n",
];

const HANDLE_WORDS: &[&[u8]] = &[
    b"@",
    b"acct:",
    b"https://local.example",
    b"/users/",
    b"/@",
    b"local.example",
    b"LOCAL.EXAMPLE",
    b":8080",
    b"/",
    b" ",
    b".",
    b"-",
    b"_",
    b"\xc3\xbc",
    b"\xef\xbc\xa0",
];

const SIGNATURE_WORDS: &[&[u8]] = &[
    b"signature: ",
    b"authorization: Signature ",
    b"keyId=\"",
    b"algorithm=\"",
    b"headers=\"",
    b"signature=\"",
    b"created=",
    b"expires=",
    b"(request-target)",
    b"(created)",
    b"(expires)",
    b"host",
    b"date",
    b"digest",
    b"hs2019",
    b"rsa-sha256",
    b"hmac-sha256",
    b"SHA-256=",
    b"sha-256=",
    b"\"",
    b",",
    b"=",
    b"\n",
    b": ",
    b"Sun, 06 Dec 2026 09:00:00 GMT",
    b"Tue, 31 Dec 9999 23:59:59 +9999",
    b"Mon, 01 Jan 1900 00:00:00 -0000",
];

const PICTURE_WORDS: &[&[u8]] = &[
    b"\xFF\xD8\xFF",
    b"\xFF\xC0\x00\x11\x08",
    b"\xFF\xC2",
    b"\xFF\xDA",
    b"\xFF\xD9",
    b"\xFF\xE1",
    b"\xFF\xDD\x00\x04",
    b"IHDR",
    b"IDAT",
    b"IEND",
    b"acTL",
    b"fcTL",
    b"\x89PNG\r\n\x1a\n",
    b"GIF89a",
    b"GIF87a",
    b"\x21\xF9\x04",
    b"\x2C",
    b"\x3B",
    b"RIFF",
    b"WEBP",
    b"VP8 ",
    b"VP8L",
    b"VP8X",
    b"ANIM",
    b"ANMF",
    b"ALPH",
];

pub fn all() -> Vec<Target> {
    vec![
        Target {
            name: "activity",
            seeds: seeds::activities,
            dictionary: JSON_WORDS,
            run: activity,
        },
        Target {
            name: "object",
            seeds: seeds::objects,
            dictionary: JSON_WORDS,
            run: object,
        },
        Target {
            name: "actor",
            seeds: seeds::actors,
            dictionary: JSON_WORDS,
            run: actor,
        },
        Target {
            name: "signature",
            seeds: signature_seeds,
            dictionary: SIGNATURE_WORDS,
            run: signature,
        },
        Target {
            name: "sanitize",
            seeds: seeds::html,
            dictionary: HTML_WORDS,
            run: sanitize,
        },
        Target {
            name: "markdown",
            seeds: seeds::markdown,
            dictionary: MARKDOWN_WORDS,
            run: markdown,
        },
        Target {
            name: "handle",
            seeds: seeds::handles,
            dictionary: HANDLE_WORDS,
            run: handle,
        },
        Target {
            name: "media",
            seeds: seeds::pictures,
            dictionary: PICTURE_WORDS,
            run: media,
        },
    ]
}

fn is_public(address: &str) -> bool {
    matches!(
        address,
        "https://www.w3.org/ns/activitystreams#Public" | "as:Public" | "Public"
    )
}

/// Checks what the inbox reads of an activity's addressing.
fn check_visibility(to: &[String], cc: &[String], followers: Option<&str>) -> Outcome {
    let visibility = visibility_of(to, cc, followers);
    let public_to = to.iter().any(|a| is_public(a));
    let public_cc = cc.iter().any(|a| is_public(a));
    let expected_public = match visibility {
        Visibility::Public => public_to,
        Visibility::Unlisted => !public_to && public_cc,
        Visibility::Followers | Visibility::Direct => !public_to && !public_cc,
        // Kinds of this instance alone: nothing received may be read as one.
        Visibility::Private | Visibility::Local => false,
    };
    if !expected_public {
        return Err(format!("visibility {visibility:?} for to {to:?} cc {cc:?}"));
    }
    Ok(true)
}

fn activity(input: &[u8]) -> Outcome {
    let Ok(activity) = serde_json::from_slice::<Activity>(input) else {
        return Ok(false);
    };
    let _ = activity.actor_id();
    let ids = activity.object_ids();
    if let Some(id) = activity.object_id()
        && ids.first().map(String::as_str) != Some(id)
    {
        return Err(format!(
            "object_id {id:?} is not the first of object_ids {ids:?}"
        ));
    }
    let to = activity.to.clone().into_vec();
    let cc = activity.cc.clone().into_vec();
    check_visibility(&to, &cc, None)?;
    if let Some(embedded) = activity.object
        && let Ok(embedded) = serde_json::from_value::<Object>(embedded)
    {
        check_object(&embedded)?;
    }
    Ok(true)
}

fn object(input: &[u8]) -> Outcome {
    match serde_json::from_slice::<Object>(input) {
        Ok(object) => check_object(&object),
        Err(_) => Ok(false),
    }
}

fn check_object(object: &Object) -> Outcome {
    let _ = object.author_id();
    let _ = object.is_poll_vote();
    if let Some(quoted) = object.quoted_id()
        && !(quoted.starts_with("https://") || quoted.starts_with("http://"))
    {
        return Err(format!("quoted id {quoted:?} is not http(s)"));
    }
    let to = object.to.clone().into_vec();
    let cc = object.cc.clone().into_vec();
    check_visibility(&to, &cc, Some("https://a.example/users/x/followers"))
}

fn actor(input: &[u8]) -> Outcome {
    let Ok(actor) = serde_json::from_slice::<Actor>(input) else {
        return Ok(false);
    };
    let Ok(remote) = remote_actor(actor) else {
        return Ok(false);
    };
    if rookery_federation::authority(&remote.actor_id).as_deref() != Some(remote.domain.as_str()) {
        return Err(format!(
            "actor {:?} read as on {:?}",
            remote.actor_id, remote.domain
        ));
    }
    Ok(true)
}

/// The time the signed seeds were made at, and the fuzzed requests are checked at.
static NOW: LazyLock<DateTime<Utc>> = LazyLock::new(Utc::now);

fn signature_seeds() -> Vec<Vec<u8>> {
    seeds::signed_requests(&signatures::http_date(*NOW))
}

/// A request that came to `local.example`, the instance's own domain.
fn arrival<'a>(method: &'a str, path_and_query: &'a str) -> signatures::Arrival<'a> {
    signatures::Arrival {
        method,
        scheme: "https",
        authority: "local.example",
        path_and_query,
    }
}

/// Header lines (`name: value`), an empty line, then the body.
fn signature(input: &[u8]) -> Outcome {
    let split = input
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(input.len());
    let head = String::from_utf8_lossy(&input[..split]);
    let body = input.get(split + 2..).unwrap_or_default();
    let headers: BTreeMap<String, String> = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let get = signatures::prepare(&arrival("GET", "/users/x?page=1"), &headers, None, *NOW);
    let post = signatures::prepare(&arrival("POST", "/inbox"), &headers, Some(body), *NOW);
    let content_digest_matches = headers.iter().any(|(name, value)| {
        name.eq_ignore_ascii_case("content-digest")
            && value.contains(&signatures::content_digest(body))
    });
    if post.is_ok() && !content_digest_matches {
        let ours = signatures::digest(body);
        let digests = headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case("digest"))
            .map(|(_, value)| value.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(",");
        if !digests
            .split(',')
            .any(|d| d.trim() == ours.to_ascii_lowercase())
        {
            return Err(format!(
                "a POST was accepted with Digest {digests:?}, not {ours}"
            ));
        }
    }
    Ok(get.is_ok() || post.is_ok())
}

/// Sanitised output holds none of what is dangerous, and sanitising it again changes nothing.
fn check_sanitised(output: &str) -> Outcome {
    if let Some(violation) = html::violation(output) {
        return Err(format!("{violation} in {output:?}"));
    }
    let again = content::sanitize(output);
    if again != output {
        let same = output
            .char_indices()
            .zip(again.chars())
            .find(|((_, a), b)| a != b)
            .map_or(output.len().min(again.len()), |((i, _), _)| i);
        let around = |text: &str| -> String {
            let mut start = same.saturating_sub(40);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            text[start..].chars().take(100).collect()
        };
        return Err(format!(
            "sanitising again changes …{:?} into …{:?}",
            around(output),
            around(&again)
        ));
    }
    Ok(true)
}

/// Remote HTML is sanitised as received, up to the length read of it.
fn sanitize(input: &[u8]) -> Outcome {
    let input = &input[..input.len().min(remote::MAX_REMOTE_TEXT_BYTES)];
    check_sanitised(&content::sanitize(&String::from_utf8_lossy(input)))
}

/// Local accounts alice and bob, and carol@remote.example, are known.
struct Targets;

impl LinkTargets for Targets {
    fn mention_url(&self, mention: &Mention) -> Option<String> {
        match (mention.username.as_str(), mention.domain.as_deref()) {
            ("alice" | "bob", None) => Some(format!("https://local.example/@{}", mention.username)),
            ("carol", Some("remote.example")) => Some("https://remote.example/users/carol".into()),
            _ => None,
        }
    }

    fn hashtag_url(&self, hashtag: &str) -> String {
        format!("https://local.example/tags/{hashtag}")
    }
}

/// The most Markdown a status may have (statuses refuse longer sources).
const MAX_MARKDOWN_BYTES: usize = 64 * 1024;

fn markdown(input: &[u8]) -> Outcome {
    let source = String::from_utf8_lossy(&input[..input.len().min(MAX_MARKDOWN_BYTES)]);
    let _ = content::extract(&source);
    let _ = content::length(&source);
    check_sanitised(&content::render(&source, &Targets))
}

static INSTANCE: LazyLock<Option<Instance>> = LazyLock::new(|| {
    Some(Instance {
        domain: "local.example".into(),
        base_url: url::Url::parse("https://local.example/").ok()?,
        name: "Local".into(),
        description: String::new(),
        registration_mode: RegistrationMode::Open,
        max_status_chars: 500,
        max_media_attachments: 4,
        require_email_confirmation: false,
    })
});

fn handle(input: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(input);
    let mut accepted = false;
    if let Some((user, domain)) = split_handle(&text) {
        accepted = true;
        let again = format!("@{user}@{domain}");
        if split_handle(&again) != Some((user, domain)) {
            return Err(format!(
                "{text:?} splits into {user:?} and {domain:?}, which do not split back"
            ));
        }
    }
    let Some(instance) = INSTANCE.as_ref() else {
        return Err("no instance".into());
    };
    if let Ok(user) = username_of(instance, &text) {
        accepted = true;
        if user.is_empty() {
            return Err(format!("{text:?} names an empty username"));
        }
    }
    Ok(accepted)
}

fn media(input: &[u8]) -> Outcome {
    let limits = MediaLimits {
        max_bytes: 1 << 20,
        max_pixels: 4_096,
    };
    let mut accepted = false;
    for limits in [limits, MediaLimits::default()] {
        let Ok(probe) = media::probe(input, &limits) else {
            continue;
        };
        accepted = true;
        let pixels = u64::from(probe.width) * u64::from(probe.height);
        if pixels == 0 || pixels > limits.max_pixels {
            return Err(format!(
                "accepted {} × {} pixels over a limit of {}",
                probe.width, probe.height, limits.max_pixels
            ));
        }
        let magic = match probe.kind {
            MediaKind::Jpeg => input.starts_with(b"\xFF\xD8\xFF"),
            MediaKind::Png => input.starts_with(b"\x89PNG\r\n\x1a\n"),
            MediaKind::Gif => input.starts_with(b"GIF8"),
            MediaKind::Webp => input.get(8..12) == Some(b"WEBP"),
        };
        if !magic {
            return Err(format!("read as {:?} without its magic bytes", probe.kind));
        }
    }
    Ok(accepted)
}
