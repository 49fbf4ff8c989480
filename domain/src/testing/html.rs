//! What sanitised HTML must never hold, checked from the outside: the property tests and
//! the fuzzer hold every output of the sanitiser and the Markdown renderer to it.

/// The elements status content may keep.
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

/// The classes status content may keep (Mastodon's microformats).
const CLASSES: [&str; 6] = [
    "h-card",
    "u-url",
    "mention",
    "hashtag",
    "invisible",
    "ellipsis",
];

/// URL schemes that run code or smuggle documents when followed.
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript:", "data:", "vbscript:"];

/// The first thing wrong with `html` as sanitised output, if any: a script element, an
/// element outside the allowlist, an event handler, a `javascript:`, `data:` or `vbscript:`
/// URL (after decoding entities and folding case), or a class outside the allowlist.
pub fn violation(html: &str) -> Option<String> {
    if html.to_ascii_lowercase().contains("<script") {
        return Some("a <script> element".into());
    }
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let Some(tag) = Tag::read(&mut rest) else {
            continue;
        };
        if !TAGS.contains(&tag.name.as_str()) {
            return Some(format!("an element <{}>", tag.name));
        }
        for (name, value) in &tag.attributes {
            if name.starts_with("on") {
                return Some(format!("an event handler {name} on <{}>", tag.name));
            }
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction") {
                let url: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                if let Some(scheme) = DANGEROUS_SCHEMES.iter().find(|s| url.starts_with(**s)) {
                    return Some(format!("a {scheme} URL in {name} on <{}>", tag.name));
                }
            }
            if name == "class" {
                let value = decode_entities(value);
                if let Some(class) = value
                    .split_ascii_whitespace()
                    .find(|class| !CLASSES.contains(class))
                {
                    return Some(format!("a class {class:?} on <{}>", tag.name));
                }
            }
        }
    }
    None
}

/// A start tag: its name and attributes, names lowercased, values as written.
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Tag {
    /// Reads a start tag from just after its `<`, leaving `rest` after its `>`; None (and
    /// `rest` untouched) for an end tag, a comment or a lone `<`.
    fn read(rest: &mut &str) -> Option<Self> {
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let mut tag = Self {
            name: name.to_ascii_lowercase(),
            attributes: Vec::new(),
        };
        let mut s = &rest[name_len..];
        loop {
            s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if s.is_empty() || s.starts_with('>') {
                *rest = s.get(1..).unwrap_or_default();
                return Some(tag);
            }
            let name_len = s
                .find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>' | '='))
                .unwrap_or(s.len())
                .max(1);
            let name = s[..name_len].to_ascii_lowercase();
            s = s[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            let value = match s.strip_prefix('=') {
                Some(after) => {
                    let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
                    match after.chars().next() {
                        Some(quote @ ('"' | '\'')) => {
                            let inner = &after[1..];
                            let end = inner.find(quote).unwrap_or(inner.len());
                            s = inner.get(end + 1..).unwrap_or_default();
                            inner[..end].to_owned()
                        }
                        _ => {
                            let end = after
                                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                                .unwrap_or(after.len());
                            s = &after[end..];
                            after[..end].to_owned()
                        }
                    }
                }
                None => String::new(),
            };
            tag.attributes.push((name, value));
        }
    }
}

/// Decodes numeric character references and the named ones a URL could be hidden with.
fn decode_entities(text: &str) -> String {
    const NAMED: [(&str, char); 9] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("nbsp", '\u{a0}'),
    ];
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let reference = &rest[..end];
        let character = match reference.strip_prefix('#') {
            Some(number) => match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            }
            .and_then(char::from_u32),
            None => NAMED
                .iter()
                .find(|(name, _)| reference.eq_ignore_ascii_case(name))
                .map(|(_, c)| *c),
        };
        match character {
            Some(c) => {
                decoded.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => decoded.push('&'),
        }
    }
    decoded.push_str(rest);
    decoded
}

#[cfg(test)]
mod tests {
    use super::violation;

    #[test]
    fn finds_what_must_not_be_there() {
        for html in [
            "<ScRiPt>x</script>",
            "<img src=x>",
            "<p onclick=\"x()\">",
            "<a href=\"java&#x09;script&colon;alert(1)\">",
            "<a href=' JAVASCRIPT:x'>",
            "<a href=\"&#100;ata:text/html,x\">",
            "<a href=vbscript:x>",
            "<span class=\"h-card evil\">",
            "<a class=\"&#109;ention x\">",
        ] {
            assert!(violation(html).is_some(), "{html}");
        }
    }

    #[test]
    fn passes_what_the_sanitiser_keeps() {
        for html in [
            "",
            "a < b > c &lt;script&gt;",
            "<p>x</p><br><a href=\"https://x.org/?a=1&amp;b=javascript:\" class=\"u-url mention\" rel=\"nofollow\">y</a>",
            "<ol start=\"3\"><li value=\"4\">x</li></ol><span class=\"h-card\">z</span>",
            "<a href=\"https://x.org/>\">q</a>",
        ] {
            assert_eq!(violation(html), None, "{html}");
        }
    }
}
