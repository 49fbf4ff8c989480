//! Status text: its length counted as Mastodon counts it, the rule shown to clients, text
//! that shows nothing refused as empty, and the composer's preview of what posting makes.

use serde_json::json;

use super::support::servers;

const CREATE: &str = "mutation($t: String!, $cw: String) { createStatus(input: {text: $t, contentWarning: $cw}) { status { id contentWarning } } }";
const PREVIEW: &str = "query($t: String!) { statusPreview(text: $t) }";
const CONTENT: &str = "query($id: ID!) { status(id: $id) { content } }";
const EDIT: &str =
    "mutation($id: ID!, $t: String!) { editStatus(input: {id: $id, text: $t}) { status { id } } }";

#[tokio::test]
async fn length_is_counted_in_what_readers_see_as_characters() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let data = server
            .ok(
                None,
                "{ instance { maxStatusChars charactersReservedPerUrl maxMediaAttachments } }",
                json!({}),
            )
            .await;
        assert_eq!(data["instance"]["maxStatusChars"], 5000, "{backend}");
        assert_eq!(data["instance"]["charactersReservedPerUrl"], 23);
        assert_eq!(data["instance"]["maxMediaAttachments"], 4);

        // 715 families of four are 715 characters (5,005 code points), well within 5000.
        let families = "👩\u{200d}👩\u{200d}👧\u{200d}👦".repeat(715);
        server
            .ok(Some(&alice), CREATE, json!({ "t": families }))
            .await;
        // 5000 accented letters written as letter and combining accent are 5000 characters.
        let accents = "e\u{301}".repeat(5000);
        server
            .ok(Some(&alice), CREATE, json!({ "t": accents }))
            .await;
        let too_long = "e\u{301}".repeat(5001);
        assert_eq!(
            server
                .error_code(Some(&alice), CREATE, json!({ "t": too_long }))
                .await,
            "VALIDATION",
            "{backend}"
        );
        // A URL is 23 characters however long, a remote mention counts as a local one.
        let linked = format!(
            "{} https://example.org/{}",
            "a".repeat(4976),
            "p".repeat(200)
        );
        server
            .ok(Some(&alice), CREATE, json!({ "t": linked }))
            .await;
    }
}

#[tokio::test]
async fn text_of_only_invisible_characters_is_empty() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let post = server.post(&alice, "visible", "PUBLIC").await;
        for blank in [
            "\u{200b}",
            " \u{200b}\u{200d}\u{feff} ",
            "\u{2060}\u{00ad}\n\u{200c}",
            "\u{3164}",
            "\u{2800}",
        ] {
            assert_eq!(
                server
                    .error_code(Some(&alice), CREATE, json!({ "t": blank }))
                    .await,
                "VALIDATION",
                "{backend}: {blank:?}"
            );
            assert_eq!(
                server
                    .error_code(Some(&alice), EDIT, json!({ "id": post, "t": blank }))
                    .await,
                "VALIDATION",
                "{backend}: {blank:?}"
            );
        }
        // An invisible content warning is none.
        let data = server
            .ok(
                Some(&alice),
                CREATE,
                json!({ "t": "visible", "cw": "\u{200b}" }),
            )
            .await;
        assert_eq!(data["createStatus"]["status"]["contentWarning"], "");
        // Invisible characters within visible text stay.
        server
            .ok(Some(&alice), CREATE, json!({ "t": "a\u{200b}b" }))
            .await;
    }
}

#[tokio::test]
async fn a_preview_is_the_html_that_posting_makes() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        server.register("bob").await;
        let text = "**bold** and _slanted_ for @bob, #Rooks and https://example.com/x\n\n> quoted";
        let data = server.ok(Some(&alice), PREVIEW, json!({ "t": text })).await;
        let preview = data["statusPreview"].as_str().unwrap().to_owned();
        assert!(preview.contains("<strong>bold</strong>"), "{preview}");
        assert!(preview.contains("<blockquote>"), "{preview}");
        assert!(preview.contains("/tags/"), "{preview}");
        assert!(preview.contains("class=\"u-url mention\""), "{preview}");

        let id = server.post(&alice, text, "PUBLIC").await;
        let posted = server.ok(Some(&alice), CONTENT, json!({ "id": id })).await;
        assert_eq!(posted["status"]["content"], preview.as_str());

        // Too long to post is too long to preview; a preview is for the signed-in.
        let long = "x".repeat(5001);
        let code = server
            .error_code(Some(&alice), PREVIEW, json!({ "t": long }))
            .await;
        assert_eq!(code, "VALIDATION");
        let code = server.error_code(None, PREVIEW, json!({ "t": "hi" })).await;
        assert_eq!(code, "UNAUTHENTICATED");
    }
}
