//! Live connections within limits: the handshake deadline, subscriptions per connection,
//! connections per account and address, rate limits (sign-in attempts counted in Redis for
//! every process), and tokens that stop working.

use std::time::{Duration, Instant};

use futures::{SinkExt, StreamExt};
use rookery_domain::testing::TestDb;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use super::support::{TestServer, serve, serve_behind_proxy, serve_changed, serve_with};

/// What a live connection read next.
#[derive(Debug)]
enum Read {
    Message(Value),
    Closed(Option<u16>),
    Nothing,
}

struct Socket(WebSocketStream<MaybeTlsStream<TcpStream>>);

impl Socket {
    /// Opens `/graphql/ws` without initialising it.
    async fn open(server: &TestServer) -> Result<Self, String> {
        let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
        let mut request = url.into_client_request().unwrap();
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws".parse().unwrap(),
        );
        match tokio_tungstenite::connect_async(request).await {
            Ok((socket, _)) => Ok(Self(socket)),
            Err(error) => Err(error.to_string()),
        }
    }

    /// Opens and initialises a connection, signed in with `token`.
    async fn connect(server: &TestServer, token: Option<&str>) -> Result<Self, String> {
        let mut socket = Self::open(server).await?;
        let payload = match token {
            Some(token) => json!({ "authorization": format!("Bearer {token}") }),
            None => json!({}),
        };
        socket
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        match socket.read(Duration::from_secs(10)).await {
            Read::Message(message) if message["type"] == "connection_ack" => Ok(socket),
            other => Err(format!("{other:?}")),
        }
    }

    async fn send(&mut self, message: Value) {
        let _ = self.0.send(Message::text(message.to_string())).await;
    }

    async fn subscribe(&mut self, id: &str, query: &str) {
        self.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query } }))
            .await;
    }

    async fn read(&mut self, wait: Duration) -> Read {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.0.next()).await {
                Err(_) => return Read::Nothing,
                Ok(None | Some(Err(_))) => return Read::Closed(None),
                Ok(Some(Ok(Message::Text(text)))) => {
                    let message: Value = serde_json::from_str(&text).unwrap();
                    if message["type"] == "ping" {
                        self.send(json!({ "type": "pong" })).await;
                        continue;
                    }
                    return Read::Message(message);
                }
                Ok(Some(Ok(Message::Close(frame)))) => {
                    return Read::Closed(frame.map(|f| u16::from(f.code)));
                }
                Ok(Some(Ok(_))) => {}
            }
        }
    }

    /// The next message that is not a `complete`.
    async fn answer(&mut self) -> Value {
        loop {
            match self.read(Duration::from_secs(10)).await {
                Read::Message(message) if message["type"] == "complete" => {}
                Read::Message(message) => return message,
                other => panic!("no answer: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn a_connection_that_never_initialises_is_closed() {
    let server = serve(TestDb::sqlite().await).await;
    let mut socket = Socket::open(&server).await.unwrap();
    let started = Instant::now();
    match socket.read(Duration::from_secs(15)).await {
        Read::Closed(code) => assert_eq!(code, Some(4408)),
        other => panic!("still open after {:?}: {other:?}", started.elapsed()),
    }
    assert!(started.elapsed() < Duration::from_secs(12));
}

#[tokio::test]
async fn a_connection_runs_a_limited_number_of_subscriptions() {
    let server = serve(TestDb::sqlite().await).await;
    let mut socket = Socket::connect(&server, None).await.unwrap();
    for n in 0..100 {
        socket
            .subscribe(
                &n.to_string(),
                "subscription { publicTimelineUpdates { kind } }",
            )
            .await;
    }
    socket
        .subscribe("over", "subscription { publicTimelineUpdates { kind } }")
        .await;
    let refused = socket.answer().await;
    assert_eq!(refused["type"], "error", "{refused}");
    assert_eq!(refused["id"], "over");
    assert_eq!(
        refused["payload"][0]["extensions"]["code"],
        "TOO_MANY_SUBSCRIPTIONS"
    );
    // Completing one makes room for another.
    socket.send(json!({ "id": "0", "type": "complete" })).await;
    socket.subscribe("q", "{ __typename }").await;
    let answer = socket.answer().await;
    assert_eq!(answer["id"], "q", "{answer}");
    assert_eq!(answer["payload"]["data"]["__typename"], "Query");
}

#[tokio::test]
async fn log_in_over_a_live_connection_is_rate_limited() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let server = serve_with(test, db, 3).await;
    let mut socket = Socket::connect(&server, None).await.unwrap();
    let login =
        "mutation { login(input: {username: \"nobody\", password: \"whatever1\"}) { token } }";
    let mut codes = Vec::new();
    for n in 0..4 {
        socket.subscribe(&n.to_string(), login).await;
        let answer = socket.answer().await;
        codes.push(answer["payload"]["errors"][0]["extensions"]["code"].clone());
    }
    assert_eq!(
        codes,
        [
            "INVALID_CREDENTIALS",
            "INVALID_CREDENTIALS",
            "INVALID_CREDENTIALS",
            "RATE_LIMITED"
        ]
    );
    // Over HTTP too: the address is the same client's.
    assert_eq!(
        server.error_code(None, login, json!({})).await,
        "RATE_LIMITED"
    );
}

async fn login_from(server: &TestServer, address: &str, user: &str) -> Value {
    let login =
        "mutation($u: String!) { login(input: {username: $u, password: \"whatever1\"}) { token } }";
    let body: Value = server
        .client
        .post(format!("{}/graphql", server.base))
        .header("x-forwarded-for", address)
        .json(&json!({ "query": login, "variables": { "u": user } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["errors"][0]["extensions"]["code"].clone()
}

#[tokio::test]
async fn forwarding_headers_are_believed_from_trusted_proxies_only() {
    let test = TestDb::sqlite().await;
    let db = test.db.clone();
    let server = serve_with(test, db, 3).await;
    for address in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
        assert_eq!(
            login_from(&server, address, "nobody").await,
            "INVALID_CREDENTIALS"
        );
    }
    // The peer is not a trusted proxy: all of them were one client.
    assert_eq!(
        login_from(&server, "4.4.4.4", "other").await,
        "RATE_LIMITED"
    );
}

#[tokio::test]
async fn log_in_is_rate_limited_per_address_and_per_account() {
    let server = serve_behind_proxy(TestDb::sqlite().await, 3).await;
    for address in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
        assert_eq!(
            login_from(&server, address, "victim").await,
            "INVALID_CREDENTIALS"
        );
    }
    // Each address tried once; the account was tried three times.
    assert_eq!(
        login_from(&server, "4.4.4.4", "Victim").await,
        "RATE_LIMITED"
    );
    assert_eq!(
        login_from(&server, "5.5.5.5", "other").await,
        "INVALID_CREDENTIALS"
    );
    // Addresses of one IPv6 /64 are one client.
    for n in 1..=3 {
        assert_eq!(
            login_from(&server, &format!("2001:db8::{n}"), &format!("user{n}")).await,
            "INVALID_CREDENTIALS"
        );
    }
    assert_eq!(
        login_from(&server, "2001:db8::ffff:1", "user9").await,
        "RATE_LIMITED"
    );
}

#[tokio::test]
async fn connections_are_limited_per_account_and_address() {
    let server = serve(TestDb::sqlite().await).await;
    let (token, _) = server.register("alice").await;
    let mut held = Vec::new();
    for _ in 0..20 {
        held.push(Socket::connect(&server, Some(&token)).await.unwrap());
    }
    assert!(Socket::connect(&server, Some(&token)).await.is_err());
    for _ in 0..30 {
        held.push(Socket::connect(&server, None).await.unwrap());
    }
    // 50 from this address now.
    assert!(Socket::open(&server).await.is_err());
    held.pop();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(Socket::connect(&server, None).await.is_ok());
}

#[tokio::test]
async fn a_revoked_token_closes_its_connections() {
    let server = serve(TestDb::sqlite().await).await;
    let (token, _) = server.register("alice").await;
    let mut socket = Socket::connect(&server, Some(&token)).await.unwrap();
    socket
        .subscribe("home", "subscription { homeTimelineUpdates { kind } }")
        .await;
    server
        .ok(
            Some(&token),
            "mutation { logout { revokedTokens } }",
            json!({}),
        )
        .await;
    let started = Instant::now();
    match socket.read(Duration::from_secs(15)).await {
        Read::Closed(code) => assert_eq!(code, Some(4403)),
        other => panic!("still open: {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn a_password_reset_closes_the_connections_of_every_token() {
    let server = serve(TestDb::sqlite().await).await;
    let (token, _) = server.register("alice").await;
    let mut sockets = Vec::new();
    for _ in 0..2 {
        let mut socket = Socket::connect(&server, Some(&token)).await.unwrap();
        socket
            .subscribe("notes", "subscription { notificationReceived { kind } }")
            .await;
        sockets.push(socket);
    }
    // As `rookery admin reset-password` does.
    rookery_domain::service::auth::reset_password(
        &server.db.db,
        "alice",
        "a brand new password".into(),
    )
    .await
    .unwrap();
    let started = Instant::now();
    for mut socket in sockets {
        match socket.read(Duration::from_secs(15)).await {
            Read::Closed(code) => assert_eq!(code, Some(4403)),
            other => panic!("still open: {other:?}"),
        }
    }
    assert!(started.elapsed() < Duration::from_secs(8));
}

#[tokio::test]
async fn a_live_message_over_the_body_limit_closes_the_connection() {
    let server = serve(TestDb::sqlite().await).await;
    let mut socket = Socket::connect(&server, None).await.unwrap();
    let padded = format!("{{ __typename }} # {}", "x".repeat(2 * 1024 * 1024));
    socket.subscribe("big", &padded).await;
    match socket.read(Duration::from_secs(10)).await {
        Read::Closed(_) => {}
        other => panic!("answered: {other:?}"),
    }
    let mut fresh = Socket::connect(&server, None).await.unwrap();
    fresh.subscribe("small", "{ __typename }").await;
    assert_eq!(
        fresh.answer().await["payload"]["data"]["__typename"],
        "Query"
    );
}

#[tokio::test]
async fn sign_in_attempts_are_counted_once_for_every_process_sharing_redis() {
    use rookery_server::auth_limits::AuthLimiter;

    let url = std::env::var("ROOKERY_TEST_REDIS_URL").unwrap_or("redis://127.0.0.1:6379".into());
    let namespace = format!("rookery-test-{}", uuid::Uuid::now_v7().simple());
    let mut servers = Vec::new();
    for _ in 0..2 {
        let limiter = match AuthLimiter::shared(3, &url, &namespace).await {
            Ok(limiter) => std::sync::Mutex::new(Some(limiter)),
            Err(error) => {
                rookery_domain::testing::skip_unless_required(&format!(
                    "Redis is not reachable at {url}: {error}"
                ));
                return;
            }
        };
        let share = move |state: &mut rookery_server::state::AppState| {
            if let Some(limiter) = limiter.lock().unwrap().take() {
                state.auth_limiter = limiter;
            }
            state.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
        };
        servers.push(serve_changed(TestDb::sqlite().await, 3, &share).await);
    }
    // Three attempts for one account, spread over both servers, spend the budget of both:
    // each alone has seen fewer than three.
    for server in [&servers[0], &servers[1], &servers[0]] {
        assert_eq!(
            login_from(server, "1.1.1.1", "victim").await,
            "INVALID_CREDENTIALS"
        );
    }
    assert_eq!(
        login_from(&servers[1], "1.1.1.1", "victim").await,
        "RATE_LIMITED"
    );
    // Another account from another address is a budget of its own.
    assert_eq!(
        login_from(&servers[1], "2.2.2.2", "other").await,
        "INVALID_CREDENTIALS"
    );
}
