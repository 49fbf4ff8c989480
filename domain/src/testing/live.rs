//! A graphql-transport-ws client for tests and benchmarks: connects, signs in, subscribes
//! and reads what the server sends.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub struct LiveClient {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How a connection attempt ended.
#[derive(Debug)]
pub enum Refused {
    /// The server closed the connection instead of acknowledging it, with this reason.
    Closed(String),
    Other(String),
}

impl LiveClient {
    /// Connects to `base`'s `/graphql/ws` (an `http://` base) and waits for the ack;
    /// signs in with `token` when given.
    pub async fn connect(base: &str, token: Option<&str>) -> Result<Self, Refused> {
        Self::connect_with(base, token, &[]).await
    }

    /// [`Self::connect`] with more `headers` on the upgrade request (a cookie, an origin).
    pub async fn connect_with(
        base: &str,
        token: Option<&str>,
        headers: &[(&'static str, &str)],
    ) -> Result<Self, Refused> {
        let url = format!("{}/graphql/ws", base.replacen("http", "ws", 1));
        let mut request = url
            .into_client_request()
            .map_err(|e| Refused::Other(e.to_string()))?;
        request.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            "graphql-transport-ws"
                .parse()
                .map_err(|_| Refused::Other("header".into()))?,
        );
        for (name, value) in headers {
            request.headers_mut().insert(
                *name,
                value.parse().map_err(|_| Refused::Other("header".into()))?,
            );
        }
        let (socket, _) = tokio_tungstenite::connect_async(request)
            .await
            .map_err(|e| Refused::Other(e.to_string()))?;
        let mut client = Self { socket };
        let payload = match token {
            Some(token) => json!({ "authorization": format!("Bearer {token}") }),
            None => json!({}),
        };
        client
            .send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        loop {
            match client.socket.next().await {
                Some(Ok(Message::Text(text))) => {
                    let message: Value =
                        serde_json::from_str(&text).map_err(|e| Refused::Other(e.to_string()))?;
                    if message["type"] == "connection_ack" {
                        return Ok(client);
                    }
                }
                Some(Ok(Message::Close(frame))) => {
                    return Err(Refused::Closed(
                        frame.map(|f| f.reason.to_string()).unwrap_or_default(),
                    ));
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(Refused::Other(e.to_string())),
                None => return Err(Refused::Closed(String::new())),
            }
        }
    }

    async fn send(&mut self, message: Value) {
        // A closed socket shows on the next read.
        let _ = self.socket.send(Message::text(message.to_string())).await;
    }

    /// Starts the subscription `query` under `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({
            "id": id,
            "type": "subscribe",
            "payload": { "query": query, "variables": variables },
        }))
        .await;
    }

    /// Stops the subscription `id`.
    pub async fn complete(&mut self, id: &str) {
        self.send(json!({ "id": id, "type": "complete" })).await;
    }

    /// The next `next`, `error` or `complete` message (as sent), waiting at most `wait`;
    /// None when nothing came.
    pub async fn message_within(&mut self, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let read = tokio::time::timeout_at(deadline, self.socket.next()).await;
            let Ok(Some(Ok(message))) = read else {
                return None;
            };
            match message {
                Message::Text(text) => {
                    let value: Value = serde_json::from_str(&text).ok()?;
                    match value["type"].as_str() {
                        Some("next" | "error" | "complete") => return Some(value),
                        Some("ping") => self.send(json!({ "type": "pong" })).await,
                        _ => {}
                    }
                }
                Message::Ping(data) => {
                    let _ = self.socket.send(Message::Pong(data)).await;
                }
                Message::Close(_) => return None,
                _ => {}
            }
        }
    }

    /// The data of the next `next` message, waiting at most `wait` (panics on anything
    /// else: for tests).
    pub async fn next_data(&mut self, wait: Duration) -> Value {
        let message = self
            .message_within(wait)
            .await
            .unwrap_or_else(|| panic!("nothing arrived within {wait:?}"));
        assert_eq!(message["type"], "next", "{message}");
        assert!(message["payload"]["errors"].is_null(), "{message}");
        message["payload"]["data"].clone()
    }
}
