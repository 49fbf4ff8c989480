//! Edits: a status's earlier versions are kept with their pictures, boosters and the newly
//! mentioned are told, and the edit reaches other servers as an `Update` that they keep in
//! their own history.

use std::time::Duration;

use rookery_domain::testing::TestDb;
use rookery_domain::testing::pictures::png;
use rookery_server::graphql::ids;
use serde_json::json;

use super::federation::{eventually, federating, follow_accepted, remote_id};
use super::media::uploaded;
use super::support::{TestServer, servers};

const EDIT: &str = "mutation($id: ID!, $t: String!) { editStatus(input: {id: $id, text: $t}) { status { content edits { content } } } }";
const EDITS: &str =
    "query($id: ID!) { status(id: $id) { content editedAt edits { content createdAt } } }";

#[tokio::test]
async fn an_edit_keeps_the_earlier_version_tells_boosters_and_federates() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (dave, _) = a.register("dave").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    let status = a.post(&alice, "the first version", "PUBLIC").await;
    a.ok(
        Some(&dave),
        "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
        json!({ "id": status }),
    )
    .await;
    let home = "{ homeTimeline { edges { node { id content } } } }";
    eventually(Duration::from_secs(10), "the Create", || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["content"] == "<p>the first version</p>"
    })
    .await;

    // Only the author edits; an edit needs text.
    let (mallory, _) = a.register("mallory").await;
    let vars = json!({ "id": status, "t": "mine now" });
    assert_eq!(a.error_code(Some(&mallory), EDIT, vars).await, "FORBIDDEN");
    let vars = json!({ "id": status, "t": "  " });
    assert_eq!(a.error_code(Some(&alice), EDIT, vars).await, "VALIDATION");

    let vars = json!({ "id": status, "t": "the second version" });
    let edited = a.ok(Some(&alice), EDIT, vars).await;
    let versions = &edited["editStatus"]["status"]["edits"];
    assert_eq!(
        versions,
        &json!([{ "content": "<p>the first version</p>" }, { "content": "<p>the second version</p>" }])
    );
    let data = a.ok(None, EDITS, json!({ "id": status })).await;
    assert!(data["status"]["editedAt"].is_string());
    let notifications = a
        .ok(
            Some(&dave),
            "{ notifications(first: 5) { edges { node { type status { content } } } } }",
            json!({}),
        )
        .await;
    let first = &notifications["notifications"]["edges"][0]["node"];
    assert_eq!(first["type"], "UPDATE", "{notifications}");
    assert_eq!(first["status"]["content"], "<p>the second version</p>");

    // The other server applies the Update and keeps the first version too.
    eventually(Duration::from_secs(10), "the Update", || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"]["content"] == "<p>the second version</p>"
    })
    .await;
    let data = b.ok(Some(&bob), home, json!({})).await;
    let on_b = data["homeTimeline"]["edges"][0]["node"]["id"].clone();
    let data = b.ok(Some(&bob), EDITS, json!({ "id": on_b })).await;
    let contents: Vec<&str> = data["status"]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["content"].as_str().unwrap())
        .collect();
    assert_eq!(
        contents,
        ["<p>the first version</p>", "<p>the second version</p>"]
    );
}

const EDIT_MEDIA: &str = "mutation($id: ID!, $t: String!, $m: [ID!]) { editStatus(input: {id: $id, text: $t, mediaIds: $m}) { status { id mediaAttachments { id } mentions { username } } } }";
const VERSIONS: &str = "query($id: ID!) { status(id: $id) { content mediaAttachments { id } mentions { username } edits { content mediaAttachments { id } } } }";
const NOTIFICATIONS: &str =
    "{ notifications(first: 20) { edges { node { type status { id content } } } } }";

fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The contents of the statuses `token` was told it was mentioned in.
async fn mentioned_in(server: &TestServer, token: &str) -> Vec<String> {
    let data = server.ok(Some(token), NOTIFICATIONS, json!({})).await;
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["node"]["type"] == "MENTION")
        .map(|e| e["node"]["status"]["content"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn edits_change_attachments_and_mentions_and_keep_each_versions_own() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        let mut pictures = Vec::new();
        for size in [20, 30, 40] {
            pictures.push(uploaded(&server, &alice, png(size, size)).await.0);
        }
        let (first, second, third) = (&pictures[0], &pictures[1], &pictures[2]);
        let (bobs_picture, _) = uploaded(&server, &bob, png(50, 50)).await;
        let post = "mutation($t: String!, $m: [ID!]!) { createStatus(input: {text: $t, mediaIds: $m}) { status { id } } }";
        let data = server
            .ok(
                Some(&alice),
                post,
                json!({ "t": "look @bob", "m": [first] }),
            )
            .await;
        let status = data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let data = server
            .ok(Some(&alice), post, json!({ "t": "another", "m": [third] }))
            .await;
        let other = data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();

        // New pictures, in the order given; carol is mentioned instead of bob.
        let vars = json!({ "id": status, "t": "look @carol", "m": [second, first] });
        let data = server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        let edited = &data["editStatus"]["status"];
        assert_eq!(
            ids(&edited["mediaAttachments"]),
            [second.clone(), first.clone()]
        );
        assert_eq!(edited["mentions"], json!([{ "username": "carol" }]));
        let told = mentioned_in(&server, &carol).await;
        assert!(told.len() == 1 && told[0].contains("look"), "{told:?}");
        assert_eq!(
            mentioned_in(&server, &bob).await.len(),
            1,
            "told once, when posted"
        );

        // Left out, the pictures stay; the first of them taken off, it stays with the
        // versions that had it.
        let vars = json!({ "id": status, "t": "look again @carol", "m": null });
        server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        let vars = json!({ "id": status, "t": "only one @carol", "m": [second] });
        server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        assert_eq!(
            mentioned_in(&server, &carol).await.len(),
            1,
            "carol was mentioned already"
        );
        let data = server
            .ok(Some(&bob), VERSIONS, json!({ "id": status }))
            .await;
        assert_eq!(ids(&data["status"]["mediaAttachments"]), [second.as_str()]);
        let versions: Vec<Vec<String>> = data["status"]["edits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| ids(&v["mediaAttachments"]))
            .collect();
        assert_eq!(
            versions,
            [
                vec![first.clone()],
                vec![second.clone(), first.clone()],
                vec![second.clone(), first.clone()],
                vec![second.clone()],
            ],
            "{}",
            server.backend
        );

        // Refused, and nothing changes: another's upload, another status's picture, too
        // many, no text and no picture.
        let too_many = [
            first.clone(),
            second.clone(),
            third.clone(),
            bobs_picture.clone(),
            ids::encode(ids::MEDIA, uuid::Uuid::now_v7()).0,
        ];
        for (text, media) in [
            ("bob's", json!([bobs_picture])),
            ("stolen", json!([second, third])),
            ("too many", json!(too_many)),
            ("", json!([])),
        ] {
            let vars = json!({ "id": status, "t": text, "m": media });
            assert_eq!(
                server.error_code(Some(&alice), EDIT_MEDIA, vars).await,
                "VALIDATION",
                "{}: {text}",
                server.backend
            );
        }
        let data = server
            .ok(Some(&alice), VERSIONS, json!({ "id": status }))
            .await;
        assert_eq!(data["status"]["edits"].as_array().unwrap().len(), 4);
        assert_eq!(ids(&data["status"]["mediaAttachments"]), [second.as_str()]);
        let data = server
            .ok(Some(&alice), VERSIONS, json!({ "id": other }))
            .await;
        assert_eq!(ids(&data["status"]["mediaAttachments"]), [third.as_str()]);
        // A picture taken off by an edit may come back; an empty list leaves text alone.
        let vars = json!({ "id": status, "t": "both again", "m": [first, second] });
        let data = server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        let edited = &data["editStatus"]["status"];
        assert_eq!(
            ids(&edited["mediaAttachments"]),
            [first.clone(), second.clone()]
        );
        assert_eq!(edited["mentions"], json!([]), "carol is not named any more");
        let vars = json!({ "id": status, "t": "words alone", "m": [] });
        let data = server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        assert_eq!(data["editStatus"]["status"]["mediaAttachments"], json!([]));

        // Nobody hears of the mentions added to a private note.
        let note = server.post(&alice, "to self", "PRIVATE").await;
        let vars = json!({ "id": note, "t": "to self and @dave", "m": null });
        server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        assert!(mentioned_in(&server, &dave).await.is_empty());

        // A poll's options stay as they are; a status with a poll takes no pictures.
        let poll = "mutation($t: String!) { createStatus(input: {text: $t, poll: {options: [\"tea\", \"coffee\"], expiresInSeconds: 3600}}) { status { id } } }";
        let data = server.ok(Some(&alice), poll, json!({ "t": "tea?" })).await;
        let asked = data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let vars = json!({ "id": asked, "t": "tea or coffee?", "m": [third] });
        assert_eq!(
            server.error_code(Some(&alice), EDIT_MEDIA, vars).await,
            "VALIDATION"
        );
        let vars = json!({ "id": asked, "t": "tea or coffee?", "m": null });
        server.ok(Some(&alice), EDIT_MEDIA, vars).await;
        let options = "query($id: ID!) { status(id: $id) { content poll { options { title } } } }";
        let data = server
            .ok(Some(&alice), options, json!({ "id": asked }))
            .await;
        assert_eq!(data["status"]["content"], "<p>tea or coffee?</p>");
        assert_eq!(
            data["status"]["poll"]["options"],
            json!([{ "title": "tea" }, { "title": "coffee" }])
        );
    }
}

/// An edit that adds pictures and mentions reaches the other server: it shows the new
/// pictures, its history the old ones, and the newly mentioned account there is told.
async fn federate_an_edit(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let (carol, _) = b.register("carol").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;
    remote_id(&a, &alice, "carol", &b).await;
    let (first, _) = uploaded(&a, &alice, png(20, 20)).await;
    let (second, _) = uploaded(&a, &alice, png(30, 30)).await;
    let post = "mutation($t: String!, $m: [ID!]!) { createStatus(input: {text: $t, mediaIds: $m}) { status { id } } }";
    let data = a
        .ok(
            Some(&alice),
            post,
            json!({ "t": "a picture", "m": [first] }),
        )
        .await;
    let status = data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let home = "{ homeTimeline { edges { node { id content mediaAttachments { remoteUrl } mentions { username } } } } }";
    let newest = || async {
        let data = b.ok(Some(&bob), home, json!({})).await;
        data["homeTimeline"]["edges"][0]["node"].clone()
    };
    eventually(Duration::from_secs(10), "the Create", || async {
        newest().await["content"] == "<p>a picture</p>"
    })
    .await;

    let carol_handle = format!("@carol@{}", b.instance.domain);
    let vars = json!({ "id": status, "t": format!("two pictures for {carol_handle}"), "m": [first, second] });
    a.ok(Some(&alice), EDIT_MEDIA, vars).await;
    eventually(Duration::from_secs(10), "the Update", || async {
        newest().await["mediaAttachments"].as_array().unwrap().len() == 2
    })
    .await;
    let on_b = newest().await;
    assert_eq!(
        on_b["mentions"],
        json!([{ "username": "carol" }]),
        "{}",
        a.backend
    );
    let urls: Vec<&str> = on_b["mediaAttachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["remoteUrl"].as_str().unwrap())
        .collect();
    let data = a
        .ok(
            Some(&alice),
            "query($id: ID!) { status(id: $id) { mediaAttachments { url } } }",
            json!({ "id": status }),
        )
        .await;
    let on_a: Vec<&str> = data["status"]["mediaAttachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls, on_a, "in order");
    eventually(Duration::from_secs(10), "carol's notification", || async {
        !mentioned_in(&b, &carol).await.is_empty()
    })
    .await;
    assert!(mentioned_in(&b, &carol).await[0].contains("two pictures"));
    let data = b
        .ok(Some(&bob), VERSIONS, json!({ "id": on_b["id"] }))
        .await;
    let counts: Vec<usize> = data["status"]["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["mediaAttachments"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [1, 2]);

    // Taken off again: the first picture and carol.
    let vars = json!({ "id": status, "t": "one picture", "m": [second] });
    a.ok(Some(&alice), EDIT_MEDIA, vars).await;
    eventually(Duration::from_secs(10), "the second Update", || async {
        newest().await["content"] == "<p>one picture</p>"
    })
    .await;
    let on_b = newest().await;
    assert_eq!(on_b["mentions"], json!([]));
    assert_eq!(on_b["mediaAttachments"][0]["remoteUrl"], on_a[1]);
    assert_eq!(on_b["mediaAttachments"].as_array().unwrap().len(), 1);

    // A direct status edited to name carol too brings her into the conversation there.
    let conversations =
        "{ conversations(first: 5) { edges { node { unread participants { username } } } } }";
    let conversation_of = |token: String| {
        let b = &b;
        async move {
            let data = b.ok(Some(&token), conversations, json!({})).await;
            data["conversations"]["edges"][0]["node"].clone()
        }
    };
    remote_id(&a, &alice, "bob", &b).await;
    let bob_handle = format!("@bob@{}", b.instance.domain);
    let dm = a
        .post(&alice, &format!("{bob_handle} between us"), "DIRECT")
        .await;
    eventually(Duration::from_secs(10), "the direct status", || async {
        !conversation_of(bob.clone()).await.is_null()
    })
    .await;
    assert!(conversation_of(carol.clone()).await.is_null());
    let vars = json!({ "id": dm, "t": format!("{bob_handle} {carol_handle} among us"), "m": [] });
    a.ok(Some(&alice), EDIT_MEDIA, vars).await;
    eventually(Duration::from_secs(10), "carol's conversation", || async {
        !conversation_of(carol.clone()).await.is_null()
    })
    .await;
    let carols = conversation_of(carol.clone()).await;
    assert_eq!(carols["unread"], true);
    let mut names: Vec<&str> = carols["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["username"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["alice", "bob"]);
}

#[tokio::test]
async fn an_edit_of_pictures_and_mentions_federates_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    federate_an_edit(a, b).await;
}

#[tokio::test]
async fn an_edit_of_pictures_and_mentions_federates_on_postgres() {
    let Some(postgres) = TestDb::postgres().await else {
        return;
    };
    let a = federating(postgres).await;
    let b = federating(TestDb::sqlite().await).await;
    federate_an_edit(a, b).await;
}

/// How many `Update`s of a note `username` has recorded for other servers.
async fn updates_recorded(server: &TestServer, username: &str) -> usize {
    use rookery_domain::store::outbox_activities;
    use rookery_domain::types::ActivityKind;
    let db = &server.db.db;
    let account = rookery_domain::service::accounts::local_by_username(db, username)
        .await
        .unwrap();
    let mut updates = 0;
    for id in outbox_activities::recent_of(db, account.id, 100)
        .await
        .unwrap()
    {
        let activity = outbox_activities::by_id(db, id).await.unwrap().unwrap();
        updates += usize::from(activity.kind == ActivityKind::UpdateNote);
    }
    updates
}

#[tokio::test]
async fn an_edit_that_changes_nothing_is_no_edit() {
    const FULL_EDIT: &str = "mutation($id: ID!, $t: String!, $cw: String, $s: Boolean, $l: String, $m: [ID!], $rp: InteractionAudience) { editStatus(input: {id: $id, text: $t, contentWarning: $cw, sensitive: $s, language: $l, mediaIds: $m, replyPolicy: $rp}) { status { content editedAt edits { content } interactionPolicy { canReply } } } }";
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (dave, _) = server.register("dave").await;
        let data = server
            .ok(
                Some(&alice),
                "mutation { createStatus(input: {text: \"as it was\", contentWarning: \"spoiler\", language: \"en\"}) { status { id } } }",
                json!({}),
            )
            .await;
        let status = data["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        server
            .ok(
                Some(&dave),
                "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }",
                json!({ "id": status }),
            )
            .await;
        let before = updates_recorded(&server, "alice").await;

        // The same text, warning, sensitivity, language, attachments and policy, said
        // again or left out: no version, nobody told, nothing sent.
        for vars in [
            json!({ "id": status, "t": "as it was" }),
            json!({ "id": status, "t": "  as it was \n", "cw": " spoiler ", "s": true, "l": "en", "m": [], "rp": "ANYONE" }),
        ] {
            let data = server.ok(Some(&alice), FULL_EDIT, vars).await;
            let edited = &data["editStatus"]["status"];
            assert_eq!(edited["edits"].as_array().unwrap().len(), 1, "{backend}");
            assert!(edited["editedAt"].is_null(), "{backend}");
        }
        let data = server.ok(None, EDITS, json!({ "id": status })).await;
        assert_eq!(
            data["status"]["edits"].as_array().unwrap().len(),
            1,
            "{backend}"
        );
        assert!(data["status"]["editedAt"].is_null(), "{backend}");
        let told = server.ok(Some(&dave), NOTIFICATIONS, json!({})).await;
        assert_eq!(told["notifications"]["edges"], json!([]), "{backend}");
        assert_eq!(
            updates_recorded(&server, "alice").await,
            before,
            "{backend}"
        );

        // A change of policy alone is kept and sent, without a version or a notification.
        let data = server
            .ok(
                Some(&alice),
                FULL_EDIT,
                json!({ "id": status, "t": "as it was", "rp": "FOLLOWERS" }),
            )
            .await;
        let edited = &data["editStatus"]["status"];
        assert_eq!(
            edited["interactionPolicy"]["canReply"], "FOLLOWERS",
            "{backend}"
        );
        assert_eq!(edited["edits"].as_array().unwrap().len(), 1, "{backend}");
        let told = server.ok(Some(&dave), NOTIFICATIONS, json!({})).await;
        assert_eq!(told["notifications"]["edges"], json!([]), "{backend}");
        assert_eq!(
            updates_recorded(&server, "alice").await,
            before + 1,
            "{backend}"
        );

        // A change of any one of them is an edit.
        let data = server
            .ok(
                Some(&alice),
                FULL_EDIT,
                json!({ "id": status, "t": "as it was", "cw": "" }),
            )
            .await;
        assert_eq!(
            data["editStatus"]["status"]["edits"]
                .as_array()
                .unwrap()
                .len(),
            2,
            "{backend}"
        );
        let told = server.ok(Some(&dave), NOTIFICATIONS, json!({})).await;
        assert_eq!(told["notifications"]["edges"][0]["node"]["type"], "UPDATE");
        assert_eq!(
            updates_recorded(&server, "alice").await,
            before + 2,
            "{backend}"
        );
    }
}

const NOTIFIED: &str = "{ notifications { edges { node { type status { content } } } } }";

/// The kinds of `token`'s notifications, newest first, with their statuses' content.
async fn notified(server: &TestServer, token: &str) -> Vec<(String, String)> {
    let data = server.ok(Some(token), NOTIFIED, json!({})).await;
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let node = &e["node"];
            (
                node["type"].as_str().unwrap().to_owned(),
                node["status"]["content"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

/// An edit of a status boosted on another server is told there: its server delivers the
/// `Update` to the boosters' servers (a booster that does not follow its author
/// included), and each local booster there is notified (`UPDATE`), as they would be of a
/// local status's edit.
async fn boosters_elsewhere_hear_of_an_edit(a: TestServer, b: TestServer) {
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let (carol, _) = b.register("carol").await;
    let alice_on_b = remote_id(&b, &carol, "alice", &a).await;
    follow_accepted(&b, &carol, &alice_on_b).await;
    let data = a
        .ok(
            Some(&alice),
            "mutation { createStatus(input: {text: \"first words\", visibility: PUBLIC}) { status { id uri } } }",
            json!({}),
        )
        .await;
    let status = data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uri = data["createStatus"]["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let resolved = b
        .ok(
            Some(&bob),
            "query($u: String!) { resolveObject(url: $u) { ... on Status { id } } }",
            json!({ "u": uri }),
        )
        .await;
    let on_b = resolved["resolveObject"]["id"].as_str().unwrap().to_owned();
    let reblog = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }";
    for token in [&bob, &carol] {
        b.ok(Some(token), reblog, json!({ "id": on_b })).await;
    }
    let count = "query($id: ID!) { status(id: $id) { reblogsCount } }";
    eventually(Duration::from_secs(10), "both boosts on a", || async {
        let data = a.ok(Some(&alice), count, json!({ "id": status })).await;
        data["status"]["reblogsCount"] == 2
    })
    .await;

    a.ok(
        Some(&alice),
        EDIT,
        json!({ "id": status, "t": "better words" }),
    )
    .await;
    for (who, token) in [("carol", &carol), ("bob", &bob)] {
        eventually(
            Duration::from_secs(10),
            &format!("{who}'s UPDATE notification"),
            || async {
                notified(&b, token).await.first()
                    == Some(&("UPDATE".to_owned(), "<p>better words</p>".to_owned()))
            },
        )
        .await;
    }
}

#[tokio::test]
async fn boosters_elsewhere_hear_of_an_edit_on_sqlite() {
    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    boosters_elsewhere_hear_of_an_edit(a, b).await;
}

#[tokio::test]
async fn boosters_elsewhere_hear_of_an_edit_on_postgres() {
    let Some(a_db) = TestDb::postgres().await else {
        return;
    };
    let Some(b_db) = TestDb::postgres().await else {
        return;
    };
    boosters_elsewhere_hear_of_an_edit(federating(a_db).await, federating(b_db).await).await;
}
