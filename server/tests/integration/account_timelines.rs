//! An account's statuses with Mastodon's options (replies, boosts, media, a hashtag, pins
//! first), paged every way without a status shown twice, and the viewer's favourites.

use std::collections::HashSet;

use rookery_domain::testing::pictures::png;
use serde_json::{Value, json};

use super::media::uploaded;
use super::support::{TestServer, servers};

const POST: &str = "mutation($t: String!, $v: Visibility!, $r: ID, $m: [ID!]!) { createStatus(input: {text: $t, visibility: $v, inReplyToId: $r, mediaIds: $m}) { status { id } } }";
const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const FAVOURITE: &str =
    "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }";
const FAVOURITES: &str = "query($n: Int, $after: String, $l: Int, $before: String) { favourites(first: $n, after: $after, last: $l, before: $before) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage } } }";

/// One of alice's statuses, and what the options look at.
#[derive(Clone, Debug)]
struct Posted {
    id: String,
    reply_to_other: bool,
    boost: bool,
    media: bool,
    cats: bool,
    followers_only: bool,
    /// Carries the word carol's account filter hides.
    filtered_for_carol: bool,
}

/// The options of `accountStatuses`, as arguments.
#[derive(Clone, Copy, Debug, Default)]
struct Options {
    exclude_replies: bool,
    exclude_reblogs: bool,
    only_media: bool,
    tagged: bool,
    pinned_first: bool,
}

impl Options {
    fn every() -> Vec<Options> {
        (0..32u8)
            .map(|bits| Options {
                exclude_replies: bits & 1 != 0,
                exclude_reblogs: bits & 2 != 0,
                only_media: bits & 4 != 0,
                tagged: bits & 8 != 0,
                pinned_first: bits & 16 != 0,
            })
            .collect()
    }

    fn arguments(self) -> String {
        let mut arguments = format!(
            "excludeReplies: {}, excludeReblogs: {}, onlyMedia: {}, pinnedFirst: {}",
            self.exclude_replies, self.exclude_reblogs, self.only_media, self.pinned_first
        );
        if self.tagged {
            arguments.push_str(", tagged: \"#Cats\"");
        }
        arguments
    }

    fn lets_through(self, status: &Posted) -> bool {
        !(self.exclude_replies && status.reply_to_other
            || self.exclude_reblogs && status.boost
            || self.only_media && !status.media
            || self.tagged && !status.cats)
    }
}

/// Who looks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Viewer {
    /// Follows alice, and hides a word on account timelines.
    Carol,
    /// A stranger.
    Dave,
    Anonymous,
}

struct Scene {
    alice_id: String,
    carol: String,
    dave: String,
    /// Oldest first.
    statuses: Vec<Posted>,
    /// Newest pin first.
    pins: Vec<String>,
}

impl Scene {
    fn token(&self, viewer: Viewer) -> Option<&str> {
        match viewer {
            Viewer::Carol => Some(&self.carol),
            Viewer::Dave => Some(&self.dave),
            Viewer::Anonymous => None,
        }
    }

    /// What `viewer` should get with `options`, in order.
    fn expected(&self, viewer: Viewer, options: Options) -> Vec<String> {
        let shown = |s: &&Posted| {
            options.lets_through(s)
                && (viewer == Viewer::Carol || !s.followers_only)
                && !(viewer == Viewer::Carol && s.filtered_for_carol)
        };
        let newest_first: Vec<&Posted> = self.statuses.iter().rev().filter(shown).collect();
        if !options.pinned_first {
            return newest_first.iter().map(|s| s.id.clone()).collect();
        }
        let shown_ids: HashSet<&str> = newest_first.iter().map(|s| s.id.as_str()).collect();
        let mut ids: Vec<String> = self
            .pins
            .iter()
            .filter(|id| shown_ids.contains(id.as_str()))
            .cloned()
            .collect();
        ids.extend(
            newest_first
                .iter()
                .filter(|s| !self.pins.contains(&s.id))
                .map(|s| s.id.clone()),
        );
        ids
    }
}

async fn post_with(
    server: &TestServer,
    token: &str,
    text: &str,
    visibility: &str,
    reply_to: Option<&str>,
    media: bool,
) -> String {
    let media_ids: Vec<String> = if media {
        vec![uploaded(server, token, png(4, 4)).await.0]
    } else {
        Vec::new()
    };
    let data = server
        .ok(
            Some(token),
            POST,
            json!({ "t": text, "v": visibility, "r": reply_to, "m": media_ids }),
        )
        .await;
    data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Alice's statuses of every kind, four of them pinned; carol follows her and hides
/// "secretword" on account timelines.
async fn scene(server: &TestServer) -> Scene {
    let (alice, alice_id) = server.register("alice").await;
    let (bob, _) = server.register("bob").await;
    let (carol, _) = server.register("carol").await;
    let (dave, _) = server.register("dave").await;
    server
        .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
        .await;
    server
        .ok(
            Some(&carol),
            "mutation { createFilter(input: {title: \"spoilers\", contexts: [ACCOUNT], action: HIDE, keywords: [{keyword: \"secretword\"}]}) { filter { id } } }",
            json!({}),
        )
        .await;
    let bobs = server.post(&bob, "bob says hi", "PUBLIC").await;

    let mut statuses = Vec::new();
    let mut add = |id: String, flags: &str| {
        statuses.push(Posted {
            id,
            reply_to_other: flags.contains('r'),
            boost: flags.contains('b'),
            media: flags.contains('m'),
            cats: flags.contains('c'),
            followers_only: flags.contains('f'),
            filtered_for_carol: flags.contains('h'),
        });
    };
    let plain = post_with(server, &alice, "plain words", "PUBLIC", None, false).await;
    add(plain.clone(), "");
    let picture = post_with(server, &alice, "#cats picture", "PUBLIC", None, true).await;
    add(picture, "mc");
    let answer = post_with(server, &alice, "answer", "PUBLIC", Some(&bobs), false).await;
    add(answer, "r");
    let thread = post_with(
        server,
        &alice,
        "thread goes on",
        "PUBLIC",
        Some(&plain),
        false,
    )
    .await;
    add(thread, "");
    let boost = server
        .ok(
            Some(&alice),
            "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
            json!({ "id": bobs }),
        )
        .await["reblog"]["reblog"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    add(boost, "b");
    let cats_text = post_with(server, &alice, "#cats words only", "PUBLIC", None, false).await;
    add(cats_text.clone(), "c");
    let followers = post_with(
        server,
        &alice,
        "#cats for followers",
        "FOLLOWERS",
        None,
        true,
    )
    .await;
    add(followers.clone(), "mcf");
    let alone = post_with(server, &alice, "a picture alone", "PUBLIC", None, true).await;
    add(alone, "m");
    let answer_cats = post_with(
        server,
        &alice,
        "another answer #cats",
        "PUBLIC",
        Some(&bobs),
        true,
    )
    .await;
    add(answer_cats, "rmc");
    let secret = post_with(server, &alice, "the secretword", "PUBLIC", None, false).await;
    add(secret.clone(), "h");
    let latest = post_with(server, &alice, "the latest", "PUBLIC", None, false).await;
    add(latest, "");

    for id in [&cats_text, &plain, &secret, &followers] {
        server.ok(Some(&alice), PIN, json!({ "id": id })).await;
    }
    Scene {
        alice_id,
        carol,
        dave,
        statuses,
        pins: vec![followers, secret, plain, cats_text],
    }
}

/// One page: the edges' (status id, cursor) and whether pages lie after and before.
async fn page(
    server: &TestServer,
    token: Option<&str>,
    account: &str,
    options: Options,
    range: (&str, &str),
    variables: Value,
) -> (Vec<(String, String)>, bool, bool) {
    let query = format!(
        "query($id: ID!, {}) {{ accountStatuses(accountId: $id, {}, {}) {{ edges {{ cursor node {{ id }} }} pageInfo {{ hasNextPage hasPreviousPage }} }} }}",
        range.0,
        options.arguments(),
        range.1
    );
    let mut variables = variables;
    variables["id"] = json!(account);
    let data = server.ok(token, &query, variables).await;
    let connection = &data["accountStatuses"];
    let edges = connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["id"].as_str().unwrap().to_owned(),
                e["cursor"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let info = &connection["pageInfo"];
    (
        edges,
        info["hasNextPage"].as_bool().unwrap(),
        info["hasPreviousPage"].as_bool().unwrap(),
    )
}

/// The variables and arguments of a page forwards, and backwards.
const FORWARD: (&str, &str) = ("$n: Int, $after: String", "first: $n, after: $after");
const BACKWARD: (&str, &str) = ("$l: Int, $before: String", "last: $l, before: $before");

/// Every page forwards, `size` at a time; the edges in order.
async fn walk_forward(
    server: &TestServer,
    token: Option<&str>,
    account: &str,
    options: Options,
    size: usize,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (edges, has_next, has_previous) = page(
            server,
            token,
            account,
            options,
            FORWARD,
            json!({ "n": size, "after": after }),
        )
        .await;
        assert_eq!(has_previous, after.is_some(), "{options:?} after {after:?}");
        assert!(edges.len() <= size);
        all.extend(edges.iter().cloned());
        if !has_next {
            return all;
        }
        assert!(
            !edges.is_empty(),
            "{options:?}: a next page after an empty one"
        );
        after = edges.last().map(|(_, cursor)| cursor.clone());
    }
}

/// Every page backwards from the end, `size` at a time; the edges in order.
async fn walk_backward(
    server: &TestServer,
    token: Option<&str>,
    account: &str,
    options: Options,
    size: usize,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let (edges, has_next, has_previous) = page(
            server,
            token,
            account,
            options,
            BACKWARD,
            json!({ "l": size, "before": before }),
        )
        .await;
        assert_eq!(has_next, before.is_some(), "{options:?} before {before:?}");
        let mut together = edges.clone();
        together.extend(all);
        all = together;
        if !has_previous {
            return all;
        }
        assert!(
            !edges.is_empty(),
            "{options:?}: a previous page before an empty one"
        );
        before = edges.first().map(|(_, cursor)| cursor.clone());
    }
}

fn ids(edges: &[(String, String)]) -> Vec<String> {
    edges.iter().map(|(id, _)| id.clone()).collect()
}

#[tokio::test]
async fn every_option_and_combination_narrows_the_account_timeline() {
    for server in servers().await {
        let scene = scene(&server).await;
        for viewer in [Viewer::Carol, Viewer::Dave, Viewer::Anonymous] {
            for options in Options::every() {
                let expected = scene.expected(viewer, options);
                let (edges, has_next, _) = page(
                    &server,
                    scene.token(viewer),
                    &scene.alice_id,
                    options,
                    FORWARD,
                    json!({ "n": 50 }),
                )
                .await;
                assert_eq!(
                    ids(&edges),
                    expected,
                    "{} {viewer:?} {options:?}",
                    server.backend
                );
                assert!(!has_next);
            }
        }
        // Spot checks of the model itself: threads stay, replies to others go.
        let carol_no_replies = scene.expected(
            Viewer::Carol,
            Options {
                exclude_replies: true,
                ..Options::default()
            },
        );
        assert_eq!(carol_no_replies.len(), 8);
        let media_for_dave = scene.expected(
            Viewer::Dave,
            Options {
                only_media: true,
                ..Options::default()
            },
        );
        assert_eq!(
            media_for_dave.len(),
            3,
            "the followers-only picture is not his"
        );
    }
}

#[tokio::test]
async fn pins_come_first_once_whichever_way_and_size_one_pages() {
    for server in servers().await {
        let scene = scene(&server).await;
        for viewer in [Viewer::Carol, Viewer::Dave, Viewer::Anonymous] {
            let token = scene.token(viewer);
            for options in Options::every().into_iter().filter(|o| o.pinned_first) {
                let expected = scene.expected(viewer, options);
                // A page that carol's filter empties would leave her no cursor to go on
                // from: pages of one are walked by those without filters.
                let sizes: &[usize] = if viewer == Viewer::Carol {
                    &[2, 3, 5]
                } else {
                    &[1, 2, 3, 5]
                };
                for &size in sizes {
                    let forward =
                        walk_forward(&server, token, &scene.alice_id, options, size).await;
                    assert_eq!(
                        ids(&forward),
                        expected,
                        "{} {viewer:?} {options:?} forward by {size}",
                        server.backend
                    );
                    let backward =
                        walk_backward(&server, token, &scene.alice_id, options, size).await;
                    assert_eq!(
                        ids(&backward),
                        expected,
                        "{} {viewer:?} {options:?} backward by {size}",
                        server.backend
                    );
                }
            }
        }

        // From any edge's cursor, either way, the neighbours come: pins or not.
        let options = Options {
            pinned_first: true,
            ..Options::default()
        };
        let edges = walk_forward(&server, Some(&scene.dave), &scene.alice_id, options, 1).await;
        let all = ids(&edges);
        assert_eq!(
            all[..3],
            scene.pins[1..],
            "dave's pins: all but the followers-only one"
        );
        for (at, (_, cursor)) in edges.iter().enumerate() {
            let (after, _, has_previous) = page(
                &server,
                Some(&scene.dave),
                &scene.alice_id,
                options,
                FORWARD,
                json!({ "n": 2, "after": cursor }),
            )
            .await;
            let end = (at + 3).min(all.len());
            assert_eq!(ids(&after), &all[at + 1..end], "after edge {at}");
            assert!(has_previous);
            let (before, has_next, _) = page(
                &server,
                Some(&scene.dave),
                &scene.alice_id,
                options,
                BACKWARD,
                json!({ "l": 2, "before": cursor }),
            )
            .await;
            assert_eq!(
                ids(&before),
                &all[at.saturating_sub(2)..at],
                "before edge {at}"
            );
            assert!(has_next);
        }

        // A followers-only pin is shown to whoever may see it, first, and to no one else.
        let first = |viewer, n: usize| {
            let scene = &scene;
            let server = &server;
            async move {
                let (edges, _, _) = page(
                    server,
                    scene.token(viewer),
                    &scene.alice_id,
                    options,
                    FORWARD,
                    json!({ "n": n }),
                )
                .await;
                ids(&edges)
            }
        };
        let carols = scene.expected(Viewer::Carol, options);
        assert_eq!(carols[..2], [scene.pins[0].clone(), scene.pins[2].clone()]);
        assert_eq!(
            first(Viewer::Carol, 3).await,
            carols[..3],
            "carol's filter hides the pin between, and the page is filled past it"
        );
        for stranger in [Viewer::Dave, Viewer::Anonymous] {
            let everything =
                ids(
                    &walk_forward(&server, scene.token(stranger), &scene.alice_id, options, 50)
                        .await,
                );
            assert!(!everything.contains(&scene.pins[0]), "{stranger:?}");
            assert_eq!(first(stranger, 2).await, scene.pins[1..3], "{stranger:?}");
        }
    }
}

#[tokio::test]
async fn a_tag_is_checked_and_one_never_seen_shows_nothing() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        server.post(&alice, "#known here", "PUBLIC").await;
        let query = "query($id: ID!, $t: String) { accountStatuses(accountId: $id, tagged: $t) { edges { node { id } } } }";
        let count = |tag: &'static str| {
            let server = &server;
            let alice_id = &alice_id;
            async move {
                server
                    .ok(None, query, json!({ "id": alice_id, "t": tag }))
                    .await["accountStatuses"]["edges"]
                    .as_array()
                    .unwrap()
                    .len()
            }
        };
        assert_eq!(count("known").await, 1);
        assert_eq!(count("#KNOWN").await, 1);
        assert_eq!(count("unknown").await, 0);
        assert_eq!(
            server
                .error_code(None, query, json!({ "id": alice_id, "t": "not a tag!" }))
                .await,
            "VALIDATION"
        );
    }
}

async fn favourites(
    server: &TestServer,
    token: &str,
    variables: Value,
) -> (Vec<String>, Vec<String>, bool, bool) {
    let data = server.ok(Some(token), FAVOURITES, variables).await;
    let connection = &data["favourites"];
    let edges = connection["edges"].as_array().unwrap();
    (
        edges
            .iter()
            .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
            .collect(),
        edges
            .iter()
            .map(|e| e["cursor"].as_str().unwrap().to_owned())
            .collect(),
        connection["pageInfo"]["hasNextPage"].as_bool().unwrap(),
        connection["pageInfo"]["hasPreviousPage"].as_bool().unwrap(),
    )
}

/// The viewer's favourites, all of them, a page of one at a time forwards and backwards (they
/// must agree).
async fn all_favourites(server: &TestServer, token: &str) -> Vec<String> {
    let mut forward = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let (ids, cursors, has_next, _) =
            favourites(server, token, json!({ "n": 1, "after": after })).await;
        if !has_next {
            forward.extend(ids);
            break;
        }
        assert!(
            !ids.is_empty(),
            "{}: a next page after an empty one",
            server.backend
        );
        forward.extend(ids);
        after = cursors.last().cloned();
    }
    let mut backward: Vec<String> = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let (ids, cursors, _, has_previous) =
            favourites(server, token, json!({ "l": 1, "before": before })).await;
        assert!(!has_previous || !ids.is_empty(), "{}", server.backend);
        let mut together = ids;
        together.extend(backward);
        backward = together;
        if !has_previous {
            break;
        }
        before = cursors.first().cloned();
    }
    assert_eq!(forward, backward, "{}", server.backend);
    forward
}

#[tokio::test]
async fn favourites_latest_favourited_first_while_still_visible() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        server
            .ok(Some(&carol), FOLLOW, json!({ "id": alice_id }))
            .await;
        let oldest = server.post(&alice, "oldest, liked last", "PUBLIC").await;
        let deleted = server.post(&alice, "soon deleted", "PUBLIC").await;
        let bobs = server
            .post(&bob, "bob's, and bob blocks carol", "PUBLIC")
            .await;
        let followers = server.post(&alice, "for followers", "FOLLOWERS").await;
        let never = server.post(&alice, "never liked", "PUBLIC").await;
        for id in [&deleted, &bobs, &followers, &oldest] {
            server
                .ok(Some(&carol), FAVOURITE, json!({ "id": id }))
                .await;
        }
        server
            .ok(Some(&dave), FAVOURITE, json!({ "id": never }))
            .await;

        assert_eq!(
            all_favourites(&server, &carol).await,
            [oldest.clone(), followers.clone(), bobs, deleted.clone()],
            "by when they were liked"
        );
        assert_eq!(
            all_favourites(&server, &dave).await,
            [never],
            "one's own only"
        );
        assert_eq!(
            server.error_code(None, FAVOURITES, json!({})).await,
            "UNAUTHENTICATED"
        );

        // What carol may no longer see leaves her favourites.
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": carol_id }),
            )
            .await;
        assert_eq!(
            all_favourites(&server, &carol).await,
            [oldest.clone(), followers, deleted.clone()]
        );
        server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { unfollow(input: {accountId: $id}) { account { id } } }",
                json!({ "id": alice_id }),
            )
            .await;
        assert_eq!(
            all_favourites(&server, &carol).await,
            [oldest.clone(), deleted.clone()]
        );
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": deleted }),
            )
            .await;
        assert_eq!(
            all_favourites(&server, &carol).await,
            std::slice::from_ref(&oldest)
        );
        server
            .ok(
                Some(&carol),
                "mutation($id: ID!) { unfavourite(input: {statusId: $id}) { status { id } } }",
                json!({ "id": oldest }),
            )
            .await;
        assert!(all_favourites(&server, &carol).await.is_empty());
    }
}
