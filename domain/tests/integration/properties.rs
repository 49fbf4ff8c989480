//! Properties of what the domain reads from anyone: the HTML sanitiser, Markdown rendering
//! and media probing, on generated inputs.

use std::io::Cursor;

use proptest::prelude::*;
use proptest::sample::select;
use rookery_domain::content::{self, LinkTargets, Mention};
use rookery_domain::media::{MediaLimits, probe};
use rookery_domain::testing::html::violation;
use rookery_domain::testing::pictures;

/// Pieces of HTML that sanitisers get wrong, to be put together in any order.
const HTML_PIECES: &[&str] = &[
    "<script>",
    "</script>",
    "<a href=\"",
    "<a href=",
    "\">",
    "javascript:",
    "java\tscript:",
    "&#x6a;",
    "&#106",
    "&colon;",
    "data:",
    "vbscript:",
    " onclick=",
    " onerror=x ",
    " class=\"",
    "h-card",
    "u-url",
    "mention",
    "evil",
    "<svg>",
    "<math>",
    "<mtext>",
    "<mglyph>",
    "<style>",
    "</style>",
    "<noscript>",
    "</noscript>",
    "<template>",
    "<iframe>",
    "<textarea>",
    "<title>",
    "<xmp>",
    "<plaintext>",
    "<table>",
    "<select>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<pre>",
    "</pre>",
    "\n",
    "\r",
    "<p>",
    "</p>",
    "<br>",
    "<span>",
    "</span>",
    "<blockquote>",
    "<ol start=",
    "<li value=",
    "<code>",
    "<b>",
    "<i>",
    "<del>",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&nbsp;",
    "&",
    "<",
    ">",
    "\"",
    "'",
    "`",
    "/",
    "=",
    "\0",
    "x",
    " ",
    "\u{feff}",
];

const MARKDOWN_PIECES: &[&str] = &[
    "> ",
    "[",
    "](",
    ")",
    "![",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "```\n",
    "    ",
    "# ",
    "- ",
    "1. ",
    "\n",
    "\n\n",
    "  \n",
    "<",
    ">",
    "&",
    "&#0;",
    "@alice",
    "@carol@remote.example",
    "@x@",
    "#tag",
    "#",
    "https://",
    "http://x.org/(",
    "javascript:",
    "data:",
    "<a@b.org>",
    "<script>",
    "\\",
    "[x]: javascript:y\n",
    "[x]",
    "x",
    " ",
];

fn pieces(from: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => select(from).prop_map(str::to_owned), 1 => ".{0,6}"],
        0..40,
    )
    .prop_map(|pieces| pieces.concat())
}

fn html() -> impl Strategy<Value = String> {
    pieces(HTML_PIECES)
}

fn markdown() -> impl Strategy<Value = String> {
    pieces(MARKDOWN_PIECES)
}

/// alice is local and carol@remote.example known; nobody else.
struct Targets;

impl LinkTargets for Targets {
    fn mention_url(&self, mention: &Mention) -> Option<String> {
        match (mention.username.as_str(), mention.domain.as_deref()) {
            ("alice", None) => Some("https://local.example/@alice".into()),
            ("carol", Some("remote.example")) => Some("https://remote.example/users/carol".into()),
            _ => None,
        }
    }

    fn hashtag_url(&self, hashtag: &str) -> String {
        format!("https://local.example/tags/{hashtag}")
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn sanitised_html_holds_nothing_dangerous_and_is_stable(input in html()) {
        let once = content::sanitize(&input);
        prop_assert_eq!(violation(&once), None, "{:?} became {:?}", input, once);
        prop_assert_eq!(content::sanitize(&once), once.clone(), "sanitising {:?} again", input);
    }

    #[test]
    fn sanitised_text_holds_nothing_dangerous(input in any::<String>()) {
        let once = content::sanitize(&input);
        prop_assert_eq!(violation(&once), None);
        prop_assert_eq!(content::sanitize(&once), once);
    }

    #[test]
    fn rendered_markdown_is_sanitised_html(input in markdown()) {
        let rendered = content::render(&input, &Targets);
        prop_assert_eq!(violation(&rendered), None, "{:?} became {:?}", input, rendered);
        prop_assert_eq!(content::sanitize(&rendered), rendered);
        content::extract(&input);
        content::length(&input);
    }
}

/// Runs `f` on a thread with the 2 MiB stack a server's worker threads have.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deeply_nested_markdown_renders_on_a_small_stack() {
    on_small_stack(|| {
        for source in [
            ">".repeat(100_000),
            "> ".repeat(100_000),
            "[".repeat(100_000),
            format!("{}x{}", "[".repeat(100_000), "](y)".repeat(100_000)),
            "* ".repeat(100_000),
            "*".repeat(100_000),
        ] {
            let rendered = content::render(&source, &Targets);
            assert_eq!(violation(&rendered), None);
        }
    });
}

#[test]
fn deeply_nested_html_sanitises_on_a_small_stack() {
    on_small_stack(|| {
        for html in [
            "<blockquote>".repeat(100_000),
            "<span>".repeat(100_000),
            "<div>".repeat(100_000),
            "<svg>".repeat(100_000),
        ] {
            let sanitised = content::sanitize(&html);
            assert_eq!(violation(&sanitised), None);
        }
    });
}

/// Tiny pictures of every accepted format.
fn seed_pictures() -> Vec<Vec<u8>> {
    let mut found = vec![pictures::jpeg(3, 2, 6), pictures::png(3, 2)];
    let picture = image::DynamicImage::ImageRgba8(image::RgbaImage::new(3, 2));
    for format in [image::ImageFormat::Gif, image::ImageFormat::WebP] {
        let mut bytes = Vec::new();
        picture
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        found.push(bytes);
    }
    found
}

/// A limit of 5 pixels, which every seed picture (6 pixels) is over.
const FEW_PIXELS: MediaLimits = MediaLimits {
    max_bytes: 1 << 20,
    max_pixels: 5,
};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn mutated_picture_headers_never_pass_the_pixel_limit(
        which in 0..4_usize,
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        cut in any::<prop::sample::Index>(),
        cut_it in any::<bool>(),
    ) {
        let mut bytes = seed_pictures().swap_remove(which);
        // Edits fall on the header, where the dimensions are.
        let header = bytes.len().min(64);
        for (at, value) in edits {
            bytes[at.index(header)] = value;
        }
        if cut_it {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        for limits in [FEW_PIXELS, MediaLimits::default()] {
            if let Ok(probe) = probe(&bytes, &limits) {
                let pixels = u64::from(probe.width) * u64::from(probe.height);
                prop_assert!(pixels > 0 && pixels <= limits.max_pixels, "{probe:?} under {limits:?}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_pass_the_pixel_limit(
        magic in select(vec![&b"\xFF\xD8\xFF"[..], b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\0\0\0\0WEBP", b""]),
        rest in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let bytes = [magic, &rest].concat();
        if let Ok(probe) = probe(&bytes, &MediaLimits::default()) {
            let pixels = u64::from(probe.width) * u64::from(probe.height);
            prop_assert!(pixels > 0 && pixels <= MediaLimits::default().max_pixels);
        }
    }
}
