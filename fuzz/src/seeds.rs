//! The inputs fuzzing starts from: payloads captured from other servers, tiny pictures of
//! each accepted format, and hand-written HTML, Markdown, handles and signed requests.

use std::io::Cursor;
use std::path::Path;

use rookery_domain::testing::pictures;
use serde_json::Value;

/// Every JSON fixture under `federation/tests/fixtures`, as its bytes.
pub fn fixtures() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../federation/tests/fixtures");
    let mut found = Vec::new();
    for server in std::fs::read_dir(root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(server.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.path().extension().is_some_and(|e| e == "json")
                && let Ok(bytes) = std::fs::read(file.path())
            {
                found.push(bytes);
            }
        }
    }
    found.sort();
    found
}

/// The fixtures' documents that are `type` (or embed one that is, as `object`).
fn fixtures_of(types: &[&str]) -> Vec<Vec<u8>> {
    let is = |value: &Value| value["type"].as_str().is_some_and(|t| types.contains(&t));
    fixtures()
        .into_iter()
        .filter_map(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .filter_map(|value| {
            if is(&value) {
                Some(value)
            } else {
                Some(value["object"].clone()).filter(is)
            }
        })
        .filter_map(|value| serde_json::to_vec(&value).ok())
        .collect()
}

pub fn activities() -> Vec<Vec<u8>> {
    fixtures()
}

pub fn objects() -> Vec<Vec<u8>> {
    fixtures_of(rookery_federation::protocol::incoming::OBJECT_TYPES)
}

pub fn actors() -> Vec<Vec<u8>> {
    fixtures_of(rookery_federation::protocol::incoming::ACTOR_TYPES)
}

/// Status HTML as servers send it (the fixtures' `content` and `summary`), and HTML written
/// to get past sanitisers.
pub fn html() -> Vec<Vec<u8>> {
    let mut found: Vec<Vec<u8>> = fixtures()
        .into_iter()
        .filter_map(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .flat_map(|value| {
            [
                value["content"].clone(),
                value["summary"].clone(),
                value["object"]["content"].clone(),
            ]
        })
        .filter_map(|value| value.as_str().map(|s| s.as_bytes().to_vec()))
        .collect();
    found.extend(HTML.iter().map(|s| s.as_bytes().to_vec()));
    found
}

const HTML: [&str; 16] = [
    "<p>Hi <a href=\"https://x.org/@a\" class=\"u-url mention\">@a</a> &amp; #tag</p>",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "<a href=\"java&#x09;script:alert(1)\">x</a><a href=\"&#106;avascript:x\">y</a>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<pre>\n\nx</pre><textarea><script>x</script></textarea>",
    "<template><script>x</script></template><xmp><script>x</script></xmp>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a><a href=\"vbscript:x\">v</a>",
    "<!--<script>--><p>x</p><![CDATA[<script>]]>",
    "<span class=\"h-card invisible evil\">a</span><a class=\"mention hashtag\" rel=\"tag\">b</a>",
    "<ol start=\"99999999999\"><li value=\"-1\">x</li></ol>",
    "<p><a href=\"https://x.org\"><p>nested</p></a></p>",
    "<blockquote><blockquote><blockquote>q</blockquote></blockquote></blockquote>",
    "<a href=\"https://x.org/\">unclosed <b>bold <i>italic",
    "<plaintext><script>x</script>",
];

pub fn markdown() -> Vec<Vec<u8>> {
    [
        "Hi @alice and @carol@remote.example, #Rust at https://x.org/a?b=1&c=2#d.",
        "# Title\n\n> quoted\n> ~~gone~~\n\n- one\n- *two*\n\n3. three\n4. **four**",
        "[site](https://x.org) <https://y.org> <a@b.org> ![alt](https://x.org/i.png)",
        "[x](javascript:alert(1)) [y](data:text/html,x) ![z](vbscript:x)",
        "<script>alert(1)</script>\n\n<div>\none\n</div>",
        "```\n@alice #a https://x.org\n```\n\n    code\n\n`span`",
        "> > > > > deep\n\n* [ * [ * [ nested",
        "one\ntwo  \nthree\n\nfour &amp; &#0; &#x6a;avascript:",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

pub fn handles() -> Vec<Vec<u8>> {
    [
        "@alice@social.example",
        "bob@127.0.0.1:3000",
        "acct:carol@local.example",
        "acct:@dave@LOCAL.example",
        "https://local.example/users/erin",
        "https://local.example/@frank",
        " @ü_ser.name-1@host-x.example ",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect()
}

/// Requests as the signature target reads them: header lines, an empty line, the body.
pub fn signed_requests(date: &str) -> Vec<Vec<u8>> {
    let body = br#"{"type":"Follow","actor":"https://a.example/users/x"}"#;
    let digest = rookery_federation::signatures::digest(body);
    let signature = |headers: &str| {
        format!(
            "keyId=\"https://a.example/users/x#main-key\",algorithm=\"rsa-sha256\",headers=\"{headers}\",signature=\"c2lnbmF0dXJl\""
        )
    };
    let request = |headers: &str, digest: &str| {
        let mut bytes = format!(
            "host: local.example\ndate: {date}\ndigest: {digest}\ncontent-type: application/activity+json\nsignature: {}\n\n",
            signature(headers)
        )
        .into_bytes();
        bytes.extend_from_slice(body);
        bytes
    };
    vec![
        request("(request-target) host date digest", &digest),
        request("(request-target) host date", &digest),
        request(
            "(request-target) host date digest content-type",
            &format!("sha-512=x, {}", digest.to_lowercase()),
        ),
        request("(created) (expires) host", "SHA-256=AAAA"),
    ]
}

/// Tiny pictures of each accepted format, a JPEG with EXIF, and a PNG that claims to be huge.
pub fn pictures() -> Vec<Vec<u8>> {
    let mut found = vec![
        pictures::jpeg(3, 2, 6),
        pictures::png(3, 2),
        pictures::png_declaring(100_000, 100_000),
    ];
    let picture = image::DynamicImage::ImageRgba8(image::RgbaImage::from_fn(3, 2, |x, y| {
        image::Rgba([
            u8::try_from(x * 80).unwrap_or(0),
            u8::try_from(y * 120).unwrap_or(0),
            7,
            255,
        ])
    }));
    for format in [image::ImageFormat::Gif, image::ImageFormat::WebP] {
        let mut bytes = Vec::new();
        if picture
            .write_to(&mut Cursor::new(&mut bytes), format)
            .is_ok()
        {
            found.push(bytes);
        }
    }
    found
}
