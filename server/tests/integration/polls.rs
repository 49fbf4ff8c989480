//! Polls: posting one, voting within its rules, reading the results, and its end, which
//! its voters and author are told of once.

use std::sync::Arc;

use chrono::{Duration, Utc};
use rookery_domain::service::live::LocalBus;
use rookery_domain::service::outbox::Outbox;
use rookery_domain::service::{App, polls};
use rookery_jobs::{JobQueue, QueueConfig};
use rookery_server::graphql::ids;
use serde_json::{Value, json};

use super::support::{TestServer, servers};

const POLL_FIELDS: &str = "id options { title votesCount } multiple expiresAt expired votesCount votersCount voted ownVotes";

fn create_query() -> String {
    format!(
        "mutation($t: String!, $v: Visibility! = PUBLIC, $p: PollInput, $m: [ID!]! = []) {{ createStatus(input: {{text: $t, visibility: $v, poll: $p, mediaIds: $m}}) {{ status {{ id poll {{ {POLL_FIELDS} }} }} }} }}"
    )
}

fn vote_query() -> String {
    format!(
        "mutation($id: ID!, $c: [Int!]!) {{ vote(input: {{statusId: $id, choices: $c}}) {{ status {{ poll {{ {POLL_FIELDS} }} }} }} }}"
    )
}

fn status_query() -> String {
    format!("query($id: ID!) {{ status(id: $id) {{ poll {{ {POLL_FIELDS} }} }} }}")
}

async fn create_poll(server: &TestServer, token: &str, vars: Value) -> (String, Value) {
    let data = server.ok(Some(token), &create_query(), vars).await;
    let status = &data["createStatus"]["status"];
    (
        status["id"].as_str().unwrap().to_owned(),
        status["poll"].clone(),
    )
}

async fn vote(server: &TestServer, token: &str, status: &str, choices: Value) -> Value {
    let data = server
        .ok(
            Some(token),
            &vote_query(),
            json!({ "id": status, "c": choices }),
        )
        .await;
    data["vote"]["status"]["poll"].clone()
}

async fn vote_error(server: &TestServer, token: &str, status: &str, choices: Value) -> String {
    server
        .error_code(
            Some(token),
            &vote_query(),
            json!({ "id": status, "c": choices }),
        )
        .await
}

async fn read_poll(server: &TestServer, token: Option<&str>, status: &str) -> Value {
    let data = server
        .ok(token, &status_query(), json!({ "id": status }))
        .await;
    data["status"]["poll"].clone()
}

fn counts(poll: &Value) -> Vec<u64> {
    poll["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["votesCount"].as_u64().unwrap())
        .collect()
}

/// The application context over the server's database and own queue, as its maintenance
/// worker has.
pub async fn app_of(server: &TestServer) -> App {
    let queue = JobQueue::open(
        &server.db.db,
        QueueConfig {
            poll_interval: std::time::Duration::from_millis(50),
            ..QueueConfig::default()
        },
    )
    .await
    .unwrap();
    let outbox = Outbox::new(
        server.instance.clone(),
        Arc::new(queue),
        Arc::new(LocalBus::default()),
    );
    App::new(server.db.db.clone(), outbox)
}

async fn status_count(server: &TestServer, token: &str) -> usize {
    let data = server
        .ok(
            Some(token),
            "{ publicTimeline(first: 40) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    data["publicTimeline"]["edges"].as_array().unwrap().len()
}

#[tokio::test]
async fn polls_are_posted_within_limits_and_voted_in_once() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;

        let (single, poll) = create_poll(
            &server,
            &alice,
            json!({ "t": "Tea or coffee?", "p": { "options": [" tea ", "coffee", "neither"], "expiresInSeconds": 3600 } }),
        )
        .await;
        let titles: Vec<&str> = poll["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["tea", "coffee", "neither"], "{backend}");
        assert_eq!(counts(&poll), [0, 0, 0]);
        assert_eq!(poll["multiple"], false);
        assert_eq!(poll["expired"], false);
        assert_eq!(poll["votersCount"], 0);
        // Its author counts as having voted, like Mastodon shows it.
        assert_eq!(poll["voted"], true);
        assert_eq!(poll["ownVotes"], json!([]));
        let expires = chrono::DateTime::parse_from_rfc3339(poll["expiresAt"].as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc);
        let expected = Utc::now() + Duration::seconds(3600);
        assert!((expires - expected).num_seconds().abs() < 60, "{expires}");

        // Out of the limits, nothing is posted.
        let before = status_count(&server, &alice).await;
        let fake_media = ids::encode(ids::MEDIA, uuid::Uuid::now_v7()).to_string();
        for (poll, media) in [
            (
                json!({ "options": ["only one"], "expiresInSeconds": 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", "b", "c", "d", "e"], "expiresInSeconds": 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", "x".repeat(51)], "expiresInSeconds": 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", " "], "expiresInSeconds": 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["same", "same"], "expiresInSeconds": 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", "b"], "expiresInSeconds": 60 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", "b"], "expiresInSeconds": 31 * 24 * 3600 }),
                json!([]),
            ),
            (
                json!({ "options": ["a", "b"], "expiresInSeconds": 3600 }),
                json!([fake_media]),
            ),
        ] {
            let code = server
                .error_code(
                    Some(&alice),
                    &create_query(),
                    json!({ "t": "a poll", "p": poll, "m": media }),
                )
                .await;
            assert_eq!(code, "VALIDATION", "{backend}: {poll}");
        }
        assert_eq!(status_count(&server, &alice).await, before, "{backend}");
        // Fifty characters and four options are fine.
        create_poll(
            &server,
            &alice,
            json!({ "t": "long", "p": { "options": ["a", "b", "c", "x".repeat(50)], "expiresInSeconds": 300 } }),
        )
        .await;

        // A single-choice poll takes exactly one option in range, once.
        for choices in [json!([]), json!([0, 1]), json!([3]), json!([-1])] {
            assert_eq!(
                vote_error(&server, &bob, &single, choices.clone()).await,
                "VALIDATION",
                "{backend}: {choices}"
            );
        }
        let voted = vote(&server, &bob, &single, json!([1])).await;
        assert_eq!(counts(&voted), [0, 1, 0], "{backend}");
        assert_eq!(voted["votersCount"], 1);
        assert_eq!(voted["votesCount"], 1);
        assert_eq!(voted["voted"], true);
        assert_eq!(voted["ownVotes"], json!([1]));
        assert_eq!(
            vote_error(&server, &bob, &single, json!([0])).await,
            "VALIDATION"
        );
        // Its author may not vote.
        assert_eq!(
            vote_error(&server, &alice, &single, json!([0])).await,
            "VALIDATION"
        );
        vote(&server, &carol, &single, json!([1])).await;

        // Each reader sees the counts, and their own choices.
        let as_bob = read_poll(&server, Some(&bob), &single).await;
        assert_eq!(counts(&as_bob), [0, 2, 0], "{backend}");
        assert_eq!(as_bob["votersCount"], 2);
        assert_eq!(as_bob["ownVotes"], json!([1]));
        let anonymous = read_poll(&server, None, &single).await;
        assert_eq!(anonymous["voted"], false);
        assert_eq!(anonymous["ownVotes"], json!([]));

        // A multiple-choice poll takes several distinct options.
        let (multiple, poll) = create_poll(
            &server,
            &alice,
            json!({ "t": "Which days?", "p": { "options": ["Mon", "Tue", "Wed"], "multiple": true, "expiresInSeconds": 86400 } }),
        )
        .await;
        assert_eq!(poll["multiple"], true);
        assert_eq!(
            vote_error(&server, &bob, &multiple, json!([0, 0])).await,
            "VALIDATION"
        );
        let voted = vote(&server, &bob, &multiple, json!([2, 0])).await;
        assert_eq!(counts(&voted), [1, 0, 1], "{backend}");
        assert_eq!(voted["votesCount"], 2);
        assert_eq!(voted["votersCount"], 1);
        assert_eq!(voted["ownVotes"], json!([0, 2]));
        let voted = vote(&server, &carol, &multiple, json!([0])).await;
        assert_eq!(counts(&voted), [2, 0, 1]);
        assert_eq!(voted["votersCount"], 2);

        // A status without a poll takes no vote.
        let plain = server.post(&alice, "no poll here", "PUBLIC").await;
        assert_eq!(
            vote_error(&server, &bob, &plain, json!([0])).await,
            "VALIDATION"
        );
        assert_eq!(read_poll(&server, Some(&bob), &plain).await, Value::Null);

        // Only those who may see the status vote in its poll.
        let (followers_only, _) = create_poll(
            &server,
            &alice,
            json!({ "t": "Friends only", "v": "FOLLOWERS", "p": { "options": ["a", "b"], "expiresInSeconds": 3600 } }),
        )
        .await;
        assert_eq!(
            vote_error(&server, &bob, &followers_only, json!([0])).await,
            "NOT_FOUND"
        );
        let code = server
            .error_code(None, &vote_query(), json!({ "id": single, "c": [0] }))
            .await;
        assert_eq!(code, "UNAUTHENTICATED");

        // Editing the status keeps its poll and its votes.
        let edited = server
            .ok(
                Some(&alice),
                &format!("mutation($id: ID!) {{ editStatus(input: {{id: $id, text: \"Tea, or coffee?\"}}) {{ status {{ content poll {{ {POLL_FIELDS} }} }} }} }}"),
                json!({ "id": single }),
            )
            .await;
        let poll = &edited["editStatus"]["status"]["poll"];
        assert_eq!(counts(poll), [0, 2, 0], "{backend}: {edited}");
        assert_eq!(poll["options"][0]["title"], "tea");
    }
}

const NOTIFICATIONS: &str = "{ notifications(first: 20, filter: {types: [POLL]}) { edges { node { type account { username } status { id } } } } }";

fn poll_notifications(data: &Value) -> Vec<(String, String)> {
    data["notifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["node"]["account"]["username"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                e["node"]["status"]["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn ended_polls_tell_their_voters_and_author_once() {
    for server in servers().await {
        let backend = server.backend;
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let (dave, _) = server.register("dave").await;
        let (status, _) = create_poll(
            &server,
            &alice,
            json!({ "t": "Soon over", "p": { "options": ["yes", "no"], "expiresInSeconds": 300 } }),
        )
        .await;
        let (later, _) = create_poll(
            &server,
            &alice,
            json!({ "t": "Runs a month", "p": { "options": ["yes", "no"], "expiresInSeconds": 30 * 24 * 3600 } }),
        )
        .await;
        vote(&server, &bob, &status, json!([0])).await;
        vote(&server, &carol, &status, json!([1])).await;
        vote(&server, &bob, &later, json!([1])).await;

        // Nothing has ended yet.
        let app = app_of(&server).await;
        let told = polls::end_expired(&app, Utc::now()).await.unwrap();
        assert!(told.is_empty(), "{backend}");

        // Ten minutes on, the first poll is over: alice, bob and carol are told, once.
        let soon = Utc::now() + Duration::minutes(10);
        let told = polls::end_expired(&app, soon).await.unwrap();
        assert_eq!(told.len(), 3, "{backend}");
        let again = polls::end_expired(&app, soon).await.unwrap();
        assert!(again.is_empty(), "{backend}");

        for token in [&alice, &bob, &carol] {
            let data = server.ok(Some(token), NOTIFICATIONS, json!({})).await;
            assert_eq!(
                poll_notifications(&data),
                [("alice".to_owned(), status.clone())],
                "{backend}: {data}"
            );
            let all = server
                .ok(
                    Some(token),
                    "{ notifications(first: 5) { edges { node { type } } } }",
                    json!({}),
                )
                .await;
            assert_eq!(all["notifications"]["edges"][0]["node"]["type"], "POLL");
        }
        let data = server.ok(Some(&dave), NOTIFICATIONS, json!({})).await;
        assert!(poll_notifications(&data).is_empty(), "{backend}");

        // It reads as ended, and takes no more votes.
        let poll = read_poll(&server, Some(&dave), &status).await;
        assert_eq!(poll["expired"], true, "{backend}");
        assert_eq!(counts(&poll), [1, 1]);
        assert_eq!(
            vote_error(&server, &dave, &status, json!([0])).await,
            "VALIDATION"
        );
        // The other still runs.
        let poll = read_poll(&server, Some(&dave), &later).await;
        assert_eq!(poll["expired"], false);
        vote(&server, &dave, &later, json!([0])).await;
    }
}

const HOME_POLLS: &str = "{ homeTimeline(first: 10) { edges { node { id uri poll { options { title votesCount } multiple expired votersCount ownVotes } } } } }";

#[tokio::test]
async fn polls_and_votes_federate_and_end_on_both_servers() {
    use rookery_domain::testing::TestDb;
    use std::time::Duration as Wait;

    use super::federation::{eventually, federating, follow_accepted, remote_id};

    let a = federating(TestDb::sqlite().await).await;
    let b = federating(TestDb::sqlite().await).await;
    let (alice, _) = a.register("alice").await;
    let (bob, _) = b.register("bob").await;
    let alice_on_b = remote_id(&b, &bob, "alice", &a).await;
    follow_accepted(&b, &bob, &alice_on_b).await;

    let data = a
        .ok(
            Some(&alice),
            "mutation($p: PollInput) { createStatus(input: {text: \"Which colour?\", poll: $p}) { status { id uri } } }",
            json!({ "p": { "options": ["red", "green", "blue"], "expiresInSeconds": 3600 } }),
        )
        .await;
    let on_a = data["createStatus"]["status"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let uri = data["createStatus"]["status"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();

    // Served as Mastodon serves a poll: a Question with its options and counts.
    let question: Value = a
        .client
        .get(&uri)
        .header("accept", "application/activity+json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(question["type"], "Question", "{question}");
    assert_eq!(question["oneOf"][2]["type"], "Note");
    assert_eq!(question["oneOf"][2]["name"], "blue");
    assert_eq!(question["oneOf"][2]["replies"]["type"], "Collection");
    assert_eq!(question["oneOf"][2]["replies"]["totalItems"], 0);
    assert_eq!(question["votersCount"], 0);
    assert!(question["endTime"].is_string());
    assert!(question.get("anyOf").is_none());
    assert!(question.get("closed").is_none());

    // It reaches bob's home with its options.
    eventually(Wait::from_secs(10), "the Question", || async {
        let home = b.ok(Some(&bob), HOME_POLLS, json!({})).await;
        home["homeTimeline"]["edges"][0]["node"]["uri"] == uri.as_str()
    })
    .await;
    let home = b.ok(Some(&bob), HOME_POLLS, json!({})).await;
    let node = &home["homeTimeline"]["edges"][0]["node"];
    assert_eq!(node["poll"]["multiple"], false, "{home}");
    assert_eq!(counts(&node["poll"]), [0, 0, 0]);
    let on_b = node["id"].as_str().unwrap().to_owned();

    // Bob's vote counts on b at once, and reaches alice's poll.
    let voted = vote(&b, &bob, &on_b, json!([2])).await;
    assert_eq!(counts(&voted), [0, 0, 1]);
    assert_eq!(voted["ownVotes"], json!([2]));
    assert_eq!(vote_error(&b, &bob, &on_b, json!([1])).await, "VALIDATION");
    eventually(Wait::from_secs(10), "the vote", || async {
        let poll = read_poll(&a, Some(&alice), &on_a).await;
        counts(&poll) == [0, 0, 1] && poll["votersCount"] == 1
    })
    .await;
    // The vote is no status on a.
    let public = a
        .ok(
            Some(&alice),
            "{ publicTimeline(first: 10) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        public["publicTimeline"]["edges"].as_array().unwrap().len(),
        1,
        "{public}"
    );

    // A local vote on a goes out as an Update with the new counts.
    let (carol, _) = a.register("carol").await;
    vote(&a, &carol, &on_a, json!([0])).await;
    eventually(Wait::from_secs(10), "the Update", || async {
        let home = b.ok(Some(&bob), HOME_POLLS, json!({})).await;
        let poll = &home["homeTimeline"]["edges"][0]["node"]["poll"];
        counts(poll) == [1, 0, 1] && poll["votersCount"] == 2
    })
    .await;

    // The poll ends on a (its end moved to the past here): its author and voter there are
    // told, and b learns it is closed and tells bob.
    a.db.execute("UPDATE polls SET expires_at = created_at")
        .await;
    let told = polls::end_expired(&app_of(&a).await, Utc::now())
        .await
        .unwrap();
    assert_eq!(told.len(), 2, "alice and carol");
    let data = a.ok(Some(&alice), NOTIFICATIONS, json!({})).await;
    assert_eq!(poll_notifications(&data).len(), 1);
    eventually(Wait::from_secs(10), "the closing Update", || async {
        let home = b.ok(Some(&bob), HOME_POLLS, json!({})).await;
        home["homeTimeline"]["edges"][0]["node"]["poll"]["expired"] == true
    })
    .await;
    let told = polls::end_expired(&app_of(&b).await, Utc::now())
        .await
        .unwrap();
    assert_eq!(told.len(), 1, "bob");
    let data = b.ok(Some(&bob), NOTIFICATIONS, json!({})).await;
    assert_eq!(
        poll_notifications(&data),
        [("alice".to_owned(), on_b.clone())]
    );
    assert_eq!(vote_error(&b, &bob, &on_b, json!([0])).await, "VALIDATION");
}
