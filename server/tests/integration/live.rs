//! Live subscriptions over `/graphql/ws`: statuses and notifications reach those who may see
//! them as they happen, and nobody else; the routing agrees with the timelines.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::ID;
use futures::StreamExt;
use rookery_domain::ids::{AccountId, StatusId};
use rookery_domain::ports::{EventBus, LiveEvent};
use rookery_domain::service::live::{LocalBus, StatusChange, StatusReach};
use rookery_domain::testing::TestDb;
use rookery_domain::testing::live::{LiveClient, Refused};
use rookery_server::graphql::ids::decode_any;
use rookery_server::live::{LiveHub, LiveItem, LiveStream};
use serde_json::json;

use super::support::{TestServer, servers};

const WAIT: Duration = Duration::from_secs(5);
const STATUS_EVENT: &str = "kind statusId status { content author { username } }";
const FOLLOW: &str = "mutation($id: ID!) { follow(input: {accountId: $id}) { account { id } } }";

fn home() -> String {
    format!("subscription {{ homeTimelineUpdates {{ {STATUS_EVENT} }} }}")
}

async fn client(server: &TestServer, token: Option<&str>) -> LiveClient {
    match LiveClient::connect(&server.base, token).await {
        Ok(client) => client,
        Err(refused) => panic!("not connected: {refused:?}"),
    }
}

/// The kind and content of the next status event.
async fn next_status(client: &mut LiveClient) -> (String, String) {
    let data = client.next_data(WAIT).await;
    let (_, event) = data.as_object().unwrap().iter().next().unwrap();
    (
        event["kind"].as_str().unwrap().to_owned(),
        event["status"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

fn created(text: &str) -> (String, String) {
    ("CREATED".into(), format!("<p>{text}</p>"))
}

#[tokio::test]
async fn the_home_stream_carries_what_followed_accounts_post_edit_and_delete() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        server
            .ok(Some(&alice), FOLLOW, json!({ "id": bob_id }))
            .await;
        let mut alice_live = client(&server, Some(&alice)).await;
        alice_live.subscribe("1", &home(), json!({})).await;
        let mut carol_live = client(&server, Some(&carol)).await;
        carol_live.subscribe("1", &home(), json!({})).await;
        // Subscriptions start as their messages arrive; a round trip makes sure they have.
        tokio::time::sleep(Duration::from_millis(200)).await;

        let id = server.post(&bob, "for everyone", "PUBLIC").await;
        assert_eq!(next_status(&mut alice_live).await, created("for everyone"));
        server.post(&bob, "for followers", "FOLLOWERS").await;
        assert_eq!(next_status(&mut alice_live).await, created("for followers"));

        let edit = "mutation($id: ID!) { editStatus(input: {id: $id, text: \"changed\"}) { status { id } } }";
        server.ok(Some(&bob), edit, json!({ "id": id })).await;
        assert_eq!(
            next_status(&mut alice_live).await,
            ("EDITED".into(), "<p>changed</p>".into())
        );
        let delete = "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }";
        server.ok(Some(&bob), delete, json!({ "id": id })).await;
        let data = alice_live.next_data(WAIT).await;
        let event = &data["homeTimelineUpdates"];
        assert_eq!(event["kind"], "DELETED");
        assert_eq!(event["statusId"], id.as_str());
        assert!(event["status"].is_null(), "a deleted status is not shown");

        // Carol follows nobody: she hears of the deletion of a public status only (where
        // it stood is not known any more), then of her own post.
        server.post(&carol, "carol's own", "PUBLIC").await;
        let data = carol_live.next_data(WAIT).await;
        assert_eq!(data["homeTimelineUpdates"]["kind"], "DELETED");
        assert_eq!(data["homeTimelineUpdates"]["statusId"], id.as_str());
        assert_eq!(next_status(&mut carol_live).await, created("carol's own"));
        // Alice follows bob, not carol: bob's next post is what she hears of next.
        server.post(&bob, "last", "PUBLIC").await;
        assert_eq!(next_status(&mut alice_live).await, created("last"));
    }
}

#[tokio::test]
async fn public_and_hashtag_streams_carry_public_statuses_to_whoever_may_see_them() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let (carol, _) = server.register("carol").await;
        let mut anonymous = client(&server, None).await;
        let public = format!("subscription {{ publicTimelineUpdates {{ {STATUS_EVENT} }} }}");
        let tagged =
            format!("subscription($t: String!) {{ hashtagUpdates(tag: $t) {{ {STATUS_EVENT} }} }}");
        anonymous.subscribe("public", &public, json!({})).await;
        let mut bob_live = client(&server, Some(&bob)).await;
        bob_live
            .subscribe("tag", &tagged, json!({ "t": "#Rust" }))
            .await;
        // Bob blocks alice: he hears of none of her statuses.
        let block = "mutation($id: ID!) { block(input: {accountId: $id}) { account { id } } }";
        server
            .ok(Some(&bob), block, json!({ "id": alice_id }))
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;

        server.post(&alice, "unlisted", "UNLISTED").await;
        server.post(&alice, "only followers", "FOLLOWERS").await;
        server.post(&alice, "a #rust thing", "PUBLIC").await;
        let (kind, content) = next_status(&mut anonymous).await;
        assert_eq!(kind, "CREATED");
        assert!(content.contains("a "), "{content}");
        assert!(content.contains("rust"), "{content}");
        server.post(&carol, "more #rust", "PUBLIC").await;
        let (_, content) = next_status(&mut anonymous).await;
        assert!(content.contains("more"), "{content}");
        let (_, content) = next_status(&mut bob_live).await;
        assert!(
            content.contains("more"),
            "bob never heard of alice's: {content}"
        );
    }
}

#[tokio::test]
async fn notifications_arrive_live_to_their_recipient_alone() {
    for server in servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let subscription = "subscription { notificationReceived { kind notification { type account { username } } } }";
        let mut alice_live = client(&server, Some(&alice)).await;
        alice_live.subscribe("n", subscription, json!({})).await;
        let mut bob_live = client(&server, Some(&bob)).await;
        bob_live.subscribe("n", subscription, json!({})).await;
        tokio::time::sleep(Duration::from_millis(200)).await;

        server
            .ok(Some(&bob), FOLLOW, json!({ "id": alice_id }))
            .await;
        let event = alice_live.next_data(WAIT).await["notificationReceived"].clone();
        assert_eq!(event["kind"], "RECEIVED");
        assert_eq!(event["notification"]["type"], "FOLLOW");
        assert_eq!(event["notification"]["account"]["username"], "bob");
        let hers = server.post(&alice, "hello", "PUBLIC").await;
        let favourite =
            "mutation($id: ID!) { favourite(input: {statusId: $id}) { status { id } } }";
        server
            .ok(Some(&bob), favourite, json!({ "id": hers }))
            .await;
        let event = alice_live.next_data(WAIT).await["notificationReceived"].clone();
        assert_eq!(event["notification"]["type"], "FAVOURITE");
        server.post(&alice, "@bob hi", "PUBLIC").await;
        let event = bob_live.next_data(WAIT).await["notificationReceived"].clone();
        assert_eq!(
            event["notification"]["type"], "MENTION",
            "bob's first notification is the mention: {event}"
        );
    }
}

#[tokio::test]
async fn a_live_connection_signs_in_with_its_init_payload() {
    for server in servers().await {
        match LiveClient::connect(&server.base, Some("not-a-token")).await {
            Err(Refused::Closed(reason)) => assert!(!reason.is_empty()),
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("a bad token is refused"),
        }
        let mut anonymous = client(&server, None).await;
        anonymous.subscribe("1", &home(), json!({})).await;
        let message = anonymous.message_within(WAIT).await.unwrap();
        assert_eq!(
            message["payload"]["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{message}"
        );
    }
}

#[tokio::test]
async fn filters_keep_hidden_statuses_off_live_streams() {
    for server in servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, bob_id) = server.register("bob").await;
        server
            .ok(Some(&alice), FOLLOW, json!({ "id": bob_id }))
            .await;
        let filter = "mutation { createFilter(input: {title: \"no spoilers\", keywords: [{keyword: \"spoiler\"}], contexts: [HOME], action: HIDE}) { filter { id } } }";
        server.ok(Some(&alice), filter, json!({})).await;
        let mut alice_live = client(&server, Some(&alice)).await;
        alice_live.subscribe("1", &home(), json!({})).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.post(&bob, "a spoiler here", "PUBLIC").await;
        server.post(&bob, "nothing to hide", "PUBLIC").await;
        assert_eq!(
            next_status(&mut alice_live).await,
            created("nothing to hide")
        );
    }
}

fn uuid_of(id: &str) -> uuid::Uuid {
    decode_any(&ID(id.to_owned())).unwrap().1
}

async fn home_contents(server: &TestServer, token: &str) -> Vec<String> {
    let data = server
        .ok(
            Some(token),
            "{ homeTimeline(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    let mut ids: Vec<String> = data["homeTimeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// Every status below, for every viewer: on the live home stream exactly when on the home
/// timeline.
#[tokio::test]
async fn live_routing_agrees_with_the_home_timeline() {
    for server in servers().await {
        let mut users: Vec<(String, String)> = Vec::new();
        for name in ["ann", "ben", "cat", "dan"] {
            users.push(server.register(name).await);
        }
        let (ann, ben, cat, dan) = (&users[0], &users[1], &users[2], &users[3]);
        // ann follows ben and cat; ben follows ann; dan follows the #garden tag and mutes cat.
        for (who, whom) in [(ann, ben), (ann, cat), (ben, ann)] {
            server
                .ok(Some(&who.0), FOLLOW, json!({ "id": whom.1 }))
                .await;
        }
        let follow_tag = "mutation { followTag(input: {tag: \"garden\"}) { tag { name } } }";
        server.ok(Some(&dan.0), follow_tag, json!({})).await;
        let mute = "mutation($id: ID!) { mute(input: {accountId: $id}) { account { id } } }";
        server.ok(Some(&dan.0), mute, json!({ "id": cat.1 })).await;
        let reply = "mutation($t: String!, $r: ID!, $v: Visibility!) { createStatus(input: {text: $t, inReplyToId: $r, visibility: $v}) { status { id } } }";
        let reblog = "mutation($id: ID!) { reblog(input: {statusId: $id}) { reblog { id } } }";

        let mut statuses = Vec::new();
        for (author, visibility) in [
            (ben, "PUBLIC"),
            (ben, "FOLLOWERS"),
            (cat, "UNLISTED"),
            (dan, "PUBLIC"),
            (ben, "LOCAL"),
            (cat, "PRIVATE"),
        ] {
            let text = format!("{visibility} by one #garden");
            statuses.push(server.post(&author.0, &text, visibility).await);
        }
        statuses.push(server.post(&ben.0, "@dan direct", "DIRECT").await);
        // Replies: ben to dan (ann follows ben, not dan), cat to ben (ann follows both).
        for (author, parent) in [(ben, statuses[3].clone()), (cat, statuses[0].clone())] {
            let data = server
                .ok(
                    Some(&author.0),
                    reply,
                    json!({ "t": "a reply", "r": parent, "v": "PUBLIC" }),
                )
                .await;
            statuses.push(
                data["createStatus"]["status"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        let data = server
            .ok(Some(&cat.0), reblog, json!({ "id": statuses[3] }))
            .await;
        statuses.push(data["reblog"]["reblog"]["id"].as_str().unwrap().to_owned());

        for (token, account) in &users {
            let viewer = AccountId(uuid_of(account));
            let mut live = Vec::new();
            for status in &statuses {
                let id = StatusId(uuid_of(status));
                let reach = StatusReach::load(&server.db.db, StatusChange::Created, id)
                    .await
                    .unwrap()
                    .unwrap();
                if reach.reaches_home(viewer) {
                    live.push(status.clone());
                }
            }
            live.sort();
            assert_eq!(
                live,
                home_contents(&server, token).await,
                "viewer {account}"
            );
        }
    }
}

/// A listener that does not read loses what does not fit its buffer, and is told so;
/// others get everything.
#[tokio::test]
async fn a_slow_listener_lags_without_holding_up_others() {
    let test = TestDb::sqlite().await;
    let bus = Arc::new(LocalBus::default());
    let hub = LiveHub::start(test.db.clone(), bus.as_ref());
    let mut slow = hub.listen(None, LiveStream::Public { local_only: false });
    let mut other = hub.listen(None, LiveStream::Public { local_only: true });
    let server = super::support::serve(test).await;
    let (token, _) = server.register("poster").await;
    let mut ids = Vec::new();
    for i in 0..80 {
        ids.push(server.post(&token, &format!("status {i}"), "PUBLIC").await);
    }
    let events: Vec<LiveEvent> = ids
        .iter()
        .map(|id| LiveEvent::StatusCreated(StatusId(uuid_of(id))))
        .collect();
    let reader = tokio::spawn(async move {
        let mut everything = 0;
        while everything < 80 {
            match tokio::time::timeout(WAIT, other.next())
                .await
                .unwrap()
                .unwrap()
            {
                LiveItem::Status(_) => everything += 1,
                item => panic!("{item:?}"),
            }
        }
        everything
    });
    bus.publish(events).await;
    // Once the reading listener has had everything, the other's buffer is full.
    assert_eq!(
        reader.await.unwrap(),
        80,
        "the reading listener got everything"
    );
    let mut received = 0;
    let lagged = loop {
        match tokio::time::timeout(WAIT, slow.next())
            .await
            .unwrap()
            .unwrap()
        {
            LiveItem::Status(_) => received += 1,
            LiveItem::Lagged => break true,
            other => panic!("{other:?}"),
        }
    };
    assert!(lagged);
    assert_eq!(received, 64, "what fit the buffer came before the lag");
    drop(slow);
    assert_eq!(hub.listener_count(), 0);
}

/// What a status event's fields read is read once for all its listeners, not once for
/// each: what is the same for everyone (author, pictures, mentions, tags, counts) in a
/// shared batch, and what each listener did to it in one statement for all of them. Twenty
/// listeners, each signed in as someone else, cost a post about as many statements as one.
#[tokio::test]
async fn listeners_of_one_event_share_its_reads() {
    const LISTENERS: usize = 20;
    const EVENT: &str = "subscription { publicTimelineUpdates { status { author { acct } mediaAttachments { url } mentions { acct } tags favouritesCount favourited reblogged } } }";
    for test in TestDb::all().await {
        let mut db = test.db.clone();
        let statements = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = statements.clone();
        db.set_metric_callback(move |_| {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let server = super::support::serve_with(test, db, 1000).await;
        let (alice, _) = server.register("alice").await;
        server.register("bob").await;

        // The statements of a post, from its request until every listener has it.
        let cost_of_a_post = async |listeners: &mut [LiveClient], text: &str| {
            let before = statements.load(std::sync::atomic::Ordering::SeqCst);
            server.post(&alice, text, "PUBLIC").await;
            for listener in listeners.iter_mut() {
                let data = listener.next_data(WAIT).await;
                let status = &data["publicTimelineUpdates"]["status"];
                assert_eq!(status["author"]["acct"], "alice");
                assert_eq!(status["mentions"][0]["acct"], "bob");
                assert_eq!(status["tags"], json!(["shared"]));
                assert_eq!(status["favourited"], false);
            }
            statements.load(std::sync::atomic::Ordering::SeqCst) - before
        };
        let listen = async |n: usize| {
            let (token, _) = server.register(&format!("listener{n}")).await;
            let mut listener = client(&server, Some(&token)).await;
            listener.subscribe("1", EVENT, json!({})).await;
            listener
        };
        let mut listeners = vec![listen(0).await];
        tokio::time::sleep(Duration::from_millis(200)).await;
        let one = cost_of_a_post(&mut listeners, "one @bob #shared").await;
        for n in 1..LISTENERS {
            listeners.push(listen(n).await);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        let all = cost_of_a_post(&mut listeners, "all @bob #shared").await;
        assert!(
            all <= one + 10,
            "{}: {all} statements for {LISTENERS} listeners, {one} for one",
            server.backend
        );
    }
}
