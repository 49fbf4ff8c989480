//! Bounds how deep HTML nests before it is parsed: the parser's work grows with the depth of
//! its open elements for every tag, so deep nesting would make one document cost seconds.

use std::collections::HashMap;

/// The deepest HTML is let nest (status HTML nests a handful of levels).
pub const MAX_DEPTH: usize = 64;

/// Elements that never hold anything, so never nest.
const VOID: [&str; 15] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements after which an end tag may not close what it names: raw text and foreign content
/// (where it may be text), templates, and the boundaries of the parser's scopes (where it is
/// ignored). Once one is seen, nothing is taken to close.
const UNTRUSTING: [&str; 20] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "svg",
    "math",
    "template",
    "table",
    "td",
    "th",
    "caption",
    "applet",
    "marquee",
    "object",
];

/// Whether `html` may open more than [`MAX_DEPTH`] elements at once.
///
/// The depth is overcounted rather than undercounted. Tags are read as the HTML tokenizer
/// reads them; every start tag of an element that can hold content opens one, and an end tag
/// closes one when a start tag of its name is still counted open. After an element whose
/// content or end tags the parser reads by other rules, end tags close nothing and every `<`
/// before a letter, wherever it stands, counts as a start tag.
pub fn too_deep(html: &str) -> bool {
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut depth = 0;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let (length, tag) = read_markup(rest);
        match tag {
            Markup::Start(name) if VOID.contains(&name.as_str()) => {}
            Markup::Start(name) if UNTRUSTING.contains(&name.as_str()) => {
                return untrusted_too_deep(rest, depth);
            }
            Markup::Start(name) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
                *open.entry(name).or_default() += 1;
            }
            Markup::End(name) => {
                if let Some(count) = open.get_mut(&name).filter(|count| **count > 0) {
                    *count -= 1;
                    depth -= 1;
                }
            }
            Markup::Other => {}
        }
        rest = &rest[length..];
    }
    false
}

/// [`too_deep`] for the rest of `html` once nothing is taken to close, `depth` elements deep:
/// `<` is a start tag wherever it stands before a letter.
fn untrusted_too_deep(html: &str, mut depth: usize) -> bool {
    /// Longer than any void element's name.
    const NAME_CHECKED: usize = 8;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| !(c.is_ascii_whitespace() || *c == '/' || *c == '>'))
            .take(NAME_CHECKED)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && !VOID.contains(&name.as_str()) {
            depth += 1;
            if depth > MAX_DEPTH {
                return true;
            }
        }
    }
    false
}

/// What starts at a `<`.
enum Markup {
    Start(String),
    End(String),
    /// A comment, a doctype, or a `<` that is text.
    Other,
}

/// Reads the markup at the start of `html` (which starts with `<`): its length and kind.
fn read_markup(html: &str) -> (usize, Markup) {
    let bytes = html.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    match at(1) {
        Some(b'!') if html[2..].starts_with("--") => (comment_length(html), Markup::Other),
        Some(b'!' | b'?') => (until_gt(html, 1), Markup::Other),
        Some(b'/') => match at(2) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (length, name) = read_tag(html, 2);
                (length, Markup::End(name))
            }
            // `</>` is dropped; `</` and anything else starts a bogus comment.
            _ => (until_gt(html, 2), Markup::Other),
        },
        Some(c) if c.is_ascii_alphabetic() => {
            let (length, name) = read_tag(html, 1);
            (length, Markup::Start(name))
        }
        _ => (1, Markup::Other),
    }
}

/// The length up to and with the first `>` from `from`, or all of `html`.
fn until_gt(html: &str, from: usize) -> usize {
    html[from..].find('>').map_or(html.len(), |i| from + i + 1)
}

/// The length of a comment starting `<!--`: it ends at `-->` or `--!>`, and at once when
/// `>` or `->` follows its start.
fn comment_length(html: &str) -> usize {
    let body = &html[4..];
    if body.starts_with('>') {
        return 5;
    }
    if body.starts_with("->") {
        return 6;
    }
    let mut from = 0;
    while let Some(dashes) = body[from..].find("--") {
        let after = from + dashes + 2;
        if body[after..].starts_with('>') {
            return 4 + after + 1;
        }
        if body[after..].starts_with("!>") {
            return 4 + after + 2;
        }
        from += dashes + 1;
    }
    html.len()
}

/// Reads a tag whose name starts at `from`: its length (to and with its `>`, or all of `html`
/// when it does not end) and its name, lowercased. Attributes are read as the tokenizer reads
/// them, so a `>` inside a quoted value does not end the tag.
fn read_tag(html: &str, from: usize) -> (usize, String) {
    let bytes = html.as_bytes();
    let is_space = |c: u8| matches!(c, b'\t' | b'\n' | b'\x0C' | b' ' | b'\r');
    let mut i = from;
    while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>') {
        i += 1;
    }
    let name = html[from..i].to_ascii_lowercase();
    loop {
        // Before an attribute's name.
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return (html.len(), name),
            Some(b'>') => return (i + 1, name),
            Some(_) => {}
        }
        // The name: its first character may be `=`.
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            Some(&quote @ (b'"' | b'\'')) => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                i += 1;
            }
            _ => {
                while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, too_deep};

    #[test]
    fn shallow_html_is_not_too_deep() {
        for html in [
            "",
            "a < b > c",
            "<p>Hi <a href=\"https://x.org/?a>b\" class='x>y'>@a</a><br>#tag</p>",
            "<!-- <b> --><!--><!--->x<? y ><!doctype html></ b></>",
            "<blockquote><p>q<br/></p></blockquote><ul><li>a</li><li>b</li></ul>",
            &"<p><b>x</b><img src=x></p>".repeat(1_000),
            &format!(
                "{}x{}",
                "<span>".repeat(MAX_DEPTH),
                "</span>".repeat(MAX_DEPTH)
            ),
            &format!("<script>{}", "<br>".repeat(1_000)),
        ] {
            assert!(!too_deep(html), "{html}");
        }
    }

    #[test]
    fn deep_nesting_is_too_deep() {
        assert!(too_deep(&"<blockquote>".repeat(MAX_DEPTH + 1)));
        assert!(too_deep(&"<x-y>".repeat(MAX_DEPTH + 1)));
    }

    #[test]
    fn end_tags_the_parser_may_not_see_close_nothing() {
        for html in [
            "<b><textarea></b></textarea>",
            "<b><script><!--<script></b></script>",
            "<style><!--</style><b>-->",
            "<b><!--</b>-->",
            "<b><a title=\"</b>\">",
            "<b><a title=x</b>>",
            "<b><object></b>",
            "<b><table></b>",
        ] {
            assert!(too_deep(&html.repeat(MAX_DEPTH + 1)), "{html}");
        }
    }

    #[test]
    fn reading_is_linear() {
        let started = std::time::Instant::now();
        for html in [
            format!("<script>{}", "<lert(1)".repeat(40_000)),
            "<!---->".repeat(40_000),
            "<a b=\"".repeat(40_000),
            "<!--".repeat(40_000),
        ] {
            too_deep(&html);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
