//! RSS and Atom feeds of an account's and a hashtag's public statuses, read with an XML
//! parser.

use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::json;

use super::support::{TestServer, servers};

/// An element of a parsed document: its name, attributes, text and children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn parse(xml: &str) -> Element {
        let mut reader = Reader::from_str(xml);
        let mut stack = vec![Element::default()];
        let open = |start: &quick_xml::events::BytesStart| Element {
            name: String::from_utf8(start.name().as_ref().to_vec()).unwrap(),
            attributes: start
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..Element::default()
        };
        loop {
            match reader.read_event().unwrap() {
                Event::Start(start) => stack.push(open(&start)),
                Event::Empty(start) => stack.last_mut().unwrap().children.push(open(&start)),
                Event::Text(text) => {
                    let text = text.decode().unwrap();
                    stack.last_mut().unwrap().text.push_str(&text);
                }
                Event::GeneralRef(reference) => {
                    if let Some(c) = reference.resolve_char_ref().unwrap() {
                        stack.last_mut().unwrap().text.push(c);
                        continue;
                    }
                    let name = reference.decode().unwrap();
                    let resolved = match name.as_ref() {
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "amp" => "&".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => panic!("unknown entity {other}"),
                    };
                    stack.last_mut().unwrap().text.push_str(&resolved);
                }
                Event::End(_) => {
                    let done = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(done);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(stack.len(), 1, "unclosed elements");
        stack.pop().unwrap().children.pop().unwrap()
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn one(&self, name: &str) -> &Element {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "one {name} in {}", self.name);
        found[0]
    }

    fn attribute(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("{} has no {name}", self.name))
    }
}

/// Fetches `path`; returns the status, content type, cache control and body.
async fn get(server: &TestServer, path: &str) -> (u16, String, String, String) {
    let response = server
        .client
        .get(format!("{}{path}", server.base))
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (status, content_type, cache) = (
        response.status().as_u16(),
        header("content-type"),
        header("cache-control"),
    );
    (status, content_type, cache, response.text().await.unwrap())
}

const CREATE: &str = "mutation($t: String!, $v: Visibility!, $cw: String, $r: ID) { createStatus(input: {text: $t, visibility: $v, contentWarning: $cw, inReplyToId: $r}) { status { id url uri content } } }";

/// Posts and returns the status's `url`, `uri` and `content`.
async fn post(
    server: &TestServer,
    token: &str,
    text: &str,
    visibility: &str,
) -> (String, String, String) {
    let data = server
        .ok(Some(token), CREATE, json!({ "t": text, "v": visibility }))
        .await;
    let status = &data["createStatus"]["status"];
    let field = |name: &str| status[name].as_str().unwrap().to_owned();
    (field("url"), field("uri"), field("content"))
}

#[tokio::test]
async fn account_feeds_hold_public_statuses_only() {
    for server in servers().await {
        let backend = server.backend;
        let domain = server.instance.domain.clone();
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        server
            .ok(
                Some(&alice),
                "mutation { updateProfile(input: {displayName: \"Alice <A&B>\"}) { account { id } } }",
                json!({}),
            )
            .await;
        let (bob_url, _, _) = post(&server, &bob, "bob speaks", "PUBLIC").await;
        let bob_id = server.post(&bob, "boost me", "PUBLIC").await;
        let tricky = "Tom & Jerry say \"hi\" <3 'ok'";
        let (first_url, first_uri, first_content) = post(&server, &alice, tricky, "PUBLIC").await;
        post(&server, &alice, "quiet unlisted words", "UNLISTED").await;
        post(&server, &alice, "private followers words", "FOLLOWERS").await;
        post(&server, &alice, "secret direct words @bob", "DIRECT").await;
        server
            .ok(
                Some(&alice),
                CREATE,
                json!({ "t": "a reply to bob", "v": "PUBLIC", "r": bob_id }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
                json!({ "id": bob_id }),
            )
            .await;
        let (second_url, _, second_content) =
            post(&server, &alice, "Learning #Rust today", "PUBLIC").await;

        // RSS.
        let (status, content_type, cache, body) = get(&server, "/@alice.rss").await;
        assert_eq!(status, 200, "{backend}: {body}");
        assert_eq!(content_type, "application/rss+xml; charset=utf-8");
        assert!(cache.contains("max-age="), "{cache}");
        for hidden in ["quiet", "private", "secret", "a reply to bob", "boost me"] {
            assert!(!body.contains(hidden), "{backend}: {hidden} in {body}");
        }
        let rss = Element::parse(&body);
        assert_eq!(rss.name, "rss");
        assert_eq!(rss.attribute("version"), "2.0");
        let channel = rss.one("channel");
        assert_eq!(
            channel.one("title").text,
            format!("Alice <A&B> (@alice@{domain})")
        );
        assert!(channel.one("link").text.ends_with("/@alice"));
        let items = channel.all("item");
        assert_eq!(items.len(), 2, "{backend}: {body}");
        // Newest first; the text survives escaping.
        assert_eq!(items[0].one("link").text, second_url);
        assert_eq!(items[0].one("description").text, second_content);
        assert_eq!(items[0].one("category").text, "rust");
        assert_eq!(items[1].one("link").text, first_url);
        assert_eq!(items[1].one("guid").text, first_url);
        assert_eq!(items[1].one("title").text, tricky);
        assert_eq!(items[1].one("description").text, first_content);
        assert!(first_content.contains("Tom &amp; Jerry"), "{first_content}");
        assert!(!items[1].one("pubDate").text.is_empty());

        // Atom.
        let (status, content_type, cache, body) = get(&server, "/@alice.atom").await;
        assert_eq!(status, 200, "{backend}: {body}");
        assert_eq!(content_type, "application/atom+xml; charset=utf-8");
        assert!(cache.contains("max-age="), "{cache}");
        let feed = Element::parse(&body);
        assert_eq!(feed.name, "feed");
        assert_eq!(feed.attribute("xmlns"), "http://www.w3.org/2005/Atom");
        assert_eq!(
            feed.one("title").text,
            format!("Alice <A&B> (@alice@{domain})")
        );
        assert_eq!(feed.one("author").one("name").text, "Alice <A&B>");
        let entries = feed.all("entry");
        assert_eq!(entries.len(), 2, "{backend}: {body}");
        assert_eq!(entries[1].one("id").text, first_uri);
        assert_eq!(entries[1].one("title").text, tricky);
        let content = entries[1].one("content");
        assert_eq!(content.attribute("type"), "html");
        assert_eq!(content.text, first_content);
        let alternate = entries[1].one("link");
        assert_eq!(alternate.attribute("rel"), "alternate");
        assert_eq!(alternate.attribute("href"), first_url);
        assert_eq!(entries[0].one("category").attribute("term"), "rust");
        for hidden in ["quiet", "private", "secret", "a reply to bob", "boost me"] {
            assert!(!body.contains(hidden), "{backend}: {hidden} in {body}");
        }

        // Bob's feed is his; unknown accounts have none; the profile page stays a page.
        let (_, _, _, body) = get(&server, "/@bob.rss").await;
        let items = Element::parse(&body).one("channel").all("item").len();
        assert_eq!(items, 2, "{body}");
        assert!(body.contains(&bob_url));
        for path in ["/@nobody.rss", "/@nobody.atom", "/@instance.actor.rss"] {
            assert_eq!(get(&server, path).await.0, 404, "{path}");
        }
        let (status, content_type, _, body) = get(&server, "/@alice").await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(body.contains("Alice"));
    }
}

#[tokio::test]
async fn hashtag_feeds_hold_public_statuses_with_the_tag() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (tagged_url, _, _) = post(&server, &alice, "herons are #Birds", "PUBLIC").await;
        let (reply_url, _, _) = post(&server, &bob, "so are #birds, & more", "PUBLIC").await;
        post(&server, &bob, "quiet #birds", "UNLISTED").await;
        post(&server, &bob, "private #birds", "FOLLOWERS").await;
        post(&server, &bob, "secret #birds @alice", "DIRECT").await;
        post(&server, &alice, "no tag here", "PUBLIC").await;
        post(&server, &alice, "other #fish", "PUBLIC").await;

        let (status, content_type, _, body) = get(&server, "/tags/birds.rss").await;
        assert_eq!(status, 200, "{backend}: {body}");
        assert_eq!(content_type, "application/rss+xml; charset=utf-8");
        let channel = Element::parse(&body);
        let channel = channel.one("channel");
        assert_eq!(channel.one("title").text, "#birds");
        let links: Vec<&str> = channel
            .all("item")
            .iter()
            .map(|item| item.one("link").text.as_str())
            .collect();
        assert_eq!(
            links,
            [reply_url.as_str(), tagged_url.as_str()],
            "{backend}"
        );

        let (status, content_type, _, body) = get(&server, "/tags/BIRDS.atom").await;
        assert_eq!(status, 200, "{backend}: {body}");
        assert_eq!(content_type, "application/atom+xml; charset=utf-8");
        let feed = Element::parse(&body);
        let entries = feed.all("entry");
        assert_eq!(entries.len(), 2, "{backend}: {body}");
        // Each entry names its own author.
        assert_eq!(entries[0].one("author").one("name").text, "bob");
        assert_eq!(entries[1].one("author").one("name").text, "alice");
        for hidden in ["quiet", "private", "secret", "no tag", "fish"] {
            assert!(!body.contains(hidden), "{backend}: {hidden} in {body}");
        }

        for path in ["/tags/nothing.rss", "/tags/nothing.atom"] {
            assert_eq!(get(&server, path).await.0, 404, "{path}");
        }
    }
}

#[tokio::test]
async fn pictures_are_enclosures() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (media, _) = super::media::uploaded(
            &server,
            &alice,
            rookery_domain::testing::pictures::jpeg(40, 30, 1),
        )
        .await;
        let data = server
            .ok(
                Some(&alice),
                "mutation($m: [ID!]!) { createStatus(input: {text: \"a picture\", mediaIds: $m}) { status { mediaAttachments { url } } } }",
                json!({ "m": [media] }),
            )
            .await;
        let url = data["createStatus"]["status"]["mediaAttachments"][0]["url"]
            .as_str()
            .unwrap()
            .to_owned();

        let (_, _, _, body) = get(&server, "/@alice.rss").await;
        let rss = Element::parse(&body);
        let enclosure = rss.one("channel").one("item").one("enclosure");
        assert_eq!(enclosure.attribute("url"), url, "{backend}");
        assert_eq!(enclosure.attribute("type"), "image/jpeg");

        let (_, _, _, body) = get(&server, "/@alice.atom").await;
        let feed = Element::parse(&body);
        let entry = feed.one("entry");
        let enclosure = entry
            .all("link")
            .into_iter()
            .find(|link| link.attribute("rel") == "enclosure")
            .unwrap_or_else(|| panic!("{backend}: no enclosure in {body}"));
        assert_eq!(enclosure.attribute("href"), url);
    }
}

/// Item titles read as the text does: mentions, hashtags and emphasis keep their words
/// whole (no space after `@` or `#`), paragraphs and lines are apart.
#[tokio::test]
async fn item_titles_read_as_the_text_reads() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        server.register("dave").await;
        post(&server, &alice, "@dave are you there", "PUBLIC").await;
        post(&server, &alice, "learning #rustlang today", "PUBLIC").await;
        post(&server, &alice, "so **very** good\n\nnext line", "PUBLIC").await;
        for path in ["/@alice.rss", "/@alice.atom"] {
            let (status, _, _, body) = get(&server, path).await;
            assert_eq!(status, 200, "{backend}: {body}");
            let feed = Element::parse(&body);
            let items = match feed.name.as_str() {
                "rss" => feed.one("channel").all("item"),
                _ => feed.all("entry"),
            };
            let titles: Vec<&str> = items.iter().map(|i| i.one("title").text.as_str()).collect();
            assert_eq!(
                titles,
                [
                    "so very good next line",
                    "learning #rustlang today",
                    "@dave are you there"
                ],
                "{backend}: {path}"
            );
        }
    }
}
