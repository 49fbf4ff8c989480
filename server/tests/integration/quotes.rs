//! Quote posts and interaction policies: who may quote, reply to and boost a status, held
//! locally and across servers (FEP-044f quote requests, stamps and their revocation).

use std::time::Duration;

use rookery_domain::service::accounts;
use rookery_domain::testing::TestDb;
use rookery_domain::types::ActivityKind;
use serde_json::{Value, json};

use super::collections::{body, published};
use super::federation::{admin, eventually, federating, follow_accepted, remote_id};
use super::support::{TestServer, servers};

const STATUS_FIELDS: &str = "id uri content quotesCount repliesCount reblogsCount \
    interactionPolicy { canQuote canReply canBoost } viewerCanQuote viewerCanReply \
    viewerCanBoost quote { state quotedStatus { id content } }";

fn create_query() -> String {
    format!(
        "mutation($t: String!, $v: Visibility! = PUBLIC, $q: ID, $qp: InteractionAudience, \
         $rp: InteractionAudience, $bp: InteractionAudience, $r: ID, $p: PollInput) {{ \
         createStatus(input: {{text: $t, visibility: $v, quoteOfId: $q, quotePolicy: $qp, \
         replyPolicy: $rp, boostPolicy: $bp, inReplyToId: $r, poll: $p}}) {{ status {{ \
         {STATUS_FIELDS} }} }} }}"
    )
}

fn status_query() -> String {
    format!("query($id: ID!) {{ status(id: $id) {{ {STATUS_FIELDS} }} }}")
}

const EDIT: &str = "mutation($id: ID!, $t: String!, $qp: InteractionAudience, $rp: InteractionAudience, $bp: InteractionAudience) { editStatus(input: {id: $id, text: $t, quotePolicy: $qp, replyPolicy: $rp, boostPolicy: $bp}) { status { id } } }";
const REVOKE: &str = "mutation($id: ID!) { revokeQuote(input: {statusId: $id}) { status { id quote { state quotedStatus { id } } } } }";
const REBLOG: &str = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id uri } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";
const NOTIFICATIONS: &str = "{ notifications(first: 30) { edges { node { type account { acct } status { id content } } } } }";

/// Posts as `token` with the variables of [`create_query`]; returns the status.
async fn create(server: &TestServer, token: &str, vars: Value) -> Value {
    let data = server.ok(Some(token), &create_query(), vars).await;
    data["createStatus"]["status"].clone()
}

/// The error code of posting as `token` with `vars`.
async fn refused(server: &TestServer, token: &str, vars: Value) -> String {
    server.error_code(Some(token), &create_query(), vars).await
}

async fn status(server: &TestServer, token: Option<&str>, id: &str) -> Value {
    let data = server.ok(token, &status_query(), json!({ "id": id })).await;
    data["status"].clone()
}

/// (type, acct, status content) of each notification of `token`, newest first.
async fn notifications(server: &TestServer, token: &str) -> Vec<(String, String, String)> {
    let data = server.ok(Some(token), NOTIFICATIONS, json!({})).await;
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["type"].as_str().unwrap().to_owned(),
                node["account"]["acct"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                node["status"]["content"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

fn of_type<'a>(
    all: &'a [(String, String, String)],
    kind: &str,
) -> Vec<&'a (String, String, String)> {
    all.iter().filter(|n| n.0 == kind).collect()
}

/// How many statuses `account` has, as `token` sees them.
async fn statuses_of(server: &TestServer, token: &str, account: &str) -> usize {
    let data = server
        .ok(
            Some(token),
            "query($id: ID!) { accountStatuses(accountId: $id, first: 40) { edges { node { id } } } }",
            json!({ "id": account }),
        )
        .await;
    data["accountStatuses"]["edges"].as_array().unwrap().len()
}

fn id(status: &Value) -> String {
    status["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn quote_policies_decide_local_quotes() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let alice_id = server
            .ok(Some(&alice), "{ viewer { id } }", json!({}))
            .await["viewer"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(Some(&bob), FOLLOW, json!({ "id": alice_id }))
            .await;

        let open = create(&server, &alice, json!({ "t": "quote me" })).await;
        assert_eq!(
            open["interactionPolicy"],
            json!({ "canQuote": "ANYONE", "canReply": "ANYONE", "canBoost": "ANYONE" }),
            "{backend}"
        );
        assert!(open["quote"].is_null());
        let followers = create(
            &server,
            &alice,
            json!({ "t": "followers may", "qp": "FOLLOWERS" }),
        )
        .await;
        let nobody = create(&server, &alice, json!({ "t": "only me", "qp": "NOBODY" })).await;
        let private = create(
            &server,
            &alice,
            json!({ "t": "followers only", "v": "FOLLOWERS", "qp": "ANYONE" }),
        )
        .await;
        assert_eq!(
            private["interactionPolicy"]["canQuote"], "NOBODY",
            "{backend}: a followers-only status is never quoted"
        );
        assert_eq!(private["interactionPolicy"]["canBoost"], "NOBODY");
        assert_eq!(private["interactionPolicy"]["canReply"], "ANYONE");

        // What each viewer may do, as clients show it.
        let may_quote = |token: Option<&str>, target: &Value| {
            let server = &server;
            let target = id(target);
            let token = token.map(str::to_owned);
            async move { status(server, token.as_deref(), &target).await["viewerCanQuote"] == true }
        };
        for (who, token, expected) in [
            ("author", Some(alice.as_str()), [true, true, true, false]),
            ("follower", Some(bob.as_str()), [true, true, false, false]),
            (
                "stranger",
                Some(carol.as_str()),
                [true, false, false, false],
            ),
            ("anonymous", None, [false, false, false, false]),
        ] {
            let mut seen = Vec::new();
            for target in [&open, &followers, &nobody, &private] {
                // The stranger and the anonymous reader do not see the followers-only one.
                if target == &private && matches!(who, "stranger" | "anonymous") {
                    seen.push(false);
                    continue;
                }
                seen.push(may_quote(token, target).await);
            }
            assert_eq!(seen, expected, "{backend}: {who}");
        }

        // Quotes each policy allows are accepted at once, with the quoted status.
        for (token, target) in [
            (&bob, &open),
            (&carol, &open),
            (&bob, &followers),
            (&alice, &followers),
            (&alice, &nobody),
        ] {
            let quote = create(&server, token, json!({ "t": "look", "q": id(target) })).await;
            assert_eq!(quote["quote"]["state"], "ACCEPTED", "{backend}");
            assert_eq!(quote["quote"]["quotedStatus"]["id"], target["id"]);
            assert_eq!(quote["content"], "<p>look</p>");
        }
        // The others are refused, and nothing is posted.
        let carol_statuses = statuses_of(&server, &carol, &carol_id).await;
        for (token, target, code) in [
            (&carol, &followers, "FORBIDDEN"),
            (&carol, &nobody, "FORBIDDEN"),
            (&bob, &nobody, "FORBIDDEN"),
            (&bob, &private, "FORBIDDEN"),
            (&alice, &private, "FORBIDDEN"),
            // Carol may not see it at all.
            (&carol, &private, "NOT_FOUND"),
        ] {
            assert_eq!(
                refused(&server, token, json!({ "t": "look", "q": id(target) })).await,
                code,
                "{backend}: {}",
                target["content"]
            );
        }
        assert_eq!(
            refused(&server, &carol, json!({ "t": " ", "q": id(&open) })).await,
            "VALIDATION",
            "a quote needs text"
        );
        let poll = json!({ "options": ["a", "b"], "expiresInSeconds": 3600 });
        assert_eq!(
            refused(
                &server,
                &carol,
                json!({ "t": "poll", "q": id(&open), "p": poll })
            )
            .await,
            "VALIDATION",
            "a quote carries no poll"
        );
        assert_eq!(
            statuses_of(&server, &carol, &carol_id).await,
            carol_statuses
        );

        let read = status(&server, Some(&carol), &id(&open)).await;
        assert_eq!(read["quotesCount"], 2, "{backend}");
        let read = status(&server, Some(&carol), &id(&followers)).await;
        assert_eq!(read["quotesCount"], 2, "{backend}");

        // Alice is told of each quote by someone else, with the quote post.
        let told = notifications(&server, &alice).await;
        let mut quotes: Vec<(String, String)> = of_type(&told, "QUOTE")
            .into_iter()
            .map(|n| (n.1.clone(), n.2.clone()))
            .collect();
        quotes.sort();
        assert_eq!(
            quotes,
            [
                ("bob".to_owned(), "<p>look</p>".to_owned()),
                ("bob".to_owned(), "<p>look</p>".to_owned()),
                ("carol".to_owned(), "<p>look</p>".to_owned()),
            ],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn quote_notifications_follow_mutes_blocks_and_filters() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        let post = create(&server, &alice, json!({ "t": "quote me" })).await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { mute(input: {accountId: $id, notifications: true}) { account { id } } }",
                json!({ "id": bob_id }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($k: [FilterKeywordInput!]!) { createFilter(input: {title: \"spoilers\", contexts: [NOTIFICATIONS], action: HIDE, keywords: $k}) { filter { id } } }",
                json!({ "k": [{ "keyword": "spoiler" }] }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": carol_id }),
            )
            .await;
        // Muted, filtered and blocked quoters are not heard of; carol cannot see the post.
        create(&server, &bob, json!({ "t": "muted", "q": id(&post) })).await;
        create(&server, &dave, json!({ "t": "a spoiler", "q": id(&post) })).await;
        assert_eq!(
            refused(&server, &carol, json!({ "t": "blocked", "q": id(&post) })).await,
            "NOT_FOUND"
        );
        create(&server, &dave, json!({ "t": "heard", "q": id(&post) })).await;
        let told = notifications(&server, &alice).await;
        assert_eq!(
            of_type(&told, "QUOTE"),
            [&(
                "QUOTE".to_owned(),
                "dave".to_owned(),
                "<p>heard</p>".to_owned()
            )],
            "{backend}"
        );
        // A private quote (a note to oneself) tells nobody.
        create(
            &server,
            &dave,
            json!({ "t": "kept to myself", "q": id(&post), "v": "PRIVATE" }),
        )
        .await;
        let told = notifications(&server, &alice).await;
        assert_eq!(of_type(&told, "QUOTE").len(), 1, "{backend}");
    }
}

#[tokio::test]
async fn a_quoted_status_shows_only_to_those_who_may_see_it() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let post = create(&server, &alice, json!({ "t": "hello" })).await;
        let unlisted = create(&server, &alice, json!({ "t": "quietly", "v": "UNLISTED" })).await;
        let quote = create(&server, &bob, json!({ "t": "see this", "q": id(&post) })).await;
        let quiet = create(
            &server,
            &bob,
            json!({ "t": "and this", "q": id(&unlisted) }),
        )
        .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }",
                json!({ "id": carol_id }),
            )
            .await;
        for (token, shown) in [
            (Some(alice.as_str()), true),
            (None, true),
            (Some(carol.as_str()), false),
        ] {
            for (quote_post, quoted) in [(&quote, &post), (&quiet, &unlisted)] {
                let read = status(&server, token, &id(quote_post)).await;
                assert_eq!(read["quote"]["state"], "ACCEPTED", "{backend}");
                let expected = if shown {
                    quoted["id"].clone()
                } else {
                    Value::Null
                };
                assert_eq!(
                    read["quote"]["quotedStatus"]["id"], expected,
                    "{backend}: {token:?}"
                );
            }
        }
        // Not through a timeline either.
        let data = server
            .ok(
                Some(&carol),
                "{ publicTimeline(first: 10) { edges { node { content quote { state quotedStatus { content } } } } } }",
                json!({}),
            )
            .await;
        let edges = data["publicTimeline"]["edges"].as_array().unwrap();
        let seen = edges
            .iter()
            .find(|e| e["node"]["content"] == "<p>see this</p>")
            .unwrap();
        assert!(
            seen["node"]["quote"]["quotedStatus"].is_null(),
            "{backend}: {data}"
        );

        // A deleted quoted status leaves its quotes marked so.
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": id(&post) }),
            )
            .await;
        let read = status(&server, Some(&bob), &id(&quote)).await;
        assert_eq!(read["quote"]["state"], "DELETED", "{backend}");
        assert!(read["quote"]["quotedStatus"].is_null());
    }
}

#[tokio::test]
async fn edits_tell_quoters_and_revoking_takes_a_quote_back() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let post = create(&server, &alice, json!({ "t": "first draft" })).await;
        let quote = create(&server, &bob, json!({ "t": "quoting", "q": id(&post) })).await;
        server
            .ok(Some(&carol), REBLOG, json!({ "id": id(&post) }))
            .await;
        server
            .ok(
                Some(&alice),
                EDIT,
                json!({ "id": id(&post), "t": "second draft" }),
            )
            .await;
        for (token, name) in [(&bob, "bob"), (&carol, "carol")] {
            let told = notifications(&server, token).await;
            assert_eq!(
                of_type(&told, "UPDATE"),
                [&(
                    "UPDATE".to_owned(),
                    "alice".to_owned(),
                    "<p>second draft</p>".to_owned()
                )],
                "{backend}: {name}"
            );
        }
        // The quote shows the status as it reads now.
        let read = status(&server, Some(&carol), &id(&quote)).await;
        assert_eq!(
            read["quote"]["quotedStatus"]["content"],
            "<p>second draft</p>"
        );

        // Only the quoted author revokes (its author may not; others do not see it as
        // theirs to revoke); then the quoted status no longer shows.
        for (token, code) in [(&bob, "FORBIDDEN"), (&carol, "NOT_FOUND")] {
            assert_eq!(
                server
                    .error_code(Some(token), REVOKE, json!({ "id": id(&quote) }))
                    .await,
                code,
                "{backend}"
            );
        }
        for _ in 0..2 {
            let data = server
                .ok(Some(&alice), REVOKE, json!({ "id": id(&quote) }))
                .await;
            assert_eq!(data["revokeQuote"]["status"]["quote"]["state"], "REVOKED");
        }
        for token in [Some(bob.as_str()), Some(carol.as_str()), None] {
            let read = status(&server, token, &id(&quote)).await;
            assert_eq!(read["quote"]["state"], "REVOKED", "{backend}");
            assert!(read["quote"]["quotedStatus"].is_null());
        }
        let read = status(&server, None, &id(&post)).await;
        assert_eq!(read["quotesCount"], 0, "{backend}");
        // A revoked quote's author hears of no more edits.
        server
            .ok(
                Some(&alice),
                EDIT,
                json!({ "id": id(&post), "t": "third draft" }),
            )
            .await;
        let told = notifications(&server, &bob).await;
        assert_eq!(of_type(&told, "UPDATE").len(), 1, "{backend}");

        // An edit changes the policy where asked, and keeps it otherwise.
        server
            .ok(
                Some(&alice),
                EDIT,
                json!({ "id": id(&post), "t": "fourth draft", "qp": "NOBODY" }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                EDIT,
                json!({ "id": id(&post), "t": "fifth draft", "rp": "FOLLOWERS" }),
            )
            .await;
        let read = status(&server, Some(&carol), &id(&post)).await;
        assert_eq!(
            read["interactionPolicy"],
            json!({ "canQuote": "NOBODY", "canReply": "FOLLOWERS", "canBoost": "ANYONE" }),
            "{backend}"
        );
        assert_eq!(
            refused(&server, &carol, json!({ "t": "again", "q": id(&post) })).await,
            "FORBIDDEN"
        );
    }
}

#[tokio::test]
async fn reply_and_boost_policies_hold_locally() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, carol_id) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        server
            .ok(Some(&bob), FOLLOW, json!({ "id": alice_id }))
            .await;
        let post = create(
            &server,
            &alice,
            json!({ "t": "thoughts, @dave?", "rp": "FOLLOWERS", "bp": "NOBODY" }),
        )
        .await;
        let closed = create(
            &server,
            &alice,
            json!({ "t": "no replies", "rp": "NOBODY" }),
        )
        .await;

        let may = |token: &str| {
            let server = &server;
            let post = id(&post);
            let token = token.to_owned();
            async move {
                let read = status(server, Some(&token), &post).await;
                (
                    read["viewerCanReply"] == true,
                    read["viewerCanBoost"] == true,
                )
            }
        };
        assert_eq!(may(&alice).await, (true, true), "{backend}: the author");
        assert_eq!(may(&bob).await, (true, false), "{backend}: a follower");
        assert_eq!(may(&carol).await, (false, false), "{backend}: a stranger");
        assert_eq!(may(&dave).await, (true, false), "{backend}: the mentioned");

        // Refused replies and boosts change nothing.
        let carol_statuses = statuses_of(&server, &carol, &carol_id).await;
        for target in [&post, &closed] {
            assert_eq!(
                refused(&server, &carol, json!({ "t": "well", "r": id(target) })).await,
                "FORBIDDEN",
                "{backend}"
            );
        }
        assert_eq!(
            refused(&server, &bob, json!({ "t": "well", "r": id(&closed) })).await,
            "FORBIDDEN"
        );
        for token in [&bob, &carol, &dave] {
            assert_eq!(
                server
                    .error_code(Some(token), REBLOG, json!({ "id": id(&post) }))
                    .await,
                "FORBIDDEN",
                "{backend}"
            );
        }
        assert_eq!(
            statuses_of(&server, &carol, &carol_id).await,
            carol_statuses
        );
        let read = status(&server, Some(&alice), &id(&post)).await;
        assert_eq!(
            (&read["repliesCount"], &read["reblogsCount"]),
            (&json!(0), &json!(0))
        );
        let told = notifications(&server, &alice).await;
        assert!(of_type(&told, "REBLOG").is_empty(), "{backend}: {told:?}");

        // What the policy allows goes through.
        create(
            &server,
            &bob,
            json!({ "t": "a follower's answer", "r": id(&post) }),
        )
        .await;
        create(
            &server,
            &dave,
            json!({ "t": "the mentioned answer", "r": id(&post) }),
        )
        .await;
        create(
            &server,
            &alice,
            json!({ "t": "and mine", "r": id(&closed) }),
        )
        .await;
        server
            .ok(Some(&alice), REBLOG, json!({ "id": id(&post) }))
            .await;
        let read = status(&server, Some(&alice), &id(&post)).await;
        assert_eq!(read["repliesCount"], 2, "{backend}");
        assert_eq!(read["reblogsCount"], 1, "{backend}");
    }
}

/// A status of `author` on `home`, as `token` on `there` finds it by its URL.
async fn resolved(there: &TestServer, token: &str, uri: &str) -> Value {
    let data = there
        .ok(
            Some(token),
            &format!(
                "query($u: String!) {{ resolveObject(url: $u) {{ ... on Status {{ {STATUS_FIELDS} }} }} }}"
            ),
            json!({ "u": uri }),
        )
        .await;
    data["resolveObject"].clone()
}

fn uri(status: &Value) -> String {
    status["uri"].as_str().unwrap().to_owned()
}

/// Waits until `server`'s queues have nothing left to publish or deliver.
async fn delivered(server: &TestServer, root: &str) {
    eventually(Duration::from_secs(20), "the deliveries", || async {
        let data = server
            .ok(
                Some(root),
                "{ jobQueues { name pending running } }",
                json!({}),
            )
            .await;
        data["jobQueues"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| matches!(q["name"].as_str(), Some("publish" | "deliver")))
            .all(|q| q["pending"] == 0 && q["running"] == 0)
    })
    .await;
}

async fn quotes_cross_servers(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let bob_acct = format!("bob@{}", b.instance.domain);

    // Bob quotes alice's status: pending, until her server accepts.
    let post = create(&a, &alice, json!({ "t": "quote me" })).await;
    let on_b = resolved(&b, &bob, &uri(&post)).await;
    assert_eq!(on_b["interactionPolicy"]["canQuote"], "ANYONE", "{on_b}");
    assert_eq!(on_b["viewerCanQuote"], true);
    let quote = create(&b, &bob, json!({ "t": "worth reading", "q": id(&on_b) })).await;
    assert_eq!(quote["quote"]["state"], "PENDING");
    assert!(quote["quote"]["quotedStatus"].is_null());
    eventually(Duration::from_secs(15), "the Accept", || async {
        status(&b, Some(&bob), &id(&quote)).await["quote"]["state"] == "ACCEPTED"
    })
    .await;
    let read = status(&b, Some(&bob), &id(&quote)).await;
    assert_eq!(read["quote"]["quotedStatus"]["content"], "<p>quote me</p>");
    // Its readers elsewhere learn of the stamp by an Update dated by it.
    let bob_on_b = accounts::local_by_username(&b.db.db, "bob").await.unwrap();
    let updates = published(&b, bob_on_b.id, ActivityKind::UpdateNote).await;
    let update = body(&updates[0]);
    assert_eq!(update["object"]["id"], uri(&quote));
    assert!(
        update["object"]["quoteAuthorization"].is_string(),
        "{update}"
    );
    assert!(update["object"]["updated"].is_string(), "{update}");
    assert_eq!(update["published"], update["object"]["updated"]);

    // Alice is told, and her status counts the quote.
    let told = notifications(&a, &alice).await;
    assert_eq!(
        of_type(&told, "QUOTE"),
        [&(
            "QUOTE".to_owned(),
            bob_acct.clone(),
            "<p>worth reading</p>".to_owned()
        )]
    );
    assert_eq!(status(&a, None, &id(&post)).await["quotesCount"], 1);

    // The quote post names the quote and its stamp, which alice's server serves.
    let get = |url: String| {
        let client = a.client.clone();
        async move {
            let response = client
                .get(url)
                .header("accept", "application/activity+json")
                .send()
                .await
                .unwrap();
            let code = response.status().as_u16();
            (code, response.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (code, note) = get(uri(&quote)).await;
    assert_eq!(code, 200);
    for key in ["quote", "quoteUri", "_misskey_quote"] {
        assert_eq!(note[key], uri(&post), "{key}: {note}");
    }
    // Servers that show no quotes get a link instead; alice's server, which shows the
    // quote, dropped it (her notification above reads the text alone).
    let post_uri = uri(&post);
    assert_eq!(
        note["content"],
        format!(
            "<p>worth reading</p><p class=\"quote-inline\">RE: <a href=\"{post_uri}\">{post_uri}</a></p>"
        )
    );
    assert_eq!(
        note["interactionPolicy"]["canQuote"]["automaticApproval"],
        json!(["https://www.w3.org/ns/activitystreams#Public"])
    );
    let context = note["@context"][1].clone();
    assert_eq!(context["quote"]["@id"], "https://w3id.org/fep/044f#quote");
    assert_eq!(context["interactionPolicy"]["@id"], "gts:interactionPolicy");
    let stamp = note["quoteAuthorization"].as_str().unwrap().to_owned();
    assert!(stamp.starts_with(&a.base), "{stamp}");
    let (code, document) = get(stamp.clone()).await;
    assert_eq!(code, 200);
    assert_eq!(document["type"], "QuoteAuthorization");
    assert_eq!(document["id"], stamp);
    assert_eq!(document["interactingObject"], uri(&quote));
    assert_eq!(document["interactionTarget"], uri(&post));
    assert_eq!(document["attributedTo"], format!("{}/users/alice", a.base));

    // Alice revokes it: her server stops serving the stamp, and bob's hears of it.
    let data = a
        .ok(
            Some(&alice),
            "{ notifications(first: 5, filter: {types: [QUOTE]}) { edges { node { status { id } } } } }",
            json!({}),
        )
        .await;
    let quote_on_a = data["notifications"]["edges"][0]["node"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let data = a
        .ok(Some(&alice), REVOKE, json!({ "id": quote_on_a }))
        .await;
    assert_eq!(data["revokeQuote"]["status"]["quote"]["state"], "REVOKED");
    assert_eq!(get(stamp).await.0, 404);
    eventually(Duration::from_secs(15), "the stamp's Delete", || async {
        status(&b, Some(&bob), &id(&quote)).await["quote"]["state"] == "REVOKED"
    })
    .await;
    let read = status(&b, Some(&bob), &id(&quote)).await;
    assert!(read["quote"]["quotedStatus"].is_null());
    assert_eq!(status(&a, None, &id(&post)).await["quotesCount"], 0);

    // A quote alice's policy no longer allows (bob's server read it before she changed
    // it, and is not told: bob does not follow her) is rejected by her server.
    let closing = create(&a, &alice, json!({ "t": "soon closed" })).await;
    let closing_on_b = resolved(&b, &bob, &uri(&closing)).await;
    a.ok(
        Some(&alice),
        EDIT,
        json!({ "id": id(&closing), "t": "closed now", "qp": "NOBODY" }),
    )
    .await;
    let refused_quote = create(&b, &bob, json!({ "t": "let me", "q": id(&closing_on_b) })).await;
    assert_eq!(refused_quote["quote"]["state"], "PENDING");
    eventually(Duration::from_secs(15), "the Reject", || async {
        status(&b, Some(&bob), &id(&refused_quote)).await["quote"]["state"] == "REJECTED"
    })
    .await;
    assert!(status(&b, Some(&bob), &id(&refused_quote)).await["quote"]["quotedStatus"].is_null());
    assert_eq!(of_type(&notifications(&a, &alice).await, "QUOTE").len(), 1);
    assert_eq!(status(&a, None, &id(&closing)).await["quotesCount"], 0);
}

#[tokio::test]
async fn quotes_are_asked_for_accepted_rejected_and_revoked_across_servers() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    quotes_cross_servers(a, b).await;
}

#[tokio::test]
async fn quotes_are_asked_for_accepted_rejected_and_revoked_across_servers_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    quotes_cross_servers(a, b).await;
}

async fn policies_cross_servers(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let root = admin(&b).await;

    // Bob's server holds bob to alice's policies as her server publishes them.
    let guarded = create(
        &a,
        &alice,
        json!({ "t": "for my followers", "qp": "NOBODY", "rp": "FOLLOWERS", "bp": "FOLLOWERS" }),
    )
    .await;
    let on_b = resolved(&b, &bob, &uri(&guarded)).await;
    assert_eq!(
        on_b["interactionPolicy"],
        json!({ "canQuote": "NOBODY", "canReply": "FOLLOWERS", "canBoost": "FOLLOWERS" }),
        "{on_b}"
    );
    assert_eq!(
        (
            &on_b["viewerCanQuote"],
            &on_b["viewerCanReply"],
            &on_b["viewerCanBoost"]
        ),
        (&json!(false), &json!(false), &json!(false))
    );
    for vars in [
        json!({ "t": "quoting", "q": id(&on_b) }),
        json!({ "t": "replying", "r": id(&on_b) }),
    ] {
        assert_eq!(refused(&b, &bob, vars).await, "FORBIDDEN");
    }
    assert_eq!(
        b.error_code(Some(&bob), REBLOG, json!({ "id": id(&on_b) }))
            .await,
        "FORBIDDEN"
    );
    // Once bob follows her, he may reply and boost, not quote.
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    let read = status(&b, Some(&bob), &id(&on_b)).await;
    assert_eq!(
        (
            &read["viewerCanQuote"],
            &read["viewerCanReply"],
            &read["viewerCanBoost"]
        ),
        (&json!(false), &json!(true), &json!(true))
    );
    create(
        &b,
        &bob,
        json!({ "t": "a follower answers", "r": id(&on_b) }),
    )
    .await;
    eventually(Duration::from_secs(15), "the allowed reply", || async {
        status(&a, None, &id(&guarded)).await["repliesCount"] == 1
    })
    .await;
    b.ok(
        Some(&bob),
        "mutation($id: ID!) { unfollow(input: {accountId: $id}) { account { id } } }",
        json!({ "id": alice_on_b }),
    )
    .await;
    // Her server has heard of it before she changes anything.
    delivered(&b, &root).await;

    // A reply and a boost alice's policy no longer allows (her change did not reach bob's
    // server: he follows her no more) are refused by her server: not attached, not told.
    let open = create(&a, &alice, json!({ "t": "open for now" })).await;
    let open_on_b = resolved(&b, &bob, &uri(&open)).await;
    a.ok(
        Some(&alice),
        EDIT,
        json!({ "id": id(&open), "t": "closed now", "rp": "NOBODY", "bp": "NOBODY" }),
    )
    .await;
    create(
        &b,
        &bob,
        json!({ "t": "an answer anyway", "r": id(&open_on_b) }),
    )
    .await;
    b.ok(Some(&bob), REBLOG, json!({ "id": id(&open_on_b) }))
        .await;
    delivered(&b, &root).await;
    let read = status(&a, Some(&alice), &id(&open)).await;
    assert_eq!(read["repliesCount"], 0, "{read}");
    assert_eq!(read["reblogsCount"], 0, "{read}");
    let told = notifications(&a, &alice).await;
    assert!(of_type(&told, "REBLOG").is_empty(), "{told:?}");
    assert!(
        !told.iter().any(|n| n.2.contains("an answer anyway")),
        "{told:?}"
    );
}

#[tokio::test]
async fn reply_and_boost_policies_hold_across_servers() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    policies_cross_servers(a, b).await;
}

#[tokio::test]
async fn reply_and_boost_policies_hold_across_servers_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    policies_cross_servers(a, b).await;
}
