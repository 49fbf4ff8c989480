//! Finds mentions, hashtags and bare URLs in plain text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// What a token is; borrowed parts are as written.
pub(super) enum Kind<'a> {
    Mention {
        username: &'a str,
        domain: Option<&'a str>,
    },
    /// The tag without '#'.
    Hashtag(&'a str),
    Url,
}

/// A token and its byte range in the scanned text.
pub(super) struct Token<'a> {
    pub range: Range<usize>,
    pub kind: Kind<'a>,
}

/// Candidates only: what may precede or follow a token is checked in `token`.
/// None if the pattern failed to compile (a bug the tests catch), in which case nothing matches.
static CANDIDATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?x)
        (?P<url> (?i-u:https?)://[^\s<>"]+ )
        | @(?P<username> [A-Za-z0-9_] (?:[A-Za-z0-9_.-]*[A-Za-z0-9_])? )
          (?: @(?P<domain>
                [\p{L}\p{N}] (?:[\p{L}\p{N}-]*[\p{L}\p{N}])?
                (?: \. [\p{L}\p{N}] (?:[\p{L}\p{N}-]*[\p{L}\p{N}])? )*
                (?: :[0-9]{1,5} )?
          ) )?
        | \#(?P<hashtag> \w+ )
        "#,
    )
    .ok()
});

/// The tokens in `text`, in order, not overlapping.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let Some(candidate) = CANDIDATE.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(captures) = candidate.captures_at(text, at) {
        let Some(whole) = captures.get(0) else { break };
        match token(text, &captures) {
            Some(token) => {
                at = token.range.end;
                found.push(token);
            }
            // Every candidate starts with an ASCII character ('@', '#', 'h' or 'H').
            None => at = whole.start() + 1,
        }
    }
    found
}

fn token<'a>(text: &'a str, captures: &Captures<'a>) -> Option<Token<'a>> {
    let whole = captures.get(0)?;
    let before = text[..whole.start()].chars().next_back();
    let after = text[whole.end()..].chars().next();
    let preceded_by_none_of =
        |others: &[char]| before.is_none_or(|c| !is_word(c) && !others.contains(&c));
    if captures.name("url").is_some() {
        let url = trim_url(whole.as_str());
        let has_host = url
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty());
        (preceded_by_none_of(&[]) && has_host).then(|| Token {
            range: whole.start()..whole.start() + url.len(),
            kind: Kind::Url,
        })
    } else if let Some(username) = captures.name("username") {
        (preceded_by_none_of(&['/', '@']) && !after.is_some_and(is_word)).then(|| Token {
            range: whole.range(),
            kind: Kind::Mention {
                username: username.as_str(),
                domain: captures.name("domain").map(|domain| domain.as_str()),
            },
        })
    } else {
        let hashtag = captures.name("hashtag")?.as_str();
        (preceded_by_none_of(&['&', '/']) && !hashtag.chars().all(char::is_numeric)).then(|| {
            Token {
                range: whole.range(),
                kind: Kind::Hashtag(hashtag),
            }
        })
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Drops trailing punctuation, and closing brackets that have no opening one in the URL.
fn trim_url(url: &str) -> &str {
    let excess = |open, close| {
        url.matches(close)
            .count()
            .saturating_sub(url.matches(open).count())
    };
    let (mut parens, mut brackets) = (excess('(', ')'), excess('[', ']'));
    let mut trimmed = url;
    loop {
        match trimmed.chars().next_back() {
            Some('.' | ',' | '!' | '?' | ':' | ';' | '\'') => {}
            Some(')') if parens > 0 => parens -= 1,
            Some(']') if brackets > 0 => brackets -= 1,
            _ => return trimmed,
        }
        // All the characters dropped are ASCII.
        trimmed = &trimmed[..trimmed.len() - 1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens in `text` as `(written text, description)`.
    fn scan(text: &str) -> Vec<(&str, String)> {
        tokens(text)
            .into_iter()
            .map(|token| {
                let description = match token.kind {
                    Kind::Mention { username, domain } => format!("mention {username} {domain:?}"),
                    Kind::Hashtag(hashtag) => format!("hashtag {hashtag}"),
                    Kind::Url => "url".to_owned(),
                };
                (&text[token.range], description)
            })
            .collect()
    }

    #[test]
    fn pattern_compiles() {
        assert!(CANDIDATE.is_some());
    }

    #[test]
    fn mentions() {
        assert_eq!(
            scan("hi @alice!"),
            [("@alice", "mention alice None".to_owned())]
        );
        assert_eq!(
            scan("(@Bob@Example.org)."),
            [(
                "@Bob@Example.org",
                r#"mention Bob Some("Example.org")"#.to_owned()
            )]
        );
        assert_eq!(
            scan("@a@localhost:8080, @b@127.0.0.1:3000:"),
            [
                (
                    "@a@localhost:8080",
                    r#"mention a Some("localhost:8080")"#.to_owned()
                ),
                (
                    "@b@127.0.0.1:3000",
                    r#"mention b Some("127.0.0.1:3000")"#.to_owned()
                ),
            ]
        );
        assert_eq!(
            scan("@first.last-x@ex-ample.org?"),
            [(
                "@first.last-x@ex-ample.org",
                r#"mention first.last-x Some("ex-ample.org")"#.to_owned()
            )]
        );
        assert_eq!(
            scan("@alice."),
            [("@alice", "mention alice None".to_owned())]
        );
    }

    #[test]
    fn not_mentions() {
        for text in [
            "bob@example.org",
            "@@alice",
            "a/@alice",
            "@alicé",
            "@",
            "@ alice",
            "@.alice",
        ] {
            assert_eq!(scan(text), [], "{text}");
        }
    }

    #[test]
    fn hashtags() {
        assert_eq!(
            scan("#Rust, #café #日本 #a1 #_x"),
            [
                ("#Rust", "hashtag Rust".to_owned()),
                ("#café", "hashtag café".to_owned()),
                ("#日本", "hashtag 日本".to_owned()),
                ("#a1", "hashtag a1".to_owned()),
                ("#_x", "hashtag _x".to_owned()),
            ]
        );
    }

    #[test]
    fn not_hashtags() {
        for text in ["#123", "a#b", "&#39;", "/#x", "#", "# x", "##"] {
            assert_eq!(scan(text), [], "{text}");
        }
    }

    #[test]
    fn urls() {
        let url = |text| {
            scan(text)
                .into_iter()
                .map(|(url, _)| url)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            url("see https://example.org/a?b=c&d=e#f."),
            ["https://example.org/a?b=c&d=e#f"]
        );
        assert_eq!(url("(http://x.org/path)"), ["http://x.org/path"]);
        assert_eq!(
            url("https://en.wikipedia.org/wiki/Rust_(language))."),
            ["https://en.wikipedia.org/wiki/Rust_(language)"]
        );
        assert_eq!(url("HTTPS://X.ORG!?"), ["HTTPS://X.ORG"]);
        assert_eq!(url("https://日本.jp/パス"), ["https://日本.jp/パス"]);
        assert!(url("https://. xhttps://x.org https://").is_empty());
        let parens = format!("(https://x.org/a{}", ").".repeat(100_000));
        assert_eq!(url(&parens), ["https://x.org/a"]);
    }

    #[test]
    fn url_fragments_and_paths_are_not_tokens() {
        assert_eq!(
            scan("https://x.org/@alice/#tag @bob"),
            [
                ("https://x.org/@alice/#tag", "url".to_owned()),
                ("@bob", "mention bob None".to_owned()),
            ]
        );
    }
}
