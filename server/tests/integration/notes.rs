//! Private and local statuses, archived ones, pins of notes and `myNotes`: what they are
//! kept from, and what never leaves the server.

use std::time::Duration;

use rookery_domain::service::accounts;
use rookery_domain::store;
use rookery_domain::testing::TestDb;
use serde_json::{Value, json};

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::support::{TestServer, servers};

const AP: &str = "application/activity+json";
const VISIBILITIES: [&str; 6] = [
    "PUBLIC",
    "UNLISTED",
    "FOLLOWERS",
    "DIRECT",
    "PRIVATE",
    "LOCAL",
];
const BLOCK: &str = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }";
const STATUS: &str = "query($id: ID!) { status(id: $id) { id uri visibility archived } }";
const ARCHIVE: &str =
    "mutation($id: ID!) { archiveStatus(input: {statusId: $id}) { status { id archived } } }";
const UNARCHIVE: &str =
    "mutation($id: ID!) { unarchiveStatus(input: {statusId: $id}) { status { id archived } } }";
const PIN: &str = "mutation($id: ID!) { pin(input: {statusId: $id}) { status { id pinned } } }";
const REPLY: &str = "mutation($t: String!, $v: Visibility!, $r: ID!) { createStatus(input: {text: $t, visibility: $v, inReplyToId: $r}) { status { id } } }";
const MY_NOTES: &str = "query($f: NoteFilterInput, $n: Int, $a: String) { myNotes(filter: $f, first: $n, after: $a) { edges { node { id archived pinned } } pageInfo { hasNextPage endCursor } } }";

fn ids_of(data: &Value, field: &str) -> Vec<String> {
    data[field]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no {field} in {data}"))
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn get_status(server: &TestServer, url: &str) -> u16 {
    server
        .client
        .get(url)
        .header("accept", AP)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Who sees which note on which path is the authorization matrix's (`matrix.rs`); here,
/// what else private and local notes are kept from: counts, boosts, and replies that
/// would federate.
#[tokio::test]
async fn notes_are_counted_nowhere_and_boosted_by_nobody() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (lou, _) = server.register("lou").await;
        let (mo, _) = server.register("mo").await;
        let (bo, bo_id) = server.register("bo").await;
        server.ok(Some(&alice), BLOCK, json!({ "id": bo_id })).await;
        let mut posted = Vec::new();
        for visibility in VISIBILITIES {
            let text = format!("{visibility} note for @mo");
            posted.push(server.post(&alice, &text, visibility).await);
        }
        let data = server
            .ok(
                None,
                "query($id: ID!) { account(id: $id) { statusesCount } }",
                json!({ "id": alice_id }),
            )
            .await;
        assert_eq!(
            data["account"]["statusesCount"], 4,
            "every note but the private and local ones"
        );

        // Interactions: local ones may be liked and bookmarked by who sees them, not
        // boosted; private ones are out of reach of everyone else.
        let (private, local_note) = (&posted[4], &posted[5]);
        for (action, token, id, code) in [
            ("reblog", &lou, local_note, Some("VALIDATION")),
            ("reblog", &alice, private, Some("VALIDATION")),
            ("favourite", &lou, local_note, None),
            ("bookmark", &lou, local_note, None),
            ("favourite", &lou, private, Some("NOT_FOUND")),
            ("bookmark", &mo, private, Some("NOT_FOUND")),
            ("favourite", &bo, local_note, Some("NOT_FOUND")),
        ] {
            let query = format!(
                "mutation($id: ID!) {{ {action}(input: {{statusId: $id}}) {{ __typename }} }}"
            );
            let vars = json!({ "id": id });
            match code {
                Some(code) => assert_eq!(
                    server.error_code(Some(token), &query, vars).await,
                    code,
                    "{action}"
                ),
                None => {
                    server.ok(Some(token), &query, vars).await;
                }
            }
        }
        // A reply to a note stays off other servers too.
        for (visibility, code) in [("PUBLIC", Some("VALIDATION")), ("LOCAL", None)] {
            let vars = json!({ "t": "answer", "v": visibility, "r": local_note });
            match code {
                Some(code) => assert_eq!(server.error_code(Some(&lou), REPLY, vars).await, code),
                None => {
                    server.ok(Some(&lou), REPLY, vars).await;
                }
            }
        }
        // Each reader counts the replies it may see, and no others: an anonymous one the
        // public and unlisted, alice the local one too, lou all of its own.
        let open = &posted[0];
        for visibility in VISIBILITIES {
            let vars = json!({ "t": "answer", "v": visibility, "r": open });
            server.ok(Some(&lou), REPLY, vars).await;
        }
        let counted = |token| {
            let server = &server;
            async move {
                let query = "query($id: ID!) { status(id: $id) { repliesCount } }";
                let data = server.ok(token, query, json!({ "id": open })).await;
                data["status"]["repliesCount"].clone()
            }
        };
        for (token, count) in [
            (None, 2),
            (Some(alice.as_str()), 3),
            (Some(lou.as_str()), 6),
        ] {
            assert_eq!(counted(token).await, count, "{}", server.backend);
        }
    }
}

#[tokio::test]
async fn notes_are_archived_pinned_and_listed() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let todo = server.post(&alice, "Buy MILK and #Bread", "PRIVATE").await;
        let plan = server.post(&alice, "plan the #garden", "LOCAL").await;
        let old = server
            .post(&alice, "an old post about milk", "PUBLIC")
            .await;
        let bobs = server.post(&bob, "bob buys milk", "PUBLIC").await;
        server
            .ok(
                Some(&bob),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { __typename } }",
                json!({ "id": old }),
            )
            .await;

        // Archiving: the author's own statuses only.
        let data = server.ok(Some(&alice), ARCHIVE, json!({ "id": old })).await;
        assert_eq!(data["archiveStatus"]["status"]["archived"], true);
        server.ok(Some(&alice), ARCHIVE, json!({ "id": old })).await;
        for (token, query, id, code) in [
            (Some(&bob), ARCHIVE, &old, "FORBIDDEN"),
            (Some(&bob), UNARCHIVE, &old, "FORBIDDEN"),
            (Some(&bob), ARCHIVE, &todo, "NOT_FOUND"),
            (Some(&alice), ARCHIVE, &bobs, "FORBIDDEN"),
            (None, ARCHIVE, &todo, "UNAUTHENTICATED"),
        ] {
            let token = token.map(String::as_str);
            assert_eq!(
                server.error_code(token, query, json!({ "id": id })).await,
                code,
                "{}: {query}",
                server.backend
            );
        }
        // Seen by its author as archived, by others as it is; gone from the timelines.
        let own = server.ok(Some(&alice), STATUS, json!({ "id": old })).await;
        assert_eq!(own["status"]["archived"], true);
        let other = server.ok(Some(&bob), STATUS, json!({ "id": old })).await;
        assert_eq!(other["status"]["archived"], false);
        for token in [&alice, &bob] {
            let data = server
                .ok(
                    Some(token),
                    "{ localTimeline { edges { node { id } } } }",
                    json!({}),
                )
                .await;
            assert!(!ids_of(&data, "localTimeline").contains(&old));
        }

        // Pins: private and local notes do not count towards the five.
        for n in 0..5 {
            let id = server
                .post(&alice, &format!("pinned post {n}"), "PUBLIC")
                .await;
            server.ok(Some(&alice), PIN, json!({ "id": id })).await;
        }
        let sixth = server.post(&alice, "one too many", "UNLISTED").await;
        assert_eq!(
            server
                .error_code(Some(&alice), PIN, json!({ "id": sixth }))
                .await,
            "VALIDATION"
        );
        for id in [&todo, &plan] {
            let data = server.ok(Some(&alice), PIN, json!({ "id": id })).await;
            assert_eq!(data["pin"]["status"]["pinned"], true);
        }
        let featured: Value = server
            .client
            .get(format!("{}/users/alice/collections/featured", server.base))
            .header("accept", AP)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(featured["totalItems"], 5, "notes are never featured");

        // myNotes: every visibility, newest first, archived ones apart, boosts left out.
        let notes = |filter: Value| {
            let server = &server;
            let alice = alice.clone();
            async move {
                let data = server
                    .ok(Some(&alice), MY_NOTES, json!({ "f": filter, "n": 50 }))
                    .await;
                ids_of(&data, "myNotes")
            }
        };
        let all = notes(Value::Null).await;
        assert_eq!(all.len(), 8, "{all:?}");
        assert_eq!(all[0], sixth);
        assert_eq!(&all[6..], [plan.clone(), todo.clone()]);
        assert_eq!(notes(json!({ "archived": true })).await, vec![old.clone()]);
        assert_eq!(notes(json!({ "archived": null })).await.len(), 9);
        assert_eq!(
            notes(json!({ "text": "milk" })).await,
            vec![todo.clone()],
            "any case, archived ones left out"
        );
        assert_eq!(
            notes(json!({ "text": "MILK", "archived": null })).await,
            vec![old.clone(), todo.clone()]
        );
        assert!(notes(json!({ "text": "%" })).await.is_empty());
        assert_eq!(notes(json!({ "tag": "#GARDEN" })).await, vec![plan.clone()]);
        assert_eq!(
            notes(json!({ "tag": "bread", "pinned": true })).await,
            vec![todo.clone()]
        );
        assert_eq!(notes(json!({ "pinned": true })).await.len(), 7);
        assert_eq!(notes(json!({ "pinned": false })).await, vec![sixth.clone()]);
        assert!(notes(json!({ "tag": "nothing" })).await.is_empty());
        // Pages follow one another.
        let first = server.ok(Some(&alice), MY_NOTES, json!({ "n": 3 })).await;
        assert_eq!(first["myNotes"]["pageInfo"]["hasNextPage"], true);
        let after = first["myNotes"]["pageInfo"]["endCursor"].clone();
        let second = server
            .ok(Some(&alice), MY_NOTES, json!({ "n": 10, "a": after }))
            .await;
        let mut paged = ids_of(&first, "myNotes");
        paged.extend(ids_of(&second, "myNotes"));
        assert_eq!(paged, all);
        // Bob's notes are his own.
        let data = server.ok(Some(&bob), MY_NOTES, json!({})).await;
        assert_eq!(ids_of(&data, "myNotes"), vec![bobs.clone()]);
        assert_eq!(
            server.error_code(None, MY_NOTES, json!({})).await,
            "UNAUTHENTICATED"
        );

        // Unarchived, it is back.
        let data = server
            .ok(Some(&alice), UNARCHIVE, json!({ "id": old }))
            .await;
        assert_eq!(data["unarchiveStatus"]["status"]["archived"], false);
        let data = server
            .ok(
                Some(&bob),
                "{ localTimeline(first: 50) { edges { node { id } } } }",
                json!({}),
            )
            .await;
        assert!(ids_of(&data, "localTimeline").contains(&old));
    }
}

async fn uri_of(server: &TestServer, token: &str, id: &str) -> String {
    let data = server.ok(Some(token), STATUS, json!({ "id": id })).await;
    data["status"]["uri"].as_str().unwrap().to_owned()
}

/// Posting, editing, pinning and deleting private and local statuses sends nothing to a
/// follower's server, and nothing serves them there, signed or not.
async fn never_leave(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    let mention = format!("@bob@{}", b.instance.domain);
    a.post(&alice, &format!("for followers {mention}"), "FOLLOWERS")
        .await;
    let private = a
        .post(&alice, &format!("a private note {mention}"), "PRIVATE")
        .await;
    let local = a
        .post(&alice, &format!("a local note {mention}"), "LOCAL")
        .await;
    let edit = "mutation($id: ID!, $t: String!) { editStatus(input: {id: $id, text: $t}) { status { id } } }";
    for id in [&private, &local] {
        a.ok(
            Some(&alice),
            edit,
            json!({ "id": id, "t": format!("edited {mention}") }),
        )
        .await;
        a.ok(Some(&alice), PIN, json!({ "id": id })).await;
    }

    // Nothing serves them there (who may fetch what, signed, is the authorization
    // matrix's), and bob's server cannot fetch them either.
    let private_uri = uri_of(&a, &alice, &private).await;
    let local_uri = uri_of(&a, &alice, &local).await;
    for uri in [&private_uri, &local_uri] {
        assert_eq!(get_status(&a, uri).await, 404, "{uri}");
        let resolve = "query($u: String!) { resolveObject(url: $u) { __typename } }";
        assert_eq!(
            b.error_code(Some(&bob), resolve, json!({ "u": uri })).await,
            "NOT_FOUND",
            "{uri}"
        );
    }
    let delete = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
    a.ok(Some(&alice), delete, json!({ "id": private })).await;
    a.ok(Some(&alice), delete, json!({ "id": local })).await;

    a.post(&alice, "the last word", "PUBLIC").await;
    let home = "{ homeTimeline(first: 20) { edges { node { content } } } }";
    eventually(Duration::from_secs(10), "the public status", || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data.to_string().contains("the last word")
    })
    .await;
    let data = b.ok(Some(&bob), home, json!({})).await;
    let seen = data.to_string();
    assert!(seen.contains("for followers"), "{seen}");
    for text in ["private note", "local note", "edited"] {
        assert!(!seen.contains(text), "{seen}");
    }
    for uri in [&private_uri, &local_uri] {
        let known = store::statuses::by_ap_id(&b.db.db, uri).await.unwrap();
        assert!(known.is_none(), "{uri} reached the other server");
    }
    let notifications = b
        .ok(
            Some(&bob),
            "{ notifications { edges { node { type status { content } } } } }",
            json!({}),
        )
        .await
        .to_string();
    for text in ["private note", "local note", "edited"] {
        assert!(!notifications.contains(text), "{notifications}");
    }

    // Nothing was even recorded for them: no Create, Update, Add or Delete.
    let db = &a.db.db;
    let alice_account = accounts::local_by_username(db, "alice").await.unwrap();
    let notes = [
        store::statuses::by_ap_id(db, &private_uri)
            .await
            .unwrap()
            .unwrap()
            .id,
        store::statuses::by_ap_id(db, &local_uri)
            .await
            .unwrap()
            .unwrap()
            .id,
    ];
    let recorded = store::outbox_activities::recent_of(db, alice_account.id, 100)
        .await
        .unwrap();
    assert!(!recorded.is_empty());
    for id in recorded {
        let activity = rookery_domain::service::outbox::get(db, id)
            .await
            .unwrap()
            .unwrap();
        assert!(
            !activity.status.is_some_and(|s| notes.contains(&s)),
            "{activity:?}"
        );
    }
}

#[tokio::test]
async fn private_and_local_statuses_never_leave_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    never_leave(a, b).await;
}

#[tokio::test]
async fn private_and_local_statuses_never_leave_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    never_leave(a, b).await;
}

#[tokio::test]
async fn an_archived_status_leaves_search_pins_and_featured() {
    const SEARCH: &str =
        "query($q: String!) { search(query: $q) { statuses { edges { node { id } } } } }";
    const PINNED: &str = "query($id: ID!) { account(id: $id) { pinnedStatuses { id } } accountStatuses(accountId: $id, pinnedFirst: true) { edges { node { id } } } }";
    for server in servers().await {
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let post = server.post(&alice, "a walrus sighting", "PUBLIC").await;
        server.ok(Some(&alice), PIN, json!({ "id": post })).await;
        let found = |token: String| {
            let server = &server;
            async move {
                let data = server
                    .ok(Some(&token), SEARCH, json!({ "q": "walrus" }))
                    .await;
                ids_of(&data["search"], "statuses")
            }
        };
        let featured = || async {
            let response = server
                .client
                .get(format!("{}/users/alice/collections/featured", server.base))
                .header("accept", AP)
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()["totalItems"].clone()
        };
        let pinned = |token: Option<String>| {
            let server = &server;
            let alice_id = alice_id.clone();
            async move {
                let data = server
                    .ok(token.as_deref(), PINNED, json!({ "id": alice_id }))
                    .await;
                let listed = data["account"]["pinnedStatuses"].as_array().unwrap().len();
                (listed, ids_of(&data, "accountStatuses").len())
            }
        };
        assert_eq!(found(bob.clone()).await, vec![post.clone()], "{backend}");
        assert_eq!(featured().await, 1, "{backend}");
        assert_eq!(pinned(None).await, (1, 1), "{backend}");

        server
            .ok(Some(&alice), ARCHIVE, json!({ "id": post }))
            .await;
        for token in [&bob, &alice] {
            assert!(found(token.clone()).await.is_empty(), "{backend}");
            assert_eq!(pinned(Some(token.clone())).await, (0, 0), "{backend}");
        }
        assert_eq!(pinned(None).await, (0, 0), "{backend}");
        assert_eq!(featured().await, 0, "{backend}");

        // Brought back, it is found and pinned again.
        server
            .ok(Some(&alice), UNARCHIVE, json!({ "id": post }))
            .await;
        assert_eq!(found(bob.clone()).await, vec![post.clone()], "{backend}");
        assert_eq!(pinned(None).await, (1, 1), "{backend}");
        assert_eq!(featured().await, 1, "{backend}");
    }
}
