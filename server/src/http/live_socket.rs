//! One live connection on `/graphql/ws`: the GraphQL WebSocket protocols within limits.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::http::{WebSocket as GraphqlProtocol, WebSocketProtocols, WsMessage};
use futures::{SinkExt, StreamExt, future};
use poem::web::websocket::{Message, WebSocketStream};
use rookery_domain::DomainError;
use rookery_domain::service::auth;
use serde::Deserialize;
use tokio::sync::{Notify, mpsc};

use super::live_limits::Counted;
use crate::graphql::error::{api_error, with_code};
use crate::graphql::loaders::{Keeping, Loaders};
use crate::graphql::{RequestContext, RookerySchema};
use crate::state::AppState;
use rookery_domain::ErrorCode;

/// What the connection learned: whether it was initialised, with which token, and
/// which subscriptions run.
#[derive(Default)]
struct Session {
    initialised: bool,
    token: Option<String>,
    account: Option<Counted>,
    running: HashSet<String>,
}

type Shared = Arc<Mutex<Session>>;

fn lock(session: &Shared) -> std::sync::MutexGuard<'_, Session> {
    session.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The parts of a protocol message the limits look at.
#[derive(Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    id: Option<String>,
}

/// Serves one upgraded connection until either side closes it.
pub async fn serve(
    socket: WebSocketStream,
    schema: RookerySchema,
    protocol: WebSocketProtocols,
    state: Arc<AppState>,
    client_ip: Option<IpAddr>,
    session_token: Option<String>,
    _address: Option<Counted>,
) {
    let limits = state.live_limits;
    let session = Shared::default();
    let (mut sink, stream) = socket.split();
    let (refuse, mut refused) = mpsc::channel::<String>(16);
    let flooded = Arc::new(Notify::new());
    let inbound = {
        let session = session.clone();
        let flooded = flooded.clone();
        stream
            .take_while(|message| future::ready(message.is_ok()))
            .filter_map(move |message| {
                let admitted = match message {
                    Ok(message) if message.is_text() || message.is_binary() => {
                        let bytes = message.into_bytes();
                        match admit(&session, &bytes, limits.max_subscriptions) {
                            Admission::Pass => Some(bytes),
                            Admission::Refuse(id) => {
                                // A client that sends faster than it reads is cut off.
                                if refuse.try_send(id).is_err() {
                                    flooded.notify_one();
                                }
                                None
                            }
                        }
                    }
                    _ => None,
                };
                future::ready(admitted)
            })
    };
    let init_state = state.clone();
    let init_session = session.clone();
    let graphql = GraphqlProtocol::new(schema, inbound, protocol)
        .on_connection_init(move |payload| {
            connection_init(init_state, init_session, client_ip, session_token, payload)
        })
        .map(|message| match message {
            WsMessage::Text(text) => Message::text(text),
            WsMessage::Close(code, reason) => Message::close_with(code, close_reason(reason)),
        });
    futures::pin_mut!(graphql);
    let init_deadline = tokio::time::sleep(limits.init_timeout);
    tokio::pin!(init_deadline);
    let mut recheck = tokio::time::interval(limits.recheck_interval);
    recheck.tick().await;
    loop {
        let initialised = lock(&session).initialised;
        let (message, last) = tokio::select! {
            message = graphql.next() => match message {
                Some(message) => {
                    finished(&session, &message);
                    (message, false)
                }
                None => break,
            },
            Some(id) = refused.recv() => (refusal(protocol, &id, limits.max_subscriptions), false),
            () = flooded.notified() => (Message::close_with(4429_u16, "Too many subscriptions"), true),
            () = &mut init_deadline, if !initialised => {
                (Message::close_with(4408_u16, "Connection initialisation timeout"), true)
            }
            _ = recheck.tick() => {
                let token = lock(&session).token.clone();
                match token {
                    Some(token) if auth::authenticate(&state.app.db, &token).await.is_err() => {
                        (Message::close_with(4403_u16, "Forbidden"), true)
                    }
                    _ => continue,
                }
            }
        };
        let closing = last || matches!(message, Message::Close(_));
        if sink.send(message).await.is_err() || closing {
            break;
        }
    }
    let _ = sink.close().await;
}

enum Admission {
    Pass,
    /// A subscription over the limit, by its id.
    Refuse(String),
}

/// Notes what a client message starts or stops; refuses a subscription over `max`.
fn admit(session: &Shared, bytes: &[u8], max: usize) -> Admission {
    // What does not parse here fails in the protocol too, which closes the connection.
    let Ok(envelope) = serde_json::from_slice::<Envelope>(bytes) else {
        return Admission::Pass;
    };
    let mut session = lock(session);
    match (envelope.kind.as_str(), envelope.id) {
        ("connection_init", _) => session.initialised = true,
        ("subscribe" | "start", Some(id)) => {
            if !session.running.contains(&id) && session.running.len() >= max {
                return Admission::Refuse(id);
            }
            session.running.insert(id);
        }
        ("complete" | "stop", Some(id)) => {
            session.running.remove(&id);
        }
        _ => {}
    }
    Admission::Pass
}

/// The longest close reason a WebSocket close frame carries, in bytes.
const MAX_CLOSE_REASON: usize = 123;

/// `reason` cut to fit a close frame, at a character boundary.
fn close_reason(mut reason: String) -> String {
    if reason.len() > MAX_CLOSE_REASON {
        let end = (0..=MAX_CLOSE_REASON)
            .rev()
            .find(|&end| reason.is_char_boundary(end))
            .unwrap_or(0);
        reason.truncate(end);
    }
    reason
}

/// Forgets a subscription the server completed.
fn finished(session: &Shared, message: &Message) {
    let Message::Text(text) = message else {
        return;
    };
    if !text.starts_with(r#"{"type":"complete""#) {
        return;
    }
    if let Ok(Envelope { id: Some(id), .. }) = serde_json::from_str::<Envelope>(text) {
        lock(session).running.remove(&id);
    }
}

/// The error that answers a subscription over the limit.
fn refusal(protocol: WebSocketProtocols, id: &str, max: usize) -> Message {
    let error = async_graphql::ServerError::new(
        format!("a connection may run {max} subscriptions at once"),
        None,
    );
    let error = with_code(error, ErrorCode::TooManySubscriptions);
    let payload = match protocol {
        WebSocketProtocols::GraphQLWS => serde_json::json!([error]),
        WebSocketProtocols::SubscriptionsTransportWS => serde_json::json!(error),
    };
    let message = serde_json::json!({ "type": "error", "id": id, "payload": payload });
    Message::text(message.to_string())
}

/// The live connection's viewer (from the payload's bearer token, else the session
/// cookie the upgrade carried from the instance's own origin) and its loaders, which keep
/// nothing between events; an account holds a limited number of connections.
async fn connection_init(
    state: Arc<AppState>,
    session: Shared,
    client_ip: Option<IpAddr>,
    session_token: Option<String>,
    payload: serde_json::Value,
) -> async_graphql::Result<async_graphql::Data> {
    let authorization = ["authorization", "Authorization"]
        .iter()
        .find_map(|key| payload.get(key).and_then(|v| v.as_str()));
    let token = match authorization {
        None => session_token,
        Some(value) => Some(
            super::bearer::token_of(value)
                .ok_or_else(|| {
                    api_error(DomainError::validation(
                        "authorization",
                        "expected \"Bearer <token>\"",
                    ))
                })?
                .to_owned(),
        ),
    };
    let viewer = match token.as_deref() {
        None => None,
        Some(token) => {
            let viewer = auth::authenticate(&state.app.db, token)
                .await
                .map_err(api_error)?;
            let counted = state
                .live_connections
                .of_account(viewer.account_id, state.live_limits.max_per_account)
                .ok_or_else(|| api_error(DomainError::RateLimited))?;
            let mut session = lock(&session);
            session.token = Some(token.to_owned());
            session.account = Some(counted);
            Some(viewer)
        }
    };
    let mut data = async_graphql::Data::default();
    data.insert(RequestContext { viewer, client_ip });
    let viewer_id = viewer.map(|v| v.account_id);
    data.insert(Loaders::new(
        &state.app.db,
        viewer_id,
        state.batch_window,
        Keeping::Nothing(&state.live_reads),
    ));
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_a_close_frame() {
        assert_eq!(close_reason("Forbidden".into()), "Forbidden");
        let long = "é".repeat(100);
        let cut = close_reason(long);
        assert_eq!(cut.len(), 122);
        assert!(cut.chars().all(|c| c == 'é'));
        assert_eq!(close_reason("x".repeat(500)).len(), MAX_CLOSE_REASON);
    }
}
