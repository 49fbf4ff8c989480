//! Status content: Markdown rendering, mention/hashtag extraction, hashtag names, HTML
//! sanitising and length.

mod markdown;
mod nesting;
mod quote_fallback;
mod sanitize;
mod tokens;

pub use markdown::{escape, extract, field_html, field_mentions, hashtags_as_written, render};
pub use quote_fallback::{with_quote_fallback, without_quote_fallback};
pub use sanitize::sanitize;

use tokens::{Kind, tokens};
use unicode_segmentation::UnicodeSegmentation;

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
    /// Whether hashtags are linked at all (else they stay plain text).
    fn links_hashtags(&self) -> bool {
        true
    }
}

/// Links URLs only: mentions and hashtags stay text.
pub struct UrlsOnly;

impl LinkTargets for UrlsOnly {
    fn mention_url(&self, _mention: &Mention) -> Option<String> {
        None
    }

    fn hashtag_url(&self, _hashtag: &str) -> String {
        String::new()
    }

    fn links_hashtags(&self) -> bool {
        false
    }
}

/// How many characters a URL counts for in a status's length, however long it is.
pub const CHARACTERS_RESERVED_PER_URL: usize = 23;

/// Length as Mastodon counts it: characters as readers see them (grapheme clusters, so
/// that a family emoji or an accented letter is one), every URL counts as
/// [`CHARACTERS_RESERVED_PER_URL`], and a remote mention `@user@domain` counts as `@user`.
pub fn length(source: &str) -> usize {
    tokens(source)
        .into_iter()
        .fold(characters(source), |length, token| match token.kind {
            Kind::Url => {
                length.saturating_sub(characters(&source[token.range]))
                    + CHARACTERS_RESERVED_PER_URL
            }
            Kind::Mention {
                domain: Some(domain),
                ..
            } => length.saturating_sub(characters(domain) + 1),
            Kind::Mention { domain: None, .. } | Kind::Hashtag(_) => length,
        })
}

/// How many characters readers see in `text` (grapheme clusters), URLs and all.
pub fn characters(text: &str) -> usize {
    text.graphemes(true).count()
}

/// `text` without surrounding whitespace; empty when it shows nothing at all: only
/// whitespace and invisible characters (zero-width spaces and joiners, byte order marks,
/// soft hyphens, variation selectors, blank fillers and other format characters).
pub fn shown(text: &str) -> &str {
    let text = text.trim();
    if text.chars().all(|c| c.is_whitespace() || invisible(c)) {
        ""
    } else {
        text
    }
}

/// Characters that show nothing: Unicode's default-ignorable code points, and the blank
/// fillers (Hangul, Braille) that are letters or symbols only in name.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
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

/// A hashtag's name as statuses carry it: without `#`, lowercased.
pub fn name_of(tag: &str) -> crate::DomainResult<String> {
    let name = tag.trim().trim_start_matches('#').to_lowercase();
    let valid = !name.is_empty()
        && name.chars().count() <= 100
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(crate::DomainError::validation("tag", "not a hashtag"));
    }
    Ok(name)
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
    fn length_counts_what_readers_see_as_one_character_once() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}";
        assert_eq!(length(family), 1);
        assert_eq!(length(&family.repeat(715)), 715);
        assert_eq!(length("e\u{301}"), 1);
        assert_eq!(length("\u{1F1EB}\u{1F1F7}"), 1);
        assert_eq!(length("\u{1F44B}\u{1F3FD} https://x.org"), 1 + 1 + 23);
    }

    #[test]
    fn text_of_invisible_characters_shows_nothing() {
        for blank in [
            "",
            "  ",
            "\u{200B}",
            " \u{200B}\u{200D}\u{FEFF}\n",
            "\u{3164}",
            "\u{E0041}",
        ] {
            assert_eq!(shown(blank), "", "{blank:?}");
        }
        assert_eq!(shown("  a\u{200B}b \n"), "a\u{200B}b");
        assert_eq!(shown("\u{200B}hi"), "\u{200B}hi");
    }

    #[test]
    fn length_counts_remote_mentions_as_local() {
        assert_eq!(length("@alice@example.org hi"), length("@alice hi"));
        assert_eq!(length("@bob@localhost:8080"), 4);
        assert_eq!(length("bob@example.org"), 15);
    }
}
