//! Renders Markdown statuses to HTML and extracts their mentions and hashtags.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeStream};

use super::tokens::{Kind, tokens};
use super::{Extracted, LinkTargets, Mention, sanitize};

/// The Markdown events of `source`, each with whether its text may hold mentions, hashtags and
/// URLs (not inside code blocks, links or images; code spans and HTML are events of their own).
fn events(source: &str) -> impl Iterator<Item = (Event<'_>, bool)> {
    let parser = Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH);
    TextMergeStream::new(parser).scan(0_usize, |opaque_depth, event| {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => {
                *opaque_depth += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image) => {
                *opaque_depth = opaque_depth.saturating_sub(1);
            }
            _ => {}
        }
        Some((event, *opaque_depth == 0))
    })
}

/// What a status mentions and tags, in first-seen order, without duplicates.
pub fn extract(source: &str) -> Extracted {
    let mut extracted = Extracted::default();
    for (event, linkable) in events(source) {
        let Event::Text(text) = event else { continue };
        if !linkable {
            continue;
        }
        for token in tokens(&text) {
            match token.kind {
                Kind::Mention { username, domain } => {
                    push_new(&mut extracted.mentions, Mention::new(username, domain));
                }
                Kind::Hashtag(hashtag) => push_new(&mut extracted.hashtags, hashtag.to_lowercase()),
                Kind::Url => {}
            }
        }
    }
    extracted
}

/// The hashtags of `source` as first written (`Fediverse`, where [`extract`] gives
/// `fediverse`), one for each name whatever its case.
pub fn hashtags_as_written(source: &str) -> Vec<String> {
    let mut written: Vec<String> = Vec::new();
    for (event, linkable) in events(source) {
        let Event::Text(text) = event else { continue };
        if !linkable {
            continue;
        }
        for token in tokens(&text) {
            if let Kind::Hashtag(hashtag) = token.kind
                && !written
                    .iter()
                    .any(|seen| seen.to_lowercase() == hashtag.to_lowercase())
            {
                written.push(hashtag.to_owned());
            }
        }
    }
    written
}

fn push_new<T: PartialEq>(items: &mut Vec<T>, item: T) {
    if !items.contains(&item) {
        items.push(item);
    }
}

/// Markdown source → sanitised HTML.
///
/// Raw HTML in the source is shown as text; headings become bold paragraphs, images become links
/// to the image, and line breaks become `<br>`.
pub fn render(source: &str, targets: &impl LinkTargets) -> String {
    let mut html = String::with_capacity(source.len() * 2);
    let mut events = events(source).peekable();
    while let Some((event, linkable)) = events.next() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                html.push_str(&format!("<a href=\"{}\">", escape(&dest_url)));
                if matches!(events.peek(), Some((Event::End(TagEnd::Image), _))) {
                    html.push_str(&escape(&dest_url));
                }
            }
            Event::Start(tag) => open(&mut html, tag),
            Event::End(TagEnd::HtmlBlock) => {
                // Each line of an HTML block ends with a newline, made `<br>` like the others.
                let trimmed = html.strip_suffix("<br>").map_or(html.len(), str::len);
                html.truncate(trimmed);
                html.push_str("</p>");
            }
            Event::End(tag) => html.push_str(close(tag)),
            Event::Text(text) if linkable => linkify(&mut html, &text, targets, URL_REL),
            Event::Text(text) => html.push_str(&escape(&text)),
            Event::Code(code) => html.push_str(&format!("<code>{}</code>", escape(&code))),
            Event::Html(raw) | Event::InlineHtml(raw) => {
                html.push_str(&escape(&raw).replace('\n', "<br>"));
            }
            Event::SoftBreak | Event::HardBreak => html.push_str("<br>"),
            _ => {}
        }
    }
    sanitize(&html)
}

fn open(html: &mut String, tag: Tag) {
    match tag {
        Tag::Paragraph | Tag::HtmlBlock => html.push_str("<p>"),
        Tag::Heading { .. } => html.push_str("<p><strong>"),
        Tag::BlockQuote(_) => html.push_str("<blockquote>"),
        Tag::CodeBlock(_) => html.push_str("<pre><code>"),
        Tag::List(Some(1)) => html.push_str("<ol>"),
        Tag::List(Some(start)) => html.push_str(&format!("<ol start=\"{start}\">")),
        Tag::List(None) => html.push_str("<ul>"),
        Tag::Item => html.push_str("<li>"),
        Tag::Emphasis => html.push_str("<em>"),
        Tag::Strong => html.push_str("<strong>"),
        Tag::Strikethrough => html.push_str("<del>"),
        Tag::Link {
            link_type,
            dest_url,
            ..
        } => {
            let mailto = if link_type == LinkType::Email {
                "mailto:"
            } else {
                ""
            };
            html.push_str(&format!("<a href=\"{mailto}{}\">", escape(&dest_url)));
        }
        _ => {}
    }
}

fn close(tag: TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph => "</p>",
        TagEnd::Heading(_) => "</strong></p>",
        TagEnd::BlockQuote(_) => "</blockquote>",
        TagEnd::CodeBlock => "</code></pre>",
        TagEnd::List(true) => "</ol>",
        TagEnd::List(false) => "</ul>",
        TagEnd::Item => "</li>",
        TagEnd::Emphasis => "</em>",
        TagEnd::Strong => "</strong>",
        TagEnd::Strikethrough => "</del>",
        TagEnd::Link | TagEnd::Image => "</a>",
        _ => "",
    }
}

/// The `rel` of a link to a URL written in a status.
const URL_REL: &str = "nofollow noopener noreferrer";

/// The `rel` of a link to a URL written in a profile field: `me` claims the page as the
/// owner's, which the page confirms by linking back (rel=me verification).
const FIELD_URL_REL: &str = "me nofollow noopener noreferrer";

/// A profile field's value (plain text, not Markdown) as HTML, as Mastodon writes it:
/// escaped, with its mentions, hashtags and URLs linked, URLs with `rel="me …"`. Not
/// sanitised afterwards, which would replace the `rel`: everything but the links is escaped.
pub fn field_html(value: &str, targets: &impl LinkTargets) -> String {
    let mut html = String::with_capacity(value.len() * 2);
    linkify(&mut html, value, targets, FIELD_URL_REL);
    html
}

/// The mentions a profile field's value (plain text) names, in first-seen order.
pub fn field_mentions(value: &str) -> Vec<Mention> {
    let mut mentions = Vec::new();
    for token in tokens(value) {
        if let Kind::Mention { username, domain } = token.kind {
            push_new(&mut mentions, Mention::new(username, domain));
        }
    }
    mentions
}

/// Writes `text` with its mentions, hashtags and URLs linked, URLs with `url_rel`.
fn linkify(html: &mut String, text: &str, targets: &impl LinkTargets, url_rel: &str) {
    let mut written = 0;
    for token in tokens(text) {
        let link = match token.kind {
            Kind::Mention { username, domain } => {
                let Some(url) = targets.mention_url(&Mention::new(username, domain)) else {
                    continue;
                };
                format!(
                    "<span class=\"h-card\"><a href=\"{}\" class=\"u-url mention\">@<span>{}</span></a></span>",
                    escape(&url),
                    escape(username)
                )
            }
            Kind::Hashtag(_) if !targets.links_hashtags() => continue,
            Kind::Hashtag(hashtag) => format!(
                "<a href=\"{}\" class=\"mention hashtag\" rel=\"tag\">#<span>{}</span></a>",
                escape(&targets.hashtag_url(&hashtag.to_lowercase())),
                escape(hashtag)
            ),
            Kind::Url => {
                let url = escape(&text[token.range.clone()]);
                format!("<a href=\"{url}\" rel=\"{url_rel}\" target=\"_blank\">{url}</a>")
            }
        };
        html.push_str(&escape(&text[written..token.range.start]));
        html.push_str(&link);
        written = token.range.end;
    }
    html.push_str(&escape(&text[written..]));
}

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Local accounts alice and bob, and carol@remote.example, are known.
    struct Targets;

    impl LinkTargets for Targets {
        fn mention_url(&self, mention: &Mention) -> Option<String> {
            match (mention.username.as_str(), mention.domain.as_deref()) {
                ("alice" | "bob", None) => {
                    Some(format!("https://local.example/@{}", mention.username))
                }
                ("carol", Some("remote.example")) => {
                    Some("https://remote.example/users/carol".to_owned())
                }
                ("dev", Some("localhost:8080")) => Some("http://localhost:8080/@dev".to_owned()),
                _ => None,
            }
        }

        fn hashtag_url(&self, hashtag: &str) -> String {
            format!("https://local.example/tags/{hashtag}")
        }
    }

    fn html(source: &str) -> String {
        render(source, &Targets)
    }

    const REL: &str = r#"target="_blank" rel="nofollow noopener noreferrer""#;

    #[test]
    fn field_values_are_escaped_text_with_links_that_claim_pages() {
        assert_eq!(
            field_html("https://alice.example/about?a=1&b=2", &Targets),
            "<a href=\"https://alice.example/about?a=1&amp;b=2\" rel=\"me nofollow noopener noreferrer\" target=\"_blank\">https://alice.example/about?a=1&amp;b=2</a>"
        );
        assert_eq!(
            field_html("<b>x</b> *not markdown*", &Targets),
            "&lt;b&gt;x&lt;/b&gt; *not markdown*"
        );
        let mixed = field_html("@alice and #Birds", &Targets);
        assert!(
            mixed.starts_with("<span class=\"h-card\"><a href=\"https://local.example/@alice\""),
            "{mixed}"
        );
        assert!(
            mixed.contains("href=\"https://local.example/tags/birds\""),
            "{mixed}"
        );
        assert_eq!(
            field_mentions("@alice @Alice @carol@remote.example"),
            vec![
                Mention::new("alice", None),
                Mention::new("carol", Some("remote.example"))
            ]
        );
    }

    fn mention(url: &str, username: &str) -> String {
        format!(
            r#"<span class="h-card"><a href="{url}" class="u-url mention" {REL}>@<span>{username}</span></a></span>"#
        )
    }

    fn hashtag(tag: &str, written: &str) -> String {
        format!(
            r#"<a href="https://local.example/tags/{tag}" class="mention hashtag" {REL}>#<span>{written}</span></a>"#
        )
    }

    fn local(username: &str) -> Mention {
        Mention {
            username: username.to_owned(),
            domain: None,
        }
    }

    fn remote(username: &str, domain: &str) -> Mention {
        Mention {
            username: username.to_owned(),
            domain: Some(domain.to_owned()),
        }
    }

    #[test]
    fn extracts_mentions() {
        let extracted = extract(
            "@Alice hi @carol@Remote.Example and @dev@localhost:8080, @x@127.0.0.1:3000 @alice",
        );
        assert_eq!(
            extracted.mentions,
            [
                local("alice"),
                remote("carol", "remote.example"),
                remote("dev", "localhost:8080"),
                remote("x", "127.0.0.1:3000"),
            ]
        );
        assert!(extracted.hashtags.is_empty());
    }

    #[test]
    fn emails_and_urls_are_not_mentions() {
        assert_eq!(
            extract("mail bob@example.org or see https://x.org/@alice and <carol@remote.example>"),
            Extracted::default()
        );
    }

    #[test]
    fn code_links_and_html_are_not_scanned() {
        let source = "`@alice #a` [@bob #b](https://x.org/#c) <span title=\"@carol #d\">\n\n```\n@dev #e\n```\n\n    @dev #f\n\n![#g @bob](https://x.org/i.png)";
        assert_eq!(extract(source), Extracted::default());
        assert_eq!(
            html("`@alice #a` and\n\n```\n@bob #b https://x.org\n```"),
            "<p><code>@alice #a</code> and</p><pre><code>@bob #b https://x.org\n</code></pre>"
        );
    }

    #[test]
    fn extracts_hashtags() {
        assert_eq!(
            extract("#Rust #café #日本 #2024 a#b &#39; https://x.org/#frag **#rust** #RUST")
                .hashtags,
            ["rust", "café", "日本"]
        );
        assert_eq!(
            hashtags_as_written("#Rust #café `#Code` #2024 **#rust** #RUST #Café"),
            ["Rust", "café"]
        );
    }

    #[test]
    fn renders_mentions() {
        assert_eq!(
            html("hi @Alice, @carol@remote.example and @dev@localhost:8080!"),
            format!(
                "<p>hi {}, {} and {}!</p>",
                mention("https://local.example/@alice", "Alice"),
                mention("https://remote.example/users/carol", "carol"),
                mention("http://localhost:8080/@dev", "dev"),
            )
        );
    }

    #[test]
    fn unresolved_mentions_stay_plain_text() {
        assert_eq!(
            html("hi @nobody and @carol@elsewhere.example"),
            "<p>hi @nobody and @carol@elsewhere.example</p>"
        );
    }

    #[test]
    fn renders_hashtags_and_urls() {
        assert_eq!(
            html("#Café at https://x.org/a?b=1&c=2#d."),
            format!(
                r#"<p>{} at <a href="https://x.org/a?b=1&amp;c=2#d" {REL}>https://x.org/a?b=1&amp;c=2#d</a>.</p>"#,
                hashtag("café", "Café")
            )
        );
    }

    #[test]
    fn renders_markdown_links_and_images() {
        assert_eq!(
            html(
                "[site](https://x.org) <https://y.org> <a@b.org> ![alt](https://x.org/i.png) ![](https://x.org/j.png)"
            ),
            format!(
                r#"<p><a href="https://x.org" {REL}>site</a> <a href="https://y.org" {REL}>https://y.org</a> <a href="mailto:a@b.org" {REL}>a@b.org</a> <a href="https://x.org/i.png" {REL}>alt</a> <a href="https://x.org/j.png" {REL}>https://x.org/j.png</a></p>"#
            )
        );
    }

    #[test]
    fn escapes_text_once() {
        assert_eq!(
            html("a & b &amp; c < d \"q\" 'x'"),
            "<p>a &amp; b &amp; c &lt; d \"q\" 'x'</p>"
        );
    }

    #[test]
    fn raw_html_is_escaped() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
        assert_eq!(
            html("hi <b onclick=\"x()\">@alice</b>"),
            format!(
                "<p>hi &lt;b onclick=\"x()\"&gt;{}&lt;/b&gt;</p>",
                mention("https://local.example/@alice", "alice")
            )
        );
        assert_eq!(
            html("<div>\none\ntwo\n</div>\n\nafter"),
            "<p>&lt;div&gt;<br>one<br>two<br>&lt;/div&gt;</p><p>after</p>"
        );
        assert_eq!(
            html("[x](javascript:alert(1))"),
            format!("<p><a {REL}>x</a></p>")
        );
    }

    #[test]
    fn renders_block_markup() {
        assert_eq!(
            html("# Title\n\n> quoted\n> ~~gone~~\n\n- one\n- *two*\n\n3. three\n4. **four**"),
            "<p><strong>Title</strong></p><blockquote><p>quoted<br><del>gone</del></p></blockquote><ul><li>one</li><li><em>two</em></li></ul><ol start=\"3\"><li>three</li><li><strong>four</strong></li></ol>"
        );
    }

    #[test]
    fn soft_and_hard_breaks_become_br() {
        assert_eq!(
            html("one\ntwo  \nthree\n\nfour"),
            "<p>one<br>two<br>three</p><p>four</p>"
        );
    }

    #[test]
    fn never_panics() {
        let long = "@alice #tag https://x.org/(a) **b** > c\n".repeat(5_000);
        let deep = format!("{}x", "> ".repeat(2_000));
        let nested = format!("{}x{}", "*[".repeat(2_000), "](y)*".repeat(2_000));
        for source in [
            "",
            "@",
            "#",
            "@@",
            "##",
            "@#",
            "#@",
            "http://",
            "https://",
            "```",
            "```\n@alice #a",
            "~~~",
            "`",
            "<",
            "<!--",
            "&",
            "&#0;",
            "\u{0}",
            "\u{feff}",
            "é́🦀👩‍👩‍👧",
            "@alice@",
            "@alice@@x",
            "[",
            "![",
            "[](",
            "*_~~",
            "\t\n\r\n",
            &long,
            &deep,
            &nested,
        ] {
            let rendered = html(source);
            assert!(!rendered.contains("<script"), "{source}");
            extract(source);
            super::super::length(source);
            sanitize(source);
        }
    }
}
