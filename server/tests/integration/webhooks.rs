//! Outgoing webhooks: signed POSTs to a real loopback receiver for status, account and
//! report events, each webhook told only what it may hear of, retried after a 5xx, and
//! never sent to a private address when those are not allowed.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use poem::http::{HeaderMap, StatusCode};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::Data;
use poem::{EndpointExt, Route, Server, handler};
use rookery_domain::testing::TestDb;
use serde_json::{Value, json};
use webhook_sha2::Sha256;

use super::federation::{admin, eventually, federating};
use super::support::TestServer;

const CREATE: &str = "mutation($u: String!, $e: [WebhookEvent!]!, $i: Boolean! = false) { createWebhook(input: {url: $u, events: $e, instanceWide: $i}) { secret webhook { id url events instanceWide enabled } } }";
const STATUS_EVENTS: [&str; 3] = ["STATUS_CREATED", "STATUS_UPDATED", "STATUS_DELETED"];

/// One POST as received.
#[derive(Debug, Clone)]
pub(super) struct Received {
    timestamp: String,
    signature: String,
    event_header: String,
    raw: Vec<u8>,
    body: Value,
}

/// What the receiver answers and has received.
#[derive(Default)]
struct Sink {
    received: Mutex<Vec<Received>>,
    /// Statuses to answer with before answering 200, first to last.
    answers: Mutex<Vec<u16>>,
}

#[handler]
async fn receive(sink: Data<&Arc<Sink>>, headers: &HeaderMap, body: Vec<u8>) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    sink.received.lock().unwrap().push(Received {
        timestamp: header("x-rookery-timestamp"),
        signature: header("x-rookery-signature"),
        event_header: header("x-rookery-event"),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        raw: body,
    });
    let mut answers = sink.answers.lock().unwrap();
    let status = if answers.is_empty() {
        200
    } else {
        answers.remove(0)
    };
    StatusCode::from_u16(status).unwrap()
}

/// A webhook receiver on a loopback port.
pub(super) struct Receiver {
    pub(super) url: String,
    sink: Arc<Sink>,
}

impl Receiver {
    pub(super) async fn start(answers: Vec<u16>) -> Self {
        let acceptor = TcpListener::bind("127.0.0.1:0")
            .into_acceptor()
            .await
            .unwrap();
        let addr = acceptor.local_addr()[0].as_socket_addr().copied().unwrap();
        let sink = Arc::new(Sink {
            received: Mutex::default(),
            answers: Mutex::new(answers),
        });
        let app = Route::new()
            .at("/hook", poem::post(receive))
            .data(sink.clone());
        tokio::spawn(Server::new_with_acceptor(acceptor).run(app));
        Self {
            url: format!("http://{addr}/hook"),
            sink,
        }
    }

    pub(super) fn received(&self) -> Vec<Received> {
        self.sink.received.lock().unwrap().clone()
    }

    /// The events received, each checked against `secret`, in the order they happened
    /// (deliveries run side by side, so they may arrive in another).
    pub(super) fn events(&self, secret: &str) -> Vec<(String, Value)> {
        let mut received = self.received();
        received.sort_by_key(|r| {
            let at = r.body["createdAt"].as_str().unwrap_or_default();
            at.parse::<chrono::DateTime<chrono::Utc>>().ok()
        });
        received
            .into_iter()
            .map(|r| {
                assert_eq!(r.signature, sign(secret, &r.timestamp, &r.raw), "{r:?}");
                let sent: i64 = r.timestamp.parse().unwrap();
                assert!((chrono::Utc::now().timestamp() - sent).abs() < 300);
                let event = r.body["event"].as_str().unwrap().to_owned();
                assert_eq!(r.event_header, event);
                assert!(r.body["createdAt"].is_string(), "{:?}", r.body);
                (event, r.body["object"].clone())
            })
            .collect()
    }
}

/// What a receiver computes to check a delivery: `sha256=` and the hex HMAC-SHA256 of
/// `timestamp.body`.
fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

async fn create(server: &TestServer, token: &str, url: &str, events: Value) -> (String, Value) {
    let data = server
        .ok(Some(token), CREATE, json!({ "u": url, "e": events }))
        .await;
    (
        data["createWebhook"]["secret"].as_str().unwrap().to_owned(),
        data["createWebhook"]["webhook"].clone(),
    )
}

/// Servers with their background workers, on each backend.
async fn working_servers() -> Vec<TestServer> {
    let mut all = Vec::new();
    for test in TestDb::all().await {
        all.push(federating(test).await);
    }
    all
}

#[tokio::test]
async fn status_events_reach_their_owners_webhooks_signed() {
    for server in working_servers().await {
        let (alice, _) = server.register("alice").await;
        let (bob, _) = server.register("bob").await;
        let for_alice = Receiver::start(Vec::new()).await;
        let for_bob = Receiver::start(Vec::new()).await;
        let (alice_secret, hook) =
            create(&server, &alice, &for_alice.url, json!(STATUS_EVENTS)).await;
        assert!(alice_secret.starts_with("whsec_"));
        assert_eq!(hook["instanceWide"], false);
        assert_eq!(hook["enabled"], true);
        let (bob_secret, _) = create(&server, &bob, &for_bob.url, json!(["STATUS_CREATED"])).await;

        let id = server.post(&alice, "hello hooks", "PUBLIC").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { editStatus(input: {id: $id, text: \"hello again\"}) { status { id } } }",
                json!({ "id": id }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": id }),
            )
            .await;
        let bobs = server.post(&bob, "bob's own", "DIRECT").await;

        eventually(Duration::from_secs(20), "alice's three events", || async {
            for_alice.received().len() >= 3
        })
        .await;
        eventually(Duration::from_secs(20), "bob's event", || async {
            !for_bob.received().is_empty()
        })
        .await;
        let events = for_alice.events(&alice_secret);
        let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(
            names,
            ["STATUS_CREATED", "STATUS_UPDATED", "STATUS_DELETED"],
            "{}",
            server.backend
        );
        for (_, object) in &events {
            assert_eq!(object["id"], id.as_str());
            assert_eq!(object["author"]["username"], "alice");
        }
        assert_eq!(events[0].1["source"], "hello hooks");
        assert_eq!(events[0].1["visibility"], "PUBLIC");
        assert_eq!(events[1].1["source"], "hello again");
        assert!(events[2].1["deletedAt"].is_string());
        assert_eq!(events[2].1["source"], "");
        // A signature with another secret does not match.
        let first = &for_alice.received()[0];
        assert_ne!(
            first.signature,
            sign(&bob_secret, &first.timestamp, &first.raw)
        );

        // Bob's webhook hears of bob's status alone.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let events = for_bob.events(&bob_secret);
        assert_eq!(events.len(), 1, "{}: {events:?}", server.backend);
        assert_eq!(events[0].0, "STATUS_CREATED");
        assert_eq!(events[0].1["id"], bobs.as_str());

        // Each sees its own webhooks, never a secret; another's is not theirs to delete.
        let listed = server
            .ok(Some(&alice), "{ webhooks { id url events } }", json!({}))
            .await;
        assert_eq!(listed["webhooks"].as_array().unwrap().len(), 1);
        assert_eq!(listed["webhooks"][0]["url"], for_alice.url.as_str());
        assert!(!listed.to_string().contains(&alice_secret));
        assert_eq!(
            server
                .error_code(Some(&alice), "{ webhooks { secret } }", json!({}))
                .await,
            "GRAPHQL_VALIDATION_FAILED"
        );
        let delete = "mutation($id: ID!) { deleteWebhook(input: {id: $id}) { deletedWebhookId } }";
        assert_eq!(
            server
                .error_code(Some(&bob), delete, json!({ "id": hook["id"] }))
                .await,
            "NOT_FOUND"
        );
        server
            .ok(Some(&alice), delete, json!({ "id": hook["id"] }))
            .await;
        let listed = server
            .ok(Some(&alice), "{ webhooks { id } }", json!({}))
            .await;
        assert_eq!(listed["webhooks"], json!([]));
    }
}

#[tokio::test]
async fn instance_webhooks_hear_of_statuses_accounts_and_reports() {
    for server in working_servers().await {
        let (alice, alice_id) = server.register("alice").await;
        let receiver = Receiver::start(Vec::new()).await;
        let events = json!(["STATUS_CREATED", "ACCOUNT_CREATED", "REPORT_CREATED"]);
        // Account and report events are for instance-wide webhooks, made by admins.
        for (vars, code) in [
            (json!({ "u": receiver.url, "e": events }), "VALIDATION"),
            (
                json!({ "u": receiver.url, "e": events, "i": true }),
                "FORBIDDEN",
            ),
            (
                json!({ "u": "ftp://example.org/", "e": ["STATUS_CREATED"] }),
                "VALIDATION",
            ),
            (json!({ "u": receiver.url, "e": [] }), "VALIDATION"),
        ] {
            assert_eq!(server.error_code(Some(&alice), CREATE, vars).await, code);
        }
        let root = admin(&server).await;
        let data = server
            .ok(
                Some(&root),
                CREATE,
                json!({ "u": receiver.url, "e": events, "i": true }),
            )
            .await;
        let secret = data["createWebhook"]["secret"].as_str().unwrap().to_owned();
        assert_eq!(data["createWebhook"]["webhook"]["instanceWide"], true);

        let (carol, _) = server.register("carol").await;
        server.post(&alice, "@carol between us", "DIRECT").await;
        let status = server.post(&alice, "anyone's status", "UNLISTED").await;
        server
            .ok(
                Some(&carol),
                "mutation($i: CreateReportInput!) { createReport(input: $i) { reportId } }",
                json!({ "i": { "accountId": alice_id, "statusIds": [status], "comment": "rude" } }),
            )
            .await;
        eventually(Duration::from_secs(20), "the instance's events", || async {
            receiver.received().len() >= 3
        })
        .await;
        // A direct status is no instance's business: it would have come before the other.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let got = receiver.events(&secret);
        let created: Vec<_> = got.iter().filter(|(e, _)| e == "STATUS_CREATED").collect();
        assert_eq!(created.len(), 1, "{}: {created:?}", server.backend);
        let find = |name: &str| {
            got.iter()
                .find(|(event, _)| event == name)
                .unwrap_or_else(|| panic!("{}: no {name} in {got:?}", server.backend))
                .1
                .clone()
        };
        assert_eq!(find("ACCOUNT_CREATED")["username"], "carol");
        assert_eq!(find("STATUS_CREATED")["author"]["username"], "alice");
        let report = find("REPORT_CREATED");
        assert_eq!(report["account"]["username"], "alice");
        assert_eq!(report["reporter"]["username"], "carol");
        assert_eq!(report["comment"], "rude");
        assert_eq!(report["statuses"], json!([{ "id": status }]));
        // Only admins see instance-wide webhooks.
        let listed = server
            .ok(Some(&alice), "{ webhooks { id } }", json!({}))
            .await;
        assert_eq!(listed["webhooks"], json!([]));
        let listed = server
            .ok(Some(&root), "{ webhooks { instanceWide } }", json!({}))
            .await;
        assert_eq!(listed["webhooks"], json!([{ "instanceWide": true }]));
    }
}

#[tokio::test]
async fn failures_are_retried_with_backoff_and_refusals_are_not() {
    for server in working_servers().await {
        let (alice, _) = server.register("alice").await;
        let flaky = Receiver::start(vec![500]).await;
        let gone = Receiver::start(vec![410, 410, 410]).await;
        let (flaky_secret, _) =
            create(&server, &alice, &flaky.url, json!(["STATUS_CREATED"])).await;
        create(&server, &alice, &gone.url, json!(["STATUS_CREATED"])).await;
        server.post(&alice, "try, try again", "PUBLIC").await;
        // The first attempt is answered 500; the next comes a few seconds later.
        eventually(Duration::from_secs(30), "the retry", || async {
            flaky.received().len() >= 2
        })
        .await;
        let events = flaky.events(&flaky_secret);
        assert_eq!(events.len(), 2, "{}", server.backend);
        assert_eq!(events[0], events[1], "the same event, signed again");
        // A 410 is final: tried once.
        assert_eq!(gone.received().len(), 1, "{}", server.backend);
    }
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    use rookery_federation::fetch::{FetchError, FetchPolicy, Fetcher};
    let receiver = Receiver::start(Vec::new()).await;
    let url = url::Url::parse(&receiver.url).unwrap();
    let headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    let production = Fetcher::new(FetchPolicy::default(), "rookery-test").unwrap();
    let refused = production.post(&url, &headers, b"{}".to_vec()).await;
    assert!(
        matches!(&refused, Err(error @ FetchError::Refused(..)) if !error.is_transient()),
        "{refused:?}"
    );
    let named = url::Url::parse(&receiver.url.replace("127.0.0.1", "localhost")).unwrap();
    let refused = production.post(&named, &headers, b"{}".to_vec()).await;
    assert!(refused.is_err(), "{refused:?}");
    assert!(receiver.received().is_empty());
    let development = Fetcher::new(
        FetchPolicy {
            allow_private: true,
            ..FetchPolicy::default()
        },
        "rookery-test",
    )
    .unwrap();
    let answer = development
        .post(&url, &headers, b"{}".to_vec())
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test]
async fn notes_reach_their_authors_webhooks_and_no_instance_webhook() {
    for server in working_servers().await {
        let (alice, _) = server.register("alice").await;
        let for_alice = Receiver::start(Vec::new()).await;
        let for_instance = Receiver::start(Vec::new()).await;
        let (secret, _) = create(&server, &alice, &for_alice.url, json!(STATUS_EVENTS)).await;
        let root = admin(&server).await;
        server
            .ok(
                Some(&root),
                CREATE,
                json!({ "u": for_instance.url, "e": STATUS_EVENTS, "i": true }),
            )
            .await;

        let id = server.post(&alice, "a note to self", "PRIVATE").await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { editStatus(input: {id: $id, text: \"a better note\"}) { status { id } } }",
                json!({ "id": id }),
            )
            .await;
        server
            .ok(
                Some(&alice),
                "mutation($id: ID!) { deleteStatus(input: {id: $id}) { deletedStatusId } }",
                json!({ "id": id }),
            )
            .await;
        server.post(&alice, "for everyone", "PUBLIC").await;
        eventually(Duration::from_secs(20), "alice's four events", || async {
            for_alice.received().len() >= 4
        })
        .await;
        let mut events = for_alice.events(&secret);
        events.retain(|(_, object)| object["id"] == id.as_str());
        let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(
            names,
            ["STATUS_CREATED", "STATUS_UPDATED", "STATUS_DELETED"],
            "{}",
            server.backend
        );
        assert_eq!(events[0].1["visibility"], "PRIVATE");
        assert!(events[2].1["source"] == "", "a deleted note tells no text");
        eventually(Duration::from_secs(20), "the public status", || async {
            !for_instance.received().is_empty()
        })
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            for_instance.received().len(),
            1,
            "{}: only the public status reaches the instance's webhook",
            server.backend
        );
    }
}

/// An instance-wide webhook hears of the local statuses anyone may read, public and
/// unlisted; followers-only, direct, local-only and private ones reach their author's own
/// webhooks alone. A public status posted last is the sentinel: the instance's webhook
/// has heard of everything before it when it has heard of it.
#[tokio::test]
async fn instance_webhooks_hear_of_public_and_unlisted_statuses() {
    for server in working_servers().await {
        let (alice, _) = server.register("alice").await;
        server.register("bob").await;
        let for_alice = Receiver::start(Vec::new()).await;
        let for_instance = Receiver::start(Vec::new()).await;
        let (alice_secret, _) =
            create(&server, &alice, &for_alice.url, json!(["STATUS_CREATED"])).await;
        let root = admin(&server).await;
        let data = server
            .ok(
                Some(&root),
                CREATE,
                json!({ "u": for_instance.url, "e": ["STATUS_CREATED"], "i": true }),
            )
            .await;
        let secret = data["createWebhook"]["secret"].as_str().unwrap().to_owned();
        let visibilities = [
            "PUBLIC",
            "UNLISTED",
            "FOLLOWERS",
            "DIRECT",
            "LOCAL",
            "PRIVATE",
        ];
        for visibility in visibilities {
            server
                .post(&alice, &format!("@bob {visibility}"), visibility)
                .await;
        }
        server.post(&alice, "sentinel", "PUBLIC").await;
        let text_of = |object: &Value| object["source"].as_str().unwrap_or_default().to_owned();
        eventually(Duration::from_secs(20), "the sentinel", || async {
            for_instance
                .events(&secret)
                .iter()
                .any(|(_, object)| text_of(object) == "sentinel")
        })
        .await;
        eventually(
            Duration::from_secs(20),
            "alice's seven statuses",
            || async { for_alice.received().len() >= 7 },
        )
        .await;
        let mut heard: Vec<String> = for_instance
            .events(&secret)
            .iter()
            .map(|(_, object)| text_of(object))
            .collect();
        heard.sort();
        assert_eq!(
            heard,
            ["@bob PUBLIC", "@bob UNLISTED", "sentinel"],
            "{}",
            server.backend
        );
        let mut own: Vec<String> = for_alice
            .events(&alice_secret)
            .iter()
            .map(|(_, object)| text_of(object))
            .collect();
        own.sort();
        let mut expected: Vec<String> = visibilities.iter().map(|v| format!("@bob {v}")).collect();
        expected.push("sentinel".into());
        expected.sort();
        assert_eq!(own, expected, "{}", server.backend);
    }
}

const ACCOUNT_FIELDS: &str =
    "id username domain acct local displayName locked bot uri url createdAt";

/// Every payload is the API's own shape: the object a webhook is told of equals what
/// GraphQL answers for the same id and fields (global ids, field names, enum values and
/// time format alike).
#[tokio::test]
async fn payloads_are_what_the_api_gives() {
    for server in working_servers().await {
        let backend = server.backend;
        let (alice, alice_id) = server.register("alice").await;
        let root = admin(&server).await;
        let for_alice = Receiver::start(Vec::new()).await;
        let for_instance = Receiver::start(Vec::new()).await;
        let (alice_secret, _) = create(&server, &alice, &for_alice.url, json!(STATUS_EVENTS)).await;
        let data = server
            .ok(
                Some(&root),
                CREATE,
                json!({
                    "u": for_instance.url,
                    "e": ["ACCOUNT_CREATED", "REPORT_CREATED"],
                    "i": true,
                }),
            )
            .await;
        let instance_secret = data["createWebhook"]["secret"].as_str().unwrap().to_owned();

        let parent = server.post(&alice, "the start", "PUBLIC").await;
        let reply = server
            .ok(
                Some(&alice),
                "mutation($p: ID!) { createStatus(input: {text: \"a *reply*\", visibility: UNLISTED, contentWarning: \"spoilers\", inReplyToId: $p, language: \"en\"}) { status { id } } }",
                json!({ "p": parent }),
            )
            .await["createStatus"]["status"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (carol, _) = server.register("carol").await;
        let report = server
            .ok(
                Some(&carol),
                "mutation($i: CreateReportInput!) { createReport(input: $i) { reportId } }",
                json!({ "i": { "accountId": alice_id, "statusIds": [reply], "comment": "rude", "category": "SPAM" } }),
            )
            .await["createReport"]["reportId"]
            .as_str()
            .unwrap()
            .to_owned();
        eventually(Duration::from_secs(20), "the events", || async {
            for_alice.received().len() >= 2 && for_instance.received().len() >= 2
        })
        .await;

        let status_fields = format!(
            "id uri url content source contentWarning sensitive visibility language local inReplyTo {{ id }} createdAt editedAt deleted deletedAt author {{ {ACCOUNT_FIELDS} }}"
        );
        let read = |token: String, kind: &'static str, fields: String, id: String| {
            let server = &server;
            async move {
                let query = format!(
                    "query($id: ID!) {{ node(id: $id) {{ ... on {kind} {{ {fields} }} }} }}"
                );
                server.ok(Some(&token), &query, json!({ "id": id })).await["node"].clone()
            }
        };
        let told = for_alice.events(&alice_secret);
        let (_, created) = told
            .iter()
            .find(|(event, object)| event == "STATUS_CREATED" && object["id"] == reply.as_str())
            .unwrap_or_else(|| panic!("{backend}: {told:?}"));
        let api = read(alice.clone(), "Status", status_fields, reply.clone()).await;
        assert_eq!(*created, api, "{backend}");
        assert_eq!(created["inReplyTo"]["id"], parent.as_str());
        assert_eq!(created["visibility"], "UNLISTED");

        let told = for_instance.events(&instance_secret);
        let account = &told
            .iter()
            .find(|(event, _)| event == "ACCOUNT_CREATED")
            .unwrap_or_else(|| panic!("{backend}: {told:?}"))
            .1;
        assert_eq!(account["username"], "carol");
        let api = read(
            root.clone(),
            "Account",
            ACCOUNT_FIELDS.to_owned(),
            account["id"].as_str().unwrap().to_owned(),
        )
        .await;
        assert_eq!(*account, api, "{backend}");

        let reported = &told
            .iter()
            .find(|(event, _)| event == "REPORT_CREATED")
            .unwrap_or_else(|| panic!("{backend}: {told:?}"))
            .1;
        assert_eq!(reported["id"], report.as_str());
        let fields = format!(
            "id comment category remote createdAt statuses {{ id }} account {{ {ACCOUNT_FIELDS} }} reporter {{ {ACCOUNT_FIELDS} }}"
        );
        let api = read(root.clone(), "Report", fields, report.clone()).await;
        assert_eq!(*reported, api, "{backend}");
        assert_eq!(reported["category"], "SPAM");
    }
}
