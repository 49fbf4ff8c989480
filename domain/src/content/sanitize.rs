//! Sanitises HTML to the allowlist Mastodon uses for status content.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

use super::nesting;

const TAGS: [&str; 17] = [
    "p",
    "br",
    "a",
    "span",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "del",
    "s",
];

/// Elements removed together with their content (the other disallowed ones keep their text).
const REMOVED_WITH_CONTENT: [&str; 7] = [
    "script", "style", "iframe", "noscript", "template", "svg", "math",
];

const CLASSES: [&str; 6] = [
    "h-card",
    "u-url",
    "mention",
    "hashtag",
    "invisible",
    "ellipsis",
];

const URL_SCHEMES: [&str; 13] = [
    "http", "https", "mailto", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet",
    "gemini", "matrix",
];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .tags(HashSet::from(TAGS))
        .clean_content_tags(HashSet::from(REMOVED_WITH_CONTENT))
        .generic_attributes(HashSet::new())
        .tag_attributes(HashMap::from([
            ("a", HashSet::from(["href", "class"])),
            ("span", HashSet::from(["class"])),
            ("ol", HashSet::from(["start"])),
            ("li", HashSet::from(["value"])),
        ]))
        .attribute_filter(keep_allowed_classes)
        .url_schemes(HashSet::from(URL_SCHEMES))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("nofollow noopener noreferrer"))
        .set_tag_attribute_value("a", "target", "_blank");
    builder
});

/// Sanitises any HTML (ours or a remote server's) to the allowlist.
///
/// Every `<a>` ends up with `rel="nofollow noopener noreferrer"` (replacing any `rel`, such as a
/// hashtag's `rel="tag"`) and `target="_blank"`; hrefs must be absolute with an allowed scheme.
pub fn sanitize(html: &str) -> String {
    // The cleaned tree may be one that parsing its own output does not build again (a `<p>`
    // left inside another where a `<select>` was dropped; a link's attributes reordered where
    // one was dropped): the second cleaning starts from what a browser reads of the first,
    // so that sanitised HTML sanitises to itself.
    if !nesting::too_deep(html) {
        let cleaned = clean(&clean(html));
        if !nesting::too_deep(&cleaned) {
            return cleaned;
        }
    }
    // Parsing costs grow with nesting: what nests deeper than allowed is shown as text.
    clean(&html.replace('&', "&amp;").replace('<', "&lt;"))
}

/// One cleaning. Parsing drops a leading byte order mark, so all of them are dropped at once;
/// and it drops a newline right after `<pre>` that serialising does not write back, so it is
/// written back here (`<` is escaped everywhere but in tags).
fn clean(html: &str) -> String {
    SANITIZER
        .clean(html.trim_start_matches('\u{feff}'))
        .to_string()
        .replace("<pre>\n", "<pre>\n\n")
}

/// Keeps only the allowed classes, dropping the attribute if none is left.
fn keep_allowed_classes<'a>(
    _element: &str,
    attribute: &str,
    value: &'a str,
) -> Option<Cow<'a, str>> {
    if attribute != "class" {
        return Some(Cow::Borrowed(value));
    }
    let classes: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|class| CLASSES.contains(class))
        .collect();
    (!classes.is_empty()).then(|| Cow::Owned(classes.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_allowed_markup() {
        assert_eq!(
            sanitize(
                "<p>a <strong>b</strong> <em>c</em><br><del>d</del></p><ol start=\"3\"><li value=\"4\">x</li></ol>"
            ),
            "<p>a <strong>b</strong> <em>c</em><br><del>d</del></p><ol start=\"3\"><li value=\"4\">x</li></ol>"
        );
    }

    #[test]
    fn links_get_rel_and_target() {
        assert_eq!(
            sanitize(r#"<a href="https://x.org/" rel="me" target="_self" title="t">x</a>"#),
            r#"<a href="https://x.org/" target="_blank" rel="nofollow noopener noreferrer">x</a>"#
        );
    }

    #[test]
    fn removes_dangerous_urls_and_attributes() {
        assert_eq!(
            sanitize(r#"<a href="javascript:alert(1)" onclick="alert(1)">x</a>"#),
            r#"<a target="_blank" rel="nofollow noopener noreferrer">x</a>"#
        );
        assert_eq!(
            sanitize(r#"<a href="/relative">x</a><p style="color:red" onmouseover="x()">y</p>"#),
            r#"<a target="_blank" rel="nofollow noopener noreferrer">x</a><p>y</p>"#
        );
        assert_eq!(
            sanitize(r#"<a href="gemini://x.org/">g</a>"#),
            r#"<a href="gemini://x.org/" target="_blank" rel="nofollow noopener noreferrer">g</a>"#
        );
    }

    #[test]
    fn filters_classes() {
        assert_eq!(
            sanitize(
                r#"<span class="h-card evil"><a href="https://x.org/@a" class="u-url mention big">@a</a></span><span class="evil">e</span>"#
            ),
            r#"<span class="h-card"><a href="https://x.org/@a" class="u-url mention" target="_blank" rel="nofollow noopener noreferrer">@a</a></span><span>e</span>"#
        );
        assert_eq!(sanitize(r#"<p class="h-card">x</p>"#), "<p>x</p>");
    }

    #[test]
    fn removes_scripts_styles_iframes_and_images() {
        assert_eq!(
            sanitize(
                "<script>alert(1)</script><style>p{}</style><iframe src=\"https://x.org\">f</iframe><img src=\"https://x.org/i.png\" onerror=\"x()\">ok"
            ),
            "ok"
        );
        assert_eq!(
            sanitize("<div><h1>Title</h1><!-- c --><table><tr><td>t</td></tr></table></div>"),
            "Titlet"
        );
    }

    #[test]
    fn sanitising_twice_keeps_a_preformatted_leading_newline() {
        let once = sanitize("<pre>\n\nx</pre>");
        assert_eq!(once, "<pre>\n\nx</pre>");
        assert_eq!(sanitize(&once), once);
        assert_eq!(sanitize("<pre>\nx</pre>"), "<pre>x</pre>");
    }

    #[test]
    fn sanitising_twice_changes_nothing() {
        for html in [
            r#"<a href="https://x.org/" class="nofollow" target="_blank">x</a>"#,
            r#"<a href="/relative" class="mention">x</a>"#,
            r#"<a class="mention" href="https://x.org/">x</a>"#,
            r#"<a title="<pre>" href="https://x.org/<a b=&quot;>" class="evil hashtag" rel="tag">x</a>"#,
            "<p>h<select>x</p>",
        ] {
            let once = sanitize(html);
            assert_eq!(sanitize(&once), once, "{html}");
        }
        assert_eq!(
            sanitize(r#"<a href="https://x.org/" class="nofollow" target="_self">x</a>"#),
            r#"<a href="https://x.org/" target="_blank" rel="nofollow noopener noreferrer">x</a>"#
        );
        assert_eq!(
            sanitize("<a href=\"https://x.org/<pre>\n\" class=\"mention\">x</a>"),
            "<a href=\"https://x.org/&lt;pre&gt;\n\" class=\"mention\" target=\"_blank\" rel=\"nofollow noopener noreferrer\">x</a>"
        );
    }

    #[test]
    fn leading_byte_order_marks_are_dropped_all_at_once() {
        let once = sanitize("\u{feff}\u{feff}\u{feff}x\u{feff}");
        assert_eq!(once, "x\u{feff}");
        assert_eq!(sanitize(&once), once);
        let wrapped = sanitize("<div>\u{feff}\u{feff}y</div>");
        assert_eq!(sanitize(&wrapped), wrapped);
    }

    #[test]
    fn html_nested_too_deep_is_shown_as_text() {
        let deep = format!("{}x & y", "<blockquote>".repeat(1_000));
        let sanitised = sanitize(&deep);
        assert_eq!(
            sanitised,
            format!("{}x &amp; y", "&lt;blockquote&gt;".repeat(1_000))
        );
        assert_eq!(sanitize(&sanitised), sanitised);
        let shallow = format!("{}x", "<blockquote>".repeat(10));
        assert_eq!(sanitize(&shallow).matches("<blockquote>").count(), 10);
    }

    #[test]
    fn keeps_text_escaped() {
        assert_eq!(
            sanitize("a &amp; b &lt;script&gt; & c"),
            "a &amp; b &lt;script&gt; &amp; c"
        );
    }
}
