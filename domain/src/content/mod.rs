//! Status content: Markdown rendering, mention/hashtag extraction, HTML sanitising and length.

mod markdown;
mod nesting;
mod quote_fallback;
mod sanitize;
mod tokens;

pub use markdown::{escape, extract, render};
pub use quote_fallback::{with_quote_fallback, without_quote_fallback};
pub use sanitize::sanitize;

use tokens::{Kind, tokens};

/// A mention as written: `@alice` (domain None) or `@alice@example.org`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The username, lowercased.
    pub username: String,
    /// The domain (with any port), lowercased; None for a local mention.
    pub domain: Option<String>,
}

impl Mention {
    fn new(username: &str, domain: Option<&str>) -> Self {
        Self {
            username: username.to_lowercase(),
            domain: domain.map(str::to_lowercase),
        }
    }
}

/// What a status mentions and tags, in first-seen order, without duplicates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Mentioned accounts.
    pub mentions: Vec<Mention>,
    /// Hashtags, lowercased, without '#'.
    pub hashtags: Vec<String>,
}

/// Where mentions and hashtags link to; mentions that return None stay plain text.
pub trait LinkTargets {
    /// The (absolute) URL of a mentioned account's profile, if it is known.
    fn mention_url(&self, mention: &Mention) -> Option<String>;
    /// The (absolute) URL of a hashtag's page; the argument is lowercased.
    fn hashtag_url(&self, hashtag: &str) -> String;
}

/// Length as Mastodon counts it: characters (Unicode scalar values), every URL counts as 23,
/// and a remote mention `@user@domain` counts as `@user`.
pub fn length(source: &str) -> usize {
    tokens(source)
        .into_iter()
        .fold(source.chars().count(), |length, token| match token.kind {
            Kind::Url => length - source[token.range].chars().count() + 23,
            Kind::Mention {
                domain: Some(domain),
                ..
            } => length - domain.chars().count() - 1,
            Kind::Mention { domain: None, .. } | Kind::Hashtag(_) => length,
        })
}

/// Elements that stand apart from the text around them: they become a space in plain
/// text. The others (links, emphasis, code) run on with their neighbours.
const BLOCK_ELEMENTS: [&str; 7] = ["p", "br", "li", "ul", "ol", "blockquote", "pre"];

/// What a reader sees of sanitised HTML: paragraphs, lines and list items are apart, inline
/// elements (a mention's `@`, a hashtag's `#` and its name) run on with the text around
/// them; the entities the sanitiser writes are decoded.
pub fn plain_text(html: &str) -> String {
    static TAG: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let text = match TAG.get_or_init(|| regex::Regex::new("</?([A-Za-z0-9]*)[^>]*>").ok()) {
        Some(tag) => tag
            .replace_all(html, |found: &regex::Captures<'_>| {
                let name = found[1].to_ascii_lowercase();
                if BLOCK_ELEMENTS.contains(&name.as_str()) {
                    " "
                } else {
                    ""
                }
            })
            .into_owned(),
        None => html.to_owned(),
    };
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A status's searchable text: its content warning, then its text without markup.
pub fn searchable_text(content_warning: &str, content_html: &str) -> String {
    format!("{content_warning}\n{}", plain_text(content_html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_decodes_entities() {
        assert_eq!(
            plain_text("<p>Tom &amp; <a href=\"x\">Jerry</a> &lt;3 &quot;hi&quot;</p>").trim(),
            "Tom & Jerry <3 \"hi\""
        );
        assert_eq!(
            plain_text("<p>a<br>b</p><p>c</p><ul><li>d</li><li>e</li></ul>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["a", "b", "c", "d", "e"]
        );
    }

    #[test]
    fn length_counts_characters() {
        assert_eq!(length(""), 0);
        assert_eq!(length("hello"), 5);
        assert_eq!(length("café 日本"), 7);
        assert_eq!(length("#tag @alice"), 11);
    }

    #[test]
    fn length_counts_urls_as_23() {
        assert_eq!(length("https://x.org"), 23);
        assert_eq!(
            length("see https://example.org/a/very/long/path/that/goes/on/and/on."),
            4 + 23 + 1
        );
        assert_eq!(length("http://a.b http://c.d"), 23 + 1 + 23);
    }

    #[test]
    fn length_counts_remote_mentions_as_local() {
        assert_eq!(length("@alice@example.org hi"), length("@alice hi"));
        assert_eq!(length("@bob@localhost:8080"), 4);
        assert_eq!(length("bob@example.org"), 15);
    }
}
