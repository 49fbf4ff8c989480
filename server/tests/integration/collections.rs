//! What other servers read of the outbox, the `featured` collection, activities at their
//! ids, threads (`context`) and the `Update`s of notes.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rookery_domain::ids::{AccountId, ActivityId};
use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use rookery_domain::types::{ActivityKind, OutboxActivity};
use serde_json::{Value, json};

use super::federation::{eventually, federating};
use super::support::{TestServer, servers};

const AP: &str = "application/activity+json";
const CREATE: &str = "mutation($t: String!, $v: Visibility! = PUBLIC, $cw: String, $p: PollInput, $r: ID) { createStatus(input: {text: $t, visibility: $v, contentWarning: $cw, poll: $p, inReplyToId: $r}) { status { id uri } } }";
const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id } } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";

/// ActivityStreams terms and types, which the ActivityStreams context alone defines.
const ACTIVITY_STREAMS: &[&str] = &[
    "id",
    "type",
    "actor",
    "attributedTo",
    "to",
    "cc",
    "object",
    "published",
    "updated",
    "inReplyTo",
    "summary",
    "content",
    "contentMap",
    "url",
    "replies",
    "tag",
    "attachment",
    "context",
    "oneOf",
    "anyOf",
    "endTime",
    "closed",
    "name",
    "href",
    "mediaType",
    "width",
    "height",
    "totalItems",
    "Create",
    "Note",
    "Question",
    "Mention",
    "Document",
    "Collection",
];

/// A GET of `url` (absolute, or a path on `server`) as ActivityPub.
async fn get(server: &TestServer, url: &str) -> (u16, Value) {
    let url = if url.starts_with("http") {
        url.to_owned()
    } else {
        format!("{}{url}", server.base)
    };
    let response = server
        .client
        .get(url)
        .header("accept", AP)
        .send()
        .await
        .unwrap();
    let code = response.status().as_u16();
    (code, response.json().await.unwrap_or(Value::Null))
}

async fn get_json(server: &TestServer, path: &str) -> Value {
    let (code, body) = get(server, path).await;
    assert_eq!(code, 200, "{}: {path}", server.backend);
    body
}

/// The path of one of this instance's absolute URLs (those of a server that does not
/// federate name another host).
fn path(url: &str) -> &str {
    url.strip_prefix("https://rookery.test").unwrap_or(url)
}

/// A server that publishes what it records, on each backend available.
async fn publishing() -> Vec<TestServer> {
    let mut all = Vec::new();
    for test in TestDb::all().await {
        all.push(federating(test).await);
    }
    all
}

async fn create(server: &TestServer, token: &str, vars: Value) -> (String, String) {
    let data = server.ok(Some(token), CREATE, vars).await;
    let status = &data["createStatus"]["status"];
    (
        status["id"].as_str().unwrap().to_owned(),
        status["uri"].as_str().unwrap().to_owned(),
    )
}

/// The terms and types `value` uses that the ActivityStreams context does not define.
fn terms(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(fields) => {
            for (key, inner) in fields {
                if key == "@context" {
                    continue;
                }
                if !ACTIVITY_STREAMS.contains(&key.as_str()) {
                    found.push(key.clone());
                }
                if key == "type"
                    && let Some(kind) = inner.as_str()
                    && !ACTIVITY_STREAMS.contains(&kind)
                {
                    found.push(kind.to_owned());
                }
                terms(inner, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| terms(item, found)),
        _ => {}
    }
}

/// Asserts that `document`'s `@context` defines every term its items use.
fn defines_what_it_embeds(document: &Value, backend: &str) {
    let mut used = Vec::new();
    terms(&document["orderedItems"], &mut used);
    assert!(
        !used.is_empty(),
        "{backend}: nothing to check in {document}"
    );
    let defined = &document["@context"][1];
    for term in used {
        assert!(
            defined.get(&term).is_some(),
            "{backend}: {term} is not defined by {}",
            document["@context"]
        );
    }
}

#[tokio::test]
async fn collections_carry_the_context_of_the_notes_they_embed() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        server.register("bob").await;
        let (warned, warned_uri) = create(
            &server,
            &alice,
            json!({ "t": "plot twist for @bob #Fediverse", "cw": "spoilers" }),
        )
        .await;
        let (poll, poll_uri) = create(
            &server,
            &alice,
            json!({ "t": "tea or coffee?", "p": { "options": ["tea", "coffee"], "expiresInSeconds": 3600 } }),
        )
        .await;
        for id in [&warned, &poll] {
            server.ok(Some(&alice), PIN, json!({ "id": id })).await;
        }
        let note = get_json(&server, path(&warned_uri)).await;
        assert_eq!(note["sensitive"], true);

        // Notes are embedded with their own context; a poll, which Mastodon skips when
        // embedded, is named by its id.
        let featured = get_json(&server, "/users/alice/collections/featured").await;
        assert_eq!(featured["@context"], note["@context"], "{}", server.backend);
        assert_eq!(featured["totalItems"], 2);
        let items = featured["orderedItems"].as_array().unwrap();
        assert!(items.contains(&json!(poll_uri)), "{featured}");
        let embedded = items.iter().find(|i| i["id"] == warned_uri).unwrap();
        assert_eq!(embedded["type"], "Note");
        assert_eq!(embedded["sensitive"], true);
        defines_what_it_embeds(&featured, server.backend);

        let page = get_json(&server, "/users/alice/outbox?page=true").await;
        assert_eq!(page["@context"], note["@context"], "{}", server.backend);
        assert_eq!(page["orderedItems"].as_array().unwrap().len(), 2);
        defines_what_it_embeds(&page, server.backend);
    }
}

/// The activities `account` recorded, the latest first, once each is published.
pub(super) async fn published(
    server: &TestServer,
    account: AccountId,
    kind: ActivityKind,
) -> Vec<OutboxActivity> {
    let db = &server.db.db;
    let mut found = Vec::new();
    for id in store::outbox_activities::recent_of(db, account, 100)
        .await
        .unwrap()
    {
        let activity = published_activity(server, id).await;
        if activity.kind == kind {
            found.push(activity);
        }
    }
    found
}

async fn published_activity(server: &TestServer, id: ActivityId) -> OutboxActivity {
    let db = &server.db.db;
    eventually(Duration::from_secs(10), "the publication", || async {
        let activity = store::outbox_activities::by_id(db, id)
            .await
            .unwrap()
            .unwrap();
        activity.published_at.is_some()
    })
    .await;
    store::outbox_activities::by_id(db, id)
        .await
        .unwrap()
        .unwrap()
}

pub(super) fn body(activity: &OutboxActivity) -> Value {
    serde_json::from_str(activity.body.as_deref().unwrap()).unwrap()
}

#[tokio::test]
async fn every_activity_is_served_at_the_one_id_it_is_sent_and_listed_by() {
    for server in publishing().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let alice_account = accounts::local_by_username(&server.db.db, "alice")
            .await
            .unwrap();
        let (_, public) = create(&server, &alice, json!({ "t": "for all" })).await;
        let (_, unlisted) =
            create(&server, &alice, json!({ "t": "quietly", "v": "UNLISTED" })).await;
        let (_, hidden) = create(
            &server,
            &alice,
            json!({ "t": "for followers", "v": "FOLLOWERS" }),
        )
        .await;
        let (bobs, bobs_uri) = create(&server, &bob, json!({ "t": "bob's news" })).await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { __typename } }",
                json!({ "id": bobs }),
            )
            .await;
        server
            .ok(Some(&alice), FOLLOW, json!({ "id": bob_id }))
            .await;

        // Each Create of the outbox is served at its id, as it was delivered.
        let page = get_json(&server, "/users/alice/outbox?page=true").await;
        let items = page["orderedItems"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{page}");
        let delivered = published(&server, alice_account.id, ActivityKind::CreateNote).await;
        for item in items {
            let id = item["id"].as_str().unwrap();
            let served = get_json(&server, path(id)).await;
            assert_eq!(served["id"], id);
            assert_eq!(served["type"], "Create");
            assert_eq!(served["actor"], format!("{}/users/alice", server.base));
            assert_eq!(served["object"], item["object"], "{}", server.backend);
            let sent = delivered
                .iter()
                .find(|a| a.ap_id == id)
                .unwrap_or_else(|| panic!("{}: {id} was never sent", server.backend));
            assert_eq!(body(sent)["id"], id);
            assert_eq!(body(sent)["object"]["id"], item["object"]["id"]);
        }
        let listed: Vec<&str> = items
            .iter()
            .map(|i| i["object"]["id"].as_str().unwrap())
            .collect();
        assert!(listed.contains(&public.as_str()) && listed.contains(&unlisted.as_str()));
        // A followers-only Create is not served to an unsigned request.
        let (code, _) = get(&server, &format!("{}/activity", path(&hidden))).await;
        assert_eq!(code, 404, "{}", server.backend);

        // The boost's Announce, too.
        let announces = published(&server, alice_account.id, ActivityKind::Announce).await;
        let sent = body(&announces[0]);
        let id = sent["id"].as_str().unwrap();
        let served = get_json(&server, path(id)).await;
        assert_eq!(served["id"], id);
        assert_eq!(served["type"], "Announce");
        assert_eq!(served["object"], bobs_uri);
        assert_eq!(served["to"], sent["to"]);
        assert_eq!(served["cc"], sent["cc"]);

        // The Update of a poll's counts is served at its id.
        let (poll, _) = create(
            &server,
            &alice,
            json!({ "t": "tea or coffee?", "p": { "options": ["tea", "coffee"], "expiresInSeconds": 3600 } }),
        )
        .await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { vote(input: {statusId: $id, choices: [1]}) { status { poll { id } } } }",
                json!({ "id": poll }),
            )
            .await;
        let updates = published(&server, alice_account.id, ActivityKind::UpdatePoll).await;
        let id = updates[0].ap_id.as_str();
        let served = get_json(&server, path(id)).await;
        assert_eq!(served["id"], id);
        assert_eq!(served["type"], "Update");
        assert_eq!(
            get(&server, "/users/alice/statuses/nope/activity").await.0,
            404
        );
    }
}

#[tokio::test]
async fn a_thread_is_served_at_the_context_its_notes_name() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (root, root_uri) = create(&server, &alice, json!({ "t": "a thread" })).await;
        let (reply, reply_uri) = create(&server, &bob, json!({ "t": "a reply", "r": root })).await;
        let (_, hidden_uri) = create(
            &server,
            &bob,
            json!({ "t": "for followers", "v": "FOLLOWERS", "r": reply }),
        )
        .await;
        create(
            &server,
            &bob,
            json!({ "t": "here only", "v": "LOCAL", "r": root }),
        )
        .await;
        let (_, second_uri) = create(&server, &alice, json!({ "t": "and more", "r": reply })).await;
        create(&server, &alice, json!({ "t": "elsewhere" })).await;

        let note = get_json(&server, path(&second_uri)).await;
        let context = note["context"].as_str().unwrap();
        assert_eq!(note["conversation"], context);
        assert_eq!(get_json(&server, path(&root_uri)).await["context"], context);
        let thread = get_json(&server, path(context)).await;
        assert_eq!(thread["id"], context);
        assert_eq!(thread["type"], "OrderedCollection");
        assert_eq!(
            thread["orderedItems"],
            json!([root_uri, reply_uri, second_uri]),
            "{}: only what an anonymous reader may see",
            server.backend
        );
        assert_eq!(thread["totalItems"], 3);
        assert!(!thread.to_string().contains(&hidden_uri));
        let unknown = format!("/contexts/{}", uuid::Uuid::now_v7());
        assert_eq!(get(&server, &unknown).await.0, 404);
        assert_eq!(get(&server, "/contexts/nope").await.0, 404);
    }
}

fn time(value: &Value) -> DateTime<Utc> {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a time: {value}"))
        .parse()
        .unwrap()
}

#[tokio::test]
async fn every_update_of_a_note_says_when_it_was_updated() {
    for server in publishing().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let alice_account = accounts::local_by_username(&server.db.db, "alice")
            .await
            .unwrap();

        // An edit: dated by the edit, not by the note's publication.
        let (id, uri) = create(&server, &alice, json!({ "t": "frist" })).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        let data = server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { editStatus(input: {id: $id, text: \"first\"}) { status { createdAt editedAt } } }",
                json!({ "id": id }),
            )
            .await;
        let edited_at = time(&data["editStatus"]["status"]["editedAt"]);
        let created_at = time(&data["editStatus"]["status"]["createdAt"]);
        let updates = published(&server, alice_account.id, ActivityKind::UpdateNote).await;
        let update = body(&updates[0]);
        assert_eq!(update["object"]["id"], uri);
        let updated = time(&update["object"]["updated"]);
        assert_eq!(
            updated.timestamp_millis(),
            edited_at.timestamp_millis(),
            "{update}"
        );
        assert!(updated > created_at);
        assert_eq!(time(&update["published"]), updated, "{update}");
        assert_eq!(
            time(&update["object"]["published"]).timestamp_millis(),
            created_at.timestamp_millis()
        );

        // A poll's counts: dated by the vote.
        let (poll, _) = create(
            &server,
            &alice,
            json!({ "t": "tea or coffee?", "p": { "options": ["tea", "coffee"], "expiresInSeconds": 3600 } }),
        )
        .await;
        let before = Utc::now();
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { vote(input: {statusId: $id, choices: [0]}) { status { poll { id } } } }",
                json!({ "id": poll }),
            )
            .await;
        let updates = published(&server, alice_account.id, ActivityKind::UpdatePoll).await;
        let update = body(&updates[0]);
        assert_eq!(update["object"]["type"], "Question");
        let updated = time(&update["object"]["updated"]);
        assert!(
            updated >= before - chrono::Duration::milliseconds(1),
            "{update}"
        );
        assert_eq!(time(&update["published"]), updated);
    }
}

#[tokio::test]
async fn hashtags_go_out_as_their_author_wrote_them() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (_, uri) = create(
            &server,
            &alice,
            json!({ "t": "hello #Fediverse and #RustLang" }),
        )
        .await;
        let note = get_json(&server, path(&uri)).await;
        let tags = note["tag"].as_array().unwrap();
        assert!(
            tags.contains(&json!({ "type": "Hashtag", "href": "https://rookery.test/tags/fediverse", "name": "#Fediverse" })),
            "{}: {tags:?}",
            server.backend
        );
        assert!(tags.contains(&json!({ "type": "Hashtag", "href": "https://rookery.test/tags/rustlang", "name": "#RustLang" })));
        let content = note["content"].as_str().unwrap();
        assert!(content.contains("#<span>Fediverse</span>"), "{content}");

        // Matched whatever the case: another's lower-case tag, the timeline, following.
        create(&server, &bob, json!({ "t": "me too #fediverse" })).await;
        let data = server
            .ok(
                None,
                "{ hashtagTimeline(tag: \"FEDIVERSE\", first: 10) { edges { node { content } } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            data["hashtagTimeline"]["edges"].as_array().unwrap().len(),
            2,
            "{data}"
        );
    }
}

#[tokio::test]
async fn the_actor_lists_the_hashtags_of_its_bio() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        server
            .ok(
                Some(&alice),
                "mutation { updateProfile(input: {note: \"I post about #Rust and #fediverse, `#not` this\"}) { account { id } } }",
                json!({}),
            )
            .await;
        let actor = get_json(&server, "/users/alice").await;
        assert_eq!(
            actor["tag"],
            json!([
                { "type": "Hashtag", "href": "https://rookery.test/tags/rust", "name": "#Rust" },
                { "type": "Hashtag", "href": "https://rookery.test/tags/fediverse", "name": "#fediverse" },
            ]),
            "{}",
            server.backend
        );
        assert_eq!(actor["@context"][2]["Hashtag"], "as:Hashtag");
    }
}
