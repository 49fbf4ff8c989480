//! The "RE: link" line a quote post carries for servers that do not show quotes.
//!
//! A quote post's content sent out ends with `<p class="quote-inline">RE: <a href>…</a></p>`,
//! as Mastodon writes it: a server that knows FEP-044f shows the quote itself and drops the
//! line, any other shows a link to the quoted status. Received quote posts lose the line
//! the same way, since the quote is shown.

use super::escape;

/// The class that marks the line.
const CLASS: &str = "quote-inline";

/// `html` with the line linking to `quoted_url` after it.
pub fn with_quote_fallback(html: &str, quoted_url: &str) -> String {
    let url = escape(quoted_url);
    format!(r#"{html}<p class="{CLASS}">RE: <a href="{url}">{url}</a></p>"#)
}

/// `html` without its quote lines: each `<p>` whose class names `quote-inline`, with what
/// it holds (a paragraph holds no other paragraph).
pub fn without_quote_fallback(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = next_quote_line(rest) {
        kept.push_str(&rest[..start]);
        let line = &rest[start..];
        rest = match find_ignoring_case(line, "</p>") {
            Some(end) => &line[end + "</p>".len()..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
}

/// Where the next `<p …>` opening tag with the class begins.
fn next_quote_line(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = find_ignoring_case(&html[from..], "<p") {
        let start = from + found;
        let after = &html[start + 2..];
        let tag_end = after.find('>')?;
        let attributes = &after[..tag_end];
        let is_paragraph = attributes.is_empty() || attributes.starts_with(char::is_whitespace);
        if is_paragraph && has_class(attributes) {
            return Some(start);
        }
        from = start + 2;
    }
    None
}

/// Whether the attributes of a tag give it the class.
fn has_class(attributes: &str) -> bool {
    let lower = attributes.to_ascii_lowercase();
    let Some(at) = lower.find("class=") else {
        return false;
    };
    let value = &lower[at + "class=".len()..];
    let value = match value.chars().next() {
        Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
        _ => value
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or(""),
    };
    value.split_ascii_whitespace().any(|class| class == CLASS)
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_links_to_the_quoted_status() {
        assert_eq!(
            with_quote_fallback("<p>look</p>", "https://b.example/@bob/1?a=1&b=2"),
            r#"<p>look</p><p class="quote-inline">RE: <a href="https://b.example/@bob/1?a=1&amp;b=2">https://b.example/@bob/1?a=1&amp;b=2</a></p>"#
        );
    }

    #[test]
    fn a_line_written_here_is_taken_out_again() {
        let sent = with_quote_fallback("<p>look</p>", "https://b.example/1");
        assert_eq!(without_quote_fallback(&sent), "<p>look</p>");
    }

    #[test]
    fn lines_of_other_servers_are_taken_out_and_nothing_else() {
        let received = concat!(
            "<p>first</p>",
            r#"<P CLASS='x quote-inline'>RE: <a href="https://c.example/2">link</a></P>"#,
            r#"<pre>code</pre><p class="quote-inline-not">kept</p>"#,
            r#"<p class=quote-inline>RE: bare</p><p>last</p>"#,
        );
        assert_eq!(
            without_quote_fallback(received),
            r#"<p>first</p><pre>code</pre><p class="quote-inline-not">kept</p><p>last</p>"#
        );
    }

    #[test]
    fn text_without_the_line_is_unchanged() {
        let html = "<p>plain <a href=\"https://x.example/\">link</a></p><pre>x</pre>";
        assert_eq!(without_quote_fallback(html), html);
        assert_eq!(without_quote_fallback("<p class=\"quote-inline\">cut"), "");
    }
}
