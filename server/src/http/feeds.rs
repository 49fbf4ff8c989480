//! RSS 2.0 and Atom feeds of public statuses: `/@username.rss`, `/@username.atom`,
//! `/tags/tag.rss` and `/tags/tag.atom`.

use std::io;
use std::sync::Arc;

use poem::http::StatusCode;
use poem::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use poem::web::{Data, Path};
use poem::{IntoResponse, Response, handler};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use rookery_domain::DomainError;
use rookery_domain::content::plain_text;
use rookery_domain::service::feeds::{self, FeedItem};
use rookery_domain::service::media;
use rookery_domain::types::{Account, Instance};

use crate::state::AppState;

/// How long readers and caches may keep a feed.
const CACHE_FOR: &str = "public, max-age=300";
/// The longest item title taken from a status's text, in characters.
const TITLE_CHARS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Rss,
    Atom,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml; charset=utf-8",
            Self::Atom => "application/atom+xml; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Rss => "rss",
            Self::Atom => "atom",
        }
    }
}

/// What a feed is about.
struct Channel {
    title: String,
    description: String,
    /// The web page the feed follows.
    link: String,
    /// The feed's own URL.
    feed_url: String,
    /// The one author of every item (an account's feed).
    author: Option<Account>,
}

fn display_name(account: &Account) -> &str {
    if account.display_name.is_empty() {
        &account.username
    } else {
        &account.display_name
    }
}

/// The title of an item: its content warning, else the start of its text.
fn item_title(item: &FeedItem) -> String {
    let status = &item.status;
    if !status.content_warning.is_empty() {
        return status.content_warning.clone();
    }
    let text = plain_text(&status.content_html);
    let words: Vec<&str> = text.split_whitespace().collect();
    let text = words.join(" ");
    if text.is_empty() {
        return format!("New status by @{}", item.author.acct());
    }
    if text.chars().count() <= TITLE_CHARS {
        return text;
    }
    let mut short: String = text.chars().take(TITLE_CHARS - 1).collect();
    short.push('…');
    short
}

type Xml = Writer<Vec<u8>>;

fn text(writer: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn declaration(writer: &mut Xml) -> io::Result<()> {
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
}

/// The pictures of an item as (URL, type); copies of remote ones when there are.
fn pictures(instance: &Instance, item: &FeedItem) -> Vec<(String, String)> {
    item.media
        .iter()
        .filter_map(|attachment| {
            let file = attachment.original.as_ref()?;
            Some((media::url(instance, &file.key), file.content_type.clone()))
        })
        .collect()
}

fn rss(instance: &Instance, channel: &Channel, items: &[FeedItem]) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    declaration(&mut writer)?;
    writer
        .create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
        .write_inner_content(|writer| {
            writer.create_element("channel").write_inner_content(|w| {
                text(w, "title", &channel.title)?;
                text(w, "link", &channel.link)?;
                text(w, "description", &channel.description)?;
                w.create_element("atom:link")
                    .with_attribute(("href", channel.feed_url.as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", Format::Rss.content_type()))
                    .write_empty()?;
                text(w, "generator", "Rookery")?;
                if let Some(newest) = items.first() {
                    text(w, "lastBuildDate", &newest.status.created_at.to_rfc2822())?;
                }
                for item in items {
                    rss_item(w, instance, item)?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(writer.into_inner())
}

fn rss_item(writer: &mut Xml, instance: &Instance, item: &FeedItem) -> io::Result<()> {
    let status = &item.status;
    writer.create_element("item").write_inner_content(|w| {
        text(w, "title", &item_title(item))?;
        text(w, "link", &status.url)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&status.url))?;
        text(w, "pubDate", &status.created_at.to_rfc2822())?;
        // Sanitised HTML, escaped as the element's text.
        text(w, "description", &status.content_html)?;
        for (url, content_type) in pictures(instance, item) {
            w.create_element("enclosure")
                .with_attribute(("url", url.as_str()))
                .with_attribute(("type", content_type.as_str()))
                .with_attribute(("length", "0"))
                .write_empty()?;
        }
        for tag in &item.tags {
            text(w, "category", tag)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn atom_author(writer: &mut Xml, account: &Account) -> io::Result<()> {
    writer.create_element("author").write_inner_content(|w| {
        text(w, "name", display_name(account))?;
        text(w, "uri", &account.url)?;
        Ok(())
    })?;
    Ok(())
}

fn atom(instance: &Instance, channel: &Channel, items: &[FeedItem]) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    declaration(&mut writer)?;
    let updated = items
        .iter()
        .map(|item| item.status.edited_at.unwrap_or(item.status.created_at))
        .max()
        .or_else(|| channel.author.as_ref().map(|a| a.updated_at))
        .unwrap_or_else(chrono::Utc::now);
    writer
        .create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .write_inner_content(|w| {
            text(w, "id", &channel.feed_url)?;
            text(w, "title", &channel.title)?;
            text(w, "subtitle", &channel.description)?;
            text(w, "updated", &updated.to_rfc3339())?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", channel.link.as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", Format::Atom.content_type()))
                .with_attribute(("href", channel.feed_url.as_str()))
                .write_empty()?;
            if let Some(author) = &channel.author {
                atom_author(w, author)?;
            }
            text(w, "generator", "Rookery")?;
            for item in items {
                atom_entry(w, instance, item)?;
            }
            Ok(())
        })?;
    Ok(writer.into_inner())
}

fn atom_entry(writer: &mut Xml, instance: &Instance, item: &FeedItem) -> io::Result<()> {
    let status = &item.status;
    writer.create_element("entry").write_inner_content(|w| {
        text(w, "id", &status.ap_id)?;
        text(w, "title", &item_title(item))?;
        text(
            w,
            "updated",
            &status.edited_at.unwrap_or(status.created_at).to_rfc3339(),
        )?;
        text(w, "published", &status.created_at.to_rfc3339())?;
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("href", status.url.as_str()))
            .write_empty()?;
        atom_author(w, &item.author)?;
        if !status.content_warning.is_empty() {
            text(w, "summary", &status.content_warning)?;
        }
        // Sanitised HTML, escaped as the element's text.
        w.create_element("content")
            .with_attribute(("type", "html"))
            .write_text_content(BytesText::new(&status.content_html))?;
        for (url, content_type) in pictures(instance, item) {
            w.create_element("link")
                .with_attribute(("rel", "enclosure"))
                .with_attribute(("type", content_type.as_str()))
                .with_attribute(("href", url.as_str()))
                .write_empty()?;
        }
        for tag in &item.tags {
            w.create_element("category")
                .with_attribute(("term", tag.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn respond(instance: &Instance, format: Format, channel: &Channel, items: &[FeedItem]) -> Response {
    let body = match format {
        Format::Rss => rss(instance, channel, items),
        Format::Atom => atom(instance, channel, items),
    };
    match body {
        Ok(body) => Response::builder()
            .header(CONTENT_TYPE, format.content_type())
            .header(CACHE_CONTROL, CACHE_FOR)
            .body(body),
        Err(error) => failed(&DomainError::Internal(error.to_string())),
    }
}

fn failed(error: &DomainError) -> Response {
    match error {
        DomainError::NotFound(_) => (StatusCode::NOT_FOUND, "not found").into_response(),
        error => {
            tracing::error!(%error, "a feed could not be made");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

async fn account_feed(state: &AppState, username: &str, format: Format) -> Response {
    let (account, items) = match feeds::account(&state.app.db, username).await {
        Ok(feed) => feed,
        Err(error) => return failed(&error),
    };
    let acct = format!("@{}@{}", account.username, state.app.instance().domain);
    let channel = Channel {
        title: format!("{} ({acct})", display_name(&account)),
        description: format!("Public posts from {acct}"),
        link: account.url.clone(),
        feed_url: state.app.instance().url(&format!(
            "/@{}.{}",
            account.username,
            format.extension()
        )),
        author: Some(account),
    };
    respond(state.app.instance(), format, &channel, &items)
}

async fn hashtag_feed(state: &AppState, tag: &str, format: Format) -> Response {
    let (name, items) = match feeds::hashtag(&state.app.db, tag).await {
        Ok(feed) => feed,
        Err(error) => return failed(&error),
    };
    let channel = Channel {
        title: format!("#{name}"),
        description: format!(
            "Public posts tagged #{name} on {}",
            state.app.instance().domain
        ),
        link: state.app.instance().url("/"),
        feed_url: state
            .app
            .instance()
            .url(&format!("/tags/{name}.{}", format.extension())),
        author: None,
    };
    respond(state.app.instance(), format, &channel, &items)
}

/// `/@username.rss`
#[handler]
pub async fn account_rss(state: Data<&Arc<AppState>>, Path(username): Path<String>) -> Response {
    account_feed(&state, &username, Format::Rss).await
}

/// `/@username.atom`
#[handler]
pub async fn account_atom(state: Data<&Arc<AppState>>, Path(username): Path<String>) -> Response {
    account_feed(&state, &username, Format::Atom).await
}

/// `/tags/tag.rss`
#[handler]
pub async fn hashtag_rss(state: Data<&Arc<AppState>>, Path(tag): Path<String>) -> Response {
    hashtag_feed(&state, &tag, Format::Rss).await
}

/// `/tags/tag.atom`
#[handler]
pub async fn hashtag_atom(state: Data<&Arc<AppState>>, Path(tag): Path<String>) -> Response {
    hashtag_feed(&state, &tag, Format::Atom).await
}
